import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import { findVisibleStage, parseViewQuery } from '$lib/server/mapcomments/map-page.ts';
import { findGeometries } from '$lib/server/mapcomments/map-view.repository.ts';

// A screenful of unclustered lines and areas; more than this and the map shows clusters anyway.
const MAX_IDS = 200;

/** Geometries of the lines and areas the map shows unclustered: ?ansicht=…&id=…(repeatable). */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const { db } = await appContext();
	const m = messages(locals.locale);
	const found = await findVisibleStage(db, params.slug, locals.user);
	if (!found) error(404, m.error404);
	const view = new URLSearchParams();
	const plan = url.searchParams.get('ansicht');
	if (plan) view.set('ansicht', plan);
	const query = parseViewQuery(found.stage, view);
	if (!query.ok) error(400, m[query.error]);
	const ids = url.searchParams.getAll('id');
	if (ids.length > MAX_IDS || !ids.every(isUuid)) error(400, m.mvShapeIdsInvalid);
	const geometries = await findGeometries(
		db,
		{ stageId: found.stage.id, planId: query.value.filter.planId },
		[...new Set(ids.map((id) => id.toLowerCase()))]
	);
	return json(geometries, { headers: { 'cache-control': 'private, max-age=60' } });
};
