import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { isUuid } from '../db/ids.ts';
import { parseLocation } from '../consultations/location.ts';
import type { MapStage, Position } from '../../mapcomments/types.ts';
import { deletePlace, insertPlace } from './plans.repository.ts';
import { parsePixel, SETUP_LIMITS, type PlaceInput } from './setup-forms.ts';
import { findStage, lockStage } from './stages.repository.ts';
import { auditStage, moveInList, refuse, type Refusal, type SetupDeps } from './stages.service.ts';

// Named places: positions residents can pick from a list instead of pointing at the map. On the
// map a place is "lat, lon" (as for a consultation's location); on a plan without geo reference it
// is a pixel of that plan. Either way it must lie where comments are accepted.

export type PlaceError =
	| 'mapPlacePositionRequired'
	| 'mapPlacePosition'
	| 'mapPlaceOutsideArea'
	| 'mapPlacePixel'
	| 'mapPlaceOutsidePlan'
	| 'mapPlanUnknown';
type PlaceField = 'position' | 'x' | 'y' | 'target';
type PlaceRefusal = { ok: false; reason: 'input'; field: PlaceField; error: PlaceError };
const bad = (field: PlaceField, error: PlaceError): PlaceRefusal => ({
	ok: false,
	reason: 'input',
	field,
	error
});

/** Where the place is: [lon, lat] on the map, [x, y] on a plan; or why the input is refused. */
export function placePosition(
	stage: MapStage,
	input: PlaceInput
): { ok: true; planId: string | null; at: Position } | PlaceRefusal {
	if (input.target === 'map') {
		if (!input.position) return bad('position', 'mapPlacePositionRequired');
		const parsed = parseLocation(input.position);
		if (!parsed.ok || parsed.location?.type !== 'Point') return bad('position', 'mapPlacePosition');
		const at = parsed.location.coordinates;
		const area = stage.areaOfInterest;
		if (area && !booleanPointInPolygon(at, area)) return bad('position', 'mapPlaceOutsideArea');
		return { ok: true, planId: null, at };
	}
	const plan = stage.plans.find((p) => p.id === input.target && !p.bounds);
	if (!plan) return bad('target', 'mapPlanUnknown');
	const x = parsePixel(input.x);
	if (x === null) return bad('x', 'mapPlacePixel');
	const y = parsePixel(input.y);
	if (y === null) return bad('y', 'mapPlacePixel');
	if (x > plan.width) return bad('x', 'mapPlaceOutsidePlan');
	if (y > plan.height) return bad('y', 'mapPlaceOutsidePlan');
	return { ok: true, planId: plan.id, at: [x, y] };
}

export async function addPlace(
	deps: SetupDeps,
	actorId: string,
	stageId: string,
	input: PlaceInput
): Promise<{ ok: true; placeId: string } | Refusal<'notFound' | 'tooMany'> | PlaceRefusal> {
	return deps.db.transaction().execute(async (trx) => {
		if (!(await lockStage(trx, stageId))) return refuse('notFound');
		const stage = (await findStage(trx, stageId))!;
		if (stage.places.length >= SETUP_LIMITS.places) return refuse('tooMany');
		const position = placePosition(stage, input);
		if (!position.ok) return position;
		const [x, y] = position.at;
		const place = { planId: position.planId, name: input.placeName, x, y };
		const placeId = await insertPlace(trx, stageId, place);
		await auditStage(trx, actorId, 'place_added', stageId, { placeId, ...place });
		return { ok: true as const, placeId };
	});
}

export async function movePlace(
	deps: SetupDeps,
	actorId: string,
	stageId: string,
	placeId: string,
	direction: 'up' | 'down'
): Promise<{ ok: true } | Refusal<'notFound'>> {
	return moveInList(deps, actorId, stageId, 'map_places', placeId, direction);
}

export async function removePlace(
	deps: SetupDeps,
	actorId: string,
	stageId: string,
	placeId: string
): Promise<{ ok: true } | Refusal<'notFound'>> {
	if (!isUuid(placeId)) return refuse('notFound');
	return deps.db.transaction().execute(async (trx) => {
		if (!(await lockStage(trx, stageId))) return refuse('notFound');
		const removed = await deletePlace(trx, stageId, placeId);
		if (!removed) return refuse('notFound');
		await auditStage(trx, actorId, 'place_removed', stageId, { placeId, name: removed.name });
		return { ok: true as const };
	});
}
