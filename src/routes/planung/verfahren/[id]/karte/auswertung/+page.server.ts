import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import { loadAnalyticsPage } from '$lib/server/mapcomments/analytics-page.ts';
import { TOP_LIMIT } from '$lib/server/mapcomments/analytics.ts';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'planner');
	const m = messages(event.locals.locale);
	if (!isUuid(event.params.id)) error(404, m.error404);
	const result = await loadAnalyticsPage(
		await appContext(),
		event.params.id,
		event.url.searchParams
	);
	if (!result.ok) {
		if (result.error === 'notFound') error(404, m.error404);
		error(400, m[result.error]);
	}
	return { ...result.page, topLimit: TOP_LIMIT, asOf: new Date().toISOString() };
};
