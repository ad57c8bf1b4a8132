import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { isUuid } from '$lib/server/db/ids.ts';
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
	// The filter form is a plain GET form (works without script); the parser reads its fields.
	const parsed = parseResultsQuery(event.url.searchParams, survey, locale);
	if (!parsed.ok) error(400, parsed.message);
	const { filter, by, cross } = parsed;
	const view = await dashboardView(db, survey, { filter, by, cross }, locale);
	return { ...view, survey: { id: survey.id, title: survey.title, kind: survey.kind } };
};
