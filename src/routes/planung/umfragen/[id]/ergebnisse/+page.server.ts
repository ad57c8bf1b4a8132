import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { localizePath, messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import { FORM_MARKER, queryFromForm } from '$lib/server/results/dashboard-form.ts';
import { dashboardView } from '$lib/server/results/dashboard-view.ts';
import { parseResultsQuery } from '$lib/server/results/filter-params.ts';
import { findSurvey } from '$lib/server/surveys/surveys.repository.ts';

/** invalidate() key of the live refresh. */
const LIVE = 'results:dashboard';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'planner');
	event.depends(LIVE);
	const { locale } = event.locals;
	const m = messages(locale);
	const { id } = event.params;
	const db = (await appContext()).db;
	const survey = isUuid(id) ? await findSurvey(db, id) : undefined;
	if (!survey) error(404, m.error404);
	const params = event.url.searchParams;
	if (params.has(FORM_MARKER)) {
		const query = queryFromForm(params);
		if (query === 'incomplete') error(400, m.rdCrossIncomplete);
		const parsed = parseResultsQuery(new URLSearchParams(query), survey);
		if (!parsed.ok) error(400, parsed.message);
		redirect(303, localizePath(`/planung/umfragen/${id}/ergebnisse${query}`, locale));
	}
	const parsed = parseResultsQuery(params, survey);
	if (!parsed.ok) error(400, parsed.message);
	const view = await dashboardView(db, survey, parsed, locale);
	if (!view) error(404, m.error404);
	return { ...view, survey: { id: survey.id, title: survey.title, kind: survey.kind } };
};
