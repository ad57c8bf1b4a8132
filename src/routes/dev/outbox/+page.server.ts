import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { listOutbox } from '$lib/server/mail/mailer.ts';

// Development and demo only: in production the page does not exist, and with SMTP configured
// mails go out instead of landing here.
export const load: PageServerLoad = async ({ locals }) => {
	const ctx = await appContext();
	if (ctx.config.production) error(404, messages(locals.locale).error404);
	return { mails: await listOutbox(ctx.db), smtp: Boolean(ctx.config.smtpUrl) };
};
