import type { Db } from '../db/index.ts';
import type {
	AreaPolygon,
	GeometryType,
	MapCategory,
	MapPlace,
	MapPlan,
	MapStage,
	StageStatus
} from '../../mapcomments/types.ts';

// The map stage of a consultation with its categories, plan drawings and named places.

export interface NewStage {
	consultationId: string;
	title: string;
	intro?: string;
	status?: StageStatus;
	baseMap?: boolean;
	areaOfInterest?: AreaPolygon | null;
	geometryTypes?: GeometryType[];
	reportThreshold?: number;
	createdBy?: string | null;
}

export async function insertStage(db: Db, stage: NewStage): Promise<string> {
	const row = await db
		.insertInto('map_stages')
		.values({
			consultation_id: stage.consultationId,
			title: stage.title,
			intro: stage.intro ?? '',
			status: stage.status ?? 'draft',
			base_map: stage.baseMap ?? false,
			area_of_interest: stage.areaOfInterest ? JSON.stringify(stage.areaOfInterest) : null,
			geometry_types: stage.geometryTypes ?? ['Point', 'LineString', 'Polygon'],
			report_threshold: stage.reportThreshold ?? 3,
			created_by: stage.createdBy ?? null,
			updated_at: new Date()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function insertCategories(
	db: Db,
	stageId: string,
	categories: { name: string; color: string }[]
): Promise<string[]> {
	if (categories.length === 0) return [];
	const rows = await db
		.insertInto('map_categories')
		.values(categories.map((c, position) => ({ stage_id: stageId, ...c, position })))
		.returning(['id', 'position'])
		.execute();
	return rows.sort((a, b) => a.position - b.position).map((r) => r.id);
}

export async function findStageIdByConsultation(
	db: Db,
	consultationId: string
): Promise<string | null> {
	const row = await db
		.selectFrom('map_stages')
		.select('id')
		.where('consultation_id', '=', consultationId)
		.executeTakeFirst();
	return row?.id ?? null;
}

/** The whole stage as pages and services use it; null when the id is unknown. */
export async function findStage(db: Db, stageId: string): Promise<MapStage | null> {
	const row = await db
		.selectFrom('map_stages')
		.selectAll()
		.where('id', '=', stageId)
		.executeTakeFirst();
	if (!row) return null;
	const [categories, plans, places] = await Promise.all([
		listCategories(db, stageId),
		listPlans(db, stageId),
		listPlaces(db, stageId)
	]);
	return {
		id: row.id,
		consultationId: row.consultation_id,
		title: row.title,
		intro: row.intro,
		status: row.status,
		baseMap: row.base_map,
		areaOfInterest: row.area_of_interest,
		geometryTypes: row.geometry_types,
		reportThreshold: row.report_threshold,
		categories,
		plans,
		places
	};
}

export async function listCategories(db: Db, stageId: string): Promise<MapCategory[]> {
	return db
		.selectFrom('map_categories')
		.select(['id', 'name', 'color'])
		.where('stage_id', '=', stageId)
		.orderBy('position')
		.execute();
}

export async function listPlans(db: Db, stageId: string): Promise<MapPlan[]> {
	const rows = await db
		.selectFrom('map_plans')
		.selectAll()
		.where('stage_id', '=', stageId)
		.orderBy('position')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		description: r.description,
		fileId: r.file_id,
		width: r.width,
		height: r.height,
		bounds:
			r.south === null || r.west === null || r.north === null || r.east === null
				? null
				: { south: r.south, west: r.west, north: r.north, east: r.east }
	}));
}

export async function listPlaces(db: Db, stageId: string): Promise<MapPlace[]> {
	const rows = await db
		.selectFrom('map_places')
		.select(['id', 'plan_id', 'name', 'x', 'y'])
		.where('stage_id', '=', stageId)
		.orderBy('position')
		.execute();
	return rows.map((r) => ({ id: r.id, planId: r.plan_id, name: r.name, x: r.x, y: r.y }));
}

// ---- Setting a stage up (planners) ----

export interface StageSettings {
	title: string;
	intro: string;
	status: StageStatus;
	baseMap: boolean;
	geometryTypes: GeometryType[];
	reportThreshold: number;
}

export async function updateStageSettings(
	db: Db,
	stageId: string,
	settings: StageSettings
): Promise<void> {
	await db
		.updateTable('map_stages')
		.set({
			title: settings.title,
			intro: settings.intro,
			status: settings.status,
			base_map: settings.baseMap,
			geometry_types: settings.geometryTypes,
			report_threshold: settings.reportThreshold,
			updated_at: new Date()
		})
		.where('id', '=', stageId)
		.execute();
}

export async function updateStageArea(
	db: Db,
	stageId: string,
	area: AreaPolygon | null
): Promise<void> {
	await db
		.updateTable('map_stages')
		.set({ area_of_interest: area ? JSON.stringify(area) : null, updated_at: new Date() })
		.where('id', '=', stageId)
		.execute();
}

/** Locks the stage row, so concurrent edits of its lists (positions, "at least one") serialise. */
export async function lockStage(db: Db, stageId: string): Promise<boolean> {
	const row = await db
		.selectFrom('map_stages')
		.select('id')
		.where('id', '=', stageId)
		.forUpdate()
		.executeTakeFirst();
	return !!row;
}

type Ordered = 'map_categories' | 'map_plans' | 'map_places';

/** The next free position at the end of a stage's list. */
export async function nextPosition(db: Db, table: Ordered, stageId: string): Promise<number> {
	const row = await db
		.selectFrom(table)
		.select((eb) => eb.fn.max<number | null>('position').as('max'))
		.where('stage_id', '=', stageId)
		.executeTakeFirst();
	return row?.max === null || row?.max === undefined ? 0 : row.max + 1;
}

/**
 * Swaps an entry with its neighbour in the stage's list; false when the id is not in the stage.
 * At the top or bottom nothing changes (a no-op, not an error: the button may be pressed twice).
 */
export async function moveEntry(
	db: Db,
	table: Ordered,
	stageId: string,
	id: string,
	direction: 'up' | 'down'
): Promise<boolean> {
	const rows = await db
		.selectFrom(table)
		.select(['id', 'position'])
		.where('stage_id', '=', stageId)
		.orderBy('position')
		.execute();
	const index = rows.findIndex((r) => r.id === id);
	if (index < 0) return false;
	const other = rows[direction === 'up' ? index - 1 : index + 1];
	if (!other) return true;
	const self = rows[index]!;
	await db.updateTable(table).set({ position: other.position }).where('id', '=', self.id).execute();
	await db.updateTable(table).set({ position: self.position }).where('id', '=', other.id).execute();
	return true;
}

export async function insertCategory(
	db: Db,
	stageId: string,
	category: { name: string; color: string }
): Promise<string> {
	const position = await nextPosition(db, 'map_categories', stageId);
	const row = await db
		.insertInto('map_categories')
		.values({ stage_id: stageId, name: category.name, color: category.color, position })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateCategory(
	db: Db,
	stageId: string,
	id: string,
	category: { name: string; color: string }
): Promise<boolean> {
	const result = await db
		.updateTable('map_categories')
		.set({ name: category.name, color: category.color })
		.where('id', '=', id)
		.where('stage_id', '=', stageId)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

export async function deleteCategory(db: Db, stageId: string, id: string): Promise<boolean> {
	const result = await db
		.deleteFrom('map_categories')
		.where('id', '=', id)
		.where('stage_id', '=', stageId)
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
}

export async function countCommentsInCategory(db: Db, categoryId: string): Promise<number> {
	const row = await db
		.selectFrom('map_comments')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('category_id', '=', categoryId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The geometries of the comments in the map view (not on plans without geo reference). */
export async function listMapCommentGeometries(db: Db, stageId: string) {
	const rows = await db
		.selectFrom('map_comments')
		.select('geometry')
		.where('stage_id', '=', stageId)
		.where('plan_id', 'is', null)
		.execute();
	return rows.map((r) => r.geometry);
}
