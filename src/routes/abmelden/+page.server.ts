import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { deleteSessionCookie } from '$lib/server/auth/cookies.ts';
import { invalidateSession } from '$lib/server/auth/sessions.ts';

// Logging out changes state, so it is a POST (a prefetched or forged GET cannot end a session).
export const load: PageServerLoad = ({ locals }) => {
	redirect(303, localizePath('/', locals.locale));
};

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		const ctx = await appContext();
		if (locals.sessionId) await invalidateSession(ctx.db, locals.sessionId);
		deleteSessionCookie(cookies, ctx.config);
		redirect(303, localizePath('/', locals.locale));
	}
};
