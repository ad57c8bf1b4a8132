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
