import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import { ownViewPlans } from '$lib/server/mapcomments/map-page.ts';
import { findGeometries } from '$lib/server/mapcomments/map-view.repository.ts';
import { findStageOfConsultation } from '$lib/server/mapcomments/stages.service.ts';

// A screenful of unclustered lines and areas, as the residents' map asks for them.
const MAX_IDS = 200;

/** Shapes for the analysis map, for planners even while the stage is a draft: ?ansicht=&id=… */
export const GET: RequestHandler = async (event) => {
	requireRole(event, 'planner');
	const m = messages(event.locals.locale);
	if (!isUuid(event.params.id)) error(404, m.error404);
	const { db } = await appContext();
	const stage = await findStageOfConsultation(db, event.params.id);
	if (!stage) error(404, m.error404);
	const view = event.url.searchParams.get('ansicht');
	const plan = view ? ownViewPlans(stage).find((p) => p.id === view) : null;
	if (view && !plan) error(400, m.maQueryView);
	const ids = event.url.searchParams.getAll('id');
	if (ids.length > MAX_IDS || !ids.every(isUuid)) error(400, m.mvShapeIdsInvalid);
	const geometries = await findGeometries(db, { stageId: stage.id, planId: plan?.id ?? null }, [
		...new Set(ids.map((id) => id.toLowerCase()))
	]);
	return json(geometries, { headers: { 'cache-control': 'private, no-store' } });
};
