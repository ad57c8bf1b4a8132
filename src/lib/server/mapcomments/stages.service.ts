import { recordAudit } from '../audit/audit.repository.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/index.ts';
import { isUuid } from '../db/ids.ts';
import { colorById } from '../../mapcomments/palette.ts';
import type { MapStage, StageStatus } from '../../mapcomments/types.ts';
import { insideArea, parseArea, type AreaError } from './area.ts';
import type { StageInput } from './setup-forms.ts';
import {
	countCommentsInCategory,
	deleteCategory,
	findStage,
	findStageIdByConsultation,
	insertCategory,
	insertStage,
	listMapCommentGeometries,
	lockStage,
	moveEntry,
	updateCategory,
	updateStageArea,
	updateStageSettings
} from './stages.repository.ts';

// A planner sets up the map stage of a consultation: settings, categories, area of interest.
// Each change and its audit entry are one transaction; a refusal writes nothing.

export type SetupDeps = Pick<AppContext, 'db' | 'config'>;
export type Refusal<R extends string> = R extends string ? { ok: false; reason: R } : never;
export const refuse = <R extends string>(reason: R) => ({ ok: false, reason }) as Refusal<R>;

/** Why a stage cannot be open: message keys, each naming what is missing. */
export type OpenGap = 'mapOpenNeedsCategory' | 'mapOpenNeedsView';

export async function auditStage(
	db: Db,
	actorId: string,
	action: string,
	stageId: string,
	details: Record<string, unknown> = {}
): Promise<void> {
	await recordAudit(db, {
		actorId,
		action: `mapstage.${action}`,
		targetType: 'map_stage',
		targetId: stageId,
		details
	});
}

/** The stage of a consultation, or null when it has none yet. */
export async function findStageOfConsultation(
	db: Db,
	consultationId: string
): Promise<MapStage | null> {
	const stageId = await findStageIdByConsultation(db, consultationId);
	return stageId ? findStage(db, stageId) : null;
}

/** Residents need a category to choose and something to draw on: the base map or a plan. */
export function openGaps(stage: Pick<MapStage, 'categories' | 'plans' | 'baseMap'>): OpenGap[] {
	const gaps: OpenGap[] = [];
	if (stage.categories.length === 0) gaps.push('mapOpenNeedsCategory');
	if (!stage.baseMap && stage.plans.length === 0) gaps.push('mapOpenNeedsView');
	return gaps;
}

/** The base map can only be on when the operator configured tiles. */
const baseMapAllowed = (deps: SetupDeps, wanted: boolean) => wanted && !!deps.config.map.tiles;

export async function createStage(
	deps: SetupDeps,
	actorId: string,
	consultationId: string,
	input: StageInput
): Promise<
	{ ok: true; stageId: string } | Refusal<'exists'> | { ok: false; reason: 'gaps'; gaps: OpenGap[] }
> {
	const baseMap = baseMapAllowed(deps, input.baseMap);
	// A new stage has no categories yet, so it cannot start open.
	if (input.status === 'open') {
		return { ok: false, reason: 'gaps', gaps: openGaps({ categories: [], plans: [], baseMap }) };
	}
	try {
		return await deps.db.transaction().execute(async (trx) => {
			const stageId = await insertStage(trx, {
				consultationId,
				...input,
				baseMap,
				createdBy: actorId
			});
			await auditStage(trx, actorId, 'created', stageId, { consultationId, title: input.title });
			return { ok: true as const, stageId };
		});
	} catch (err) {
		// map_stages.consultation_id is unique: one stage per consultation, even under a race.
		if ((err as { code?: string } | null)?.code === '23505') return refuse('exists');
		throw err;
	}
}

export async function saveStageSettings(
	deps: SetupDeps,
	actorId: string,
	stageId: string,
	input: StageInput
): Promise<{ ok: true } | Refusal<'notFound'> | { ok: false; reason: 'gaps'; gaps: OpenGap[] }> {
	const baseMap = baseMapAllowed(deps, input.baseMap);
	return deps.db.transaction().execute(async (trx) => {
		if (!(await lockStage(trx, stageId))) return refuse('notFound');
		const stage = (await findStage(trx, stageId))!;
		const gaps = input.status === 'open' ? openGaps({ ...stage, baseMap }) : [];
		if (gaps.length) return { ok: false as const, reason: 'gaps' as const, gaps };
		await updateStageSettings(trx, stageId, { ...input, baseMap });
		await auditStage(trx, actorId, 'settings_saved', stageId, {
			status: input.status,
			previousStatus: stage.status,
			geometryTypes: input.geometryTypes,
			reportThreshold: input.reportThreshold,
			baseMap
		});
		return { ok: true as const };
	});
}

/**
 * Sets or clears the area of interest. Named places on the map must lie inside it (they are
 * offered to residents as positions), so an area that would leave one outside is refused.
 * Existing comments outside the new area are kept (deleting residents' contributions because the
 * area moved would be worse); the planner is told how many there are.
 */
export async function saveArea(
	deps: SetupDeps,
	actorId: string,
	stageId: string,
	text: string
): Promise<
	| { ok: true; commentsOutside: number }
	| Refusal<'notFound'>
	| { ok: false; reason: 'area'; error: AreaError }
	| { ok: false; reason: 'placesOutside'; names: string[] }
> {
	const parsed = parseArea(text);
	if (!parsed.ok) return { ok: false, reason: 'area', error: parsed.error };
	const area = parsed.area;
	return deps.db.transaction().execute(async (trx) => {
		if (!(await lockStage(trx, stageId))) return refuse('notFound');
		const stage = (await findStage(trx, stageId))!;
		const outside = area
			? stage.places.filter(
					(p) => !p.planId && !insideArea({ type: 'Point', coordinates: [p.x, p.y] }, area)
				)
			: [];
		if (outside.length) {
			return {
				ok: false as const,
				reason: 'placesOutside' as const,
				names: outside.map((p) => p.name)
			};
		}
		await updateStageArea(trx, stageId, area);
		const geometries = area ? await listMapCommentGeometries(trx, stageId) : [];
		const commentsOutside = geometries.filter((g) => !insideArea(g, area!)).length;
		await auditStage(trx, actorId, area ? 'area_saved' : 'area_removed', stageId, {
			vertices: area ? area.coordinates[0]!.length - 1 : 0,
			commentsOutside
		});
		return { ok: true as const, commentsOutside };
	});
}

type CategoryInput = { name: string; color: string };
type CategoryRefusal = Refusal<'notFound' | 'nameTaken' | 'tooMany' | 'colorUnknown'>;

export async function addCategory(
	deps: SetupDeps,
	actorId: string,
	stageId: string,
	input: CategoryInput,
	max: number
): Promise<{ ok: true; categoryId: string } | CategoryRefusal> {
	const color = colorById(input.color);
	if (!color) return refuse('colorUnknown');
	return deps.db.transaction().execute(async (trx) => {
		if (!(await lockStage(trx, stageId))) return refuse('notFound');
		const stage = (await findStage(trx, stageId))!;
		if (stage.categories.length >= max) return refuse('tooMany');
		if (nameTaken(stage, input.name, null)) return refuse('nameTaken');
		const categoryId = await insertCategory(trx, stageId, { name: input.name, color: color.hex });
		await auditStage(trx, actorId, 'category_added', stageId, { categoryId, ...input });
		return { ok: true as const, categoryId };
	});
}

function nameTaken(stage: MapStage, name: string, except: string | null): boolean {
	const key = name.toLocaleLowerCase('de');
	return stage.categories.some((c) => c.id !== except && c.name.toLocaleLowerCase('de') === key);
}

export async function editCategory(
	deps: SetupDeps,
	actorId: string,
	stageId: string,
	categoryId: string,
	input: CategoryInput
): Promise<{ ok: true } | CategoryRefusal> {
	const color = colorById(input.color);
	if (!color) return refuse('colorUnknown');
	if (!isUuid(categoryId)) return refuse('notFound');
	return deps.db.transaction().execute(async (trx) => {
		if (!(await lockStage(trx, stageId))) return refuse('notFound');
		const stage = (await findStage(trx, stageId))!;
		if (!stage.categories.some((c) => c.id === categoryId)) return refuse('notFound');
		if (nameTaken(stage, input.name, categoryId)) return refuse('nameTaken');
		await updateCategory(trx, stageId, categoryId, { name: input.name, color: color.hex });
		await auditStage(trx, actorId, 'category_changed', stageId, { categoryId, ...input });
		return { ok: true as const };
	});
}

export async function moveCategory(
	deps: SetupDeps,
	actorId: string,
	stageId: string,
	categoryId: string,
	direction: 'up' | 'down'
): Promise<{ ok: true } | Refusal<'notFound'>> {
	return moveInList(deps, actorId, stageId, 'map_categories', categoryId, direction);
}

/** Shared by categories, plans and places: swap with the neighbour, audited. */
export async function moveInList(
	deps: SetupDeps,
	actorId: string,
	stageId: string,
	table: 'map_categories' | 'map_plans' | 'map_places',
	id: string,
	direction: 'up' | 'down'
): Promise<{ ok: true } | Refusal<'notFound'>> {
	if (!isUuid(id)) return refuse('notFound');
	return deps.db.transaction().execute(async (trx) => {
		if (!(await lockStage(trx, stageId))) return refuse('notFound');
		if (!(await moveEntry(trx, table, stageId, id, direction))) return refuse('notFound');
		await auditStage(trx, actorId, 'reordered', stageId, { table, id, direction });
		return { ok: true as const };
	});
}

/**
 * Removes a category no comment uses. Comments keep their category (residents chose it), so a
 * used one is refused; so is the last one of an open stage, which residents would then lack.
 */
export async function removeCategory(
	deps: SetupDeps,
	actorId: string,
	stageId: string,
	categoryId: string
): Promise<
	{ ok: true } | Refusal<'notFound' | 'lastOfOpen'> | { ok: false; reason: 'inUse'; count: number }
> {
	if (!isUuid(categoryId)) return refuse('notFound');
	return deps.db.transaction().execute(async (trx) => {
		if (!(await lockStage(trx, stageId))) return refuse('notFound');
		const stage = (await findStage(trx, stageId))!;
		const category = stage.categories.find((c) => c.id === categoryId);
		if (!category) return refuse('notFound');
		const count = await countCommentsInCategory(trx, categoryId);
		if (count > 0) return { ok: false as const, reason: 'inUse' as const, count };
		if (stage.status === 'open' && stage.categories.length === 1) return refuse('lastOfOpen');
		await deleteCategory(trx, stageId, categoryId);
		await auditStage(trx, actorId, 'category_removed', stageId, {
			categoryId,
			name: category.name
		});
		return { ok: true as const };
	});
}

export const STAGE_STATUSES: StageStatus[] = ['draft', 'open', 'closed'];
