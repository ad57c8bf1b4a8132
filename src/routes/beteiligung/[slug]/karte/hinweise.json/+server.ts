import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import {
	findVisibleStage,
	loadViewData,
	parseViewQuery
} from '$lib/server/mapcomments/map-page.ts';

// The comments of one view for the map and its list: markers for clustering (when asked for),
// the count and one page of list entries for the visible area.
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const { db } = await appContext();
	const m = messages(locals.locale);
	const found = await findVisibleStage(db, params.slug, locals.user);
	if (!found) error(404, m.error404);
	const query = parseViewQuery(found.stage, url.searchParams);
	if (!query.ok) error(400, m[query.error]);
	const data = await loadViewData(db, found.stage, query.value);
	// Comments change while people write: revalidate every time, never share between people.
	return json(data, { headers: { 'cache-control': 'private, no-cache' } });
};
