import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { localizePath } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { parseForm } from '$lib/server/http/forms.ts';
import { codesForm, fileSlug } from '$lib/server/surveys/builder-forms.ts';
import { refusalMessage } from '$lib/server/surveys/builder-messages.ts';
import { codesCsv } from '$lib/server/surveys/codes.ts';
import { createParticipationCodes } from '$lib/server/surveys/builder.ts';

// The builder's "N Codes erzeugen" form posts here and receives the CSV itself: the plain codes
// exist only in this answer, so it must never be cached.
export const POST: RequestHandler = async (event) => {
	const { locale } = event.locals;
	const builder = localizePath(`/planung/umfragen/${event.params.id}`, locale);
	// After logging in, come back to the builder: this address only answers POST.
	if (!event.locals.user) {
		redirect(303, `${localizePath('/anmelden', locale)}?weiter=${encodeURIComponent(builder)}`);
	}
	const planner = requireRole(event, 'planner');
	const parsed = parseForm(codesForm, await event.request.formData(), locale);
	if (!parsed.ok) redirect(303, `${builder}?codes=ungueltig#codes`);
	const { db } = await appContext();
	const outcome = await createParticipationCodes(
		db,
		planner.id,
		event.params.id,
		parsed.data.count
	);
	if (!outcome.ok) {
		error(outcome.reason === 'notFound' ? 404 : 409, refusalMessage(outcome, locale));
	}
	const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
	const filename = `teilnahmecodes-${fileSlug(outcome.title)}-${date}.csv`;
	return new Response(codesCsv(outcome.codes, outcome.title), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'no-store'
		}
	});
};
