import type { Db } from '../db/index.ts';
import { nextPosition } from './stages.repository.ts';

// Plan drawings and named places of a map stage, as planners edit them.

export interface PlanBounds {
	south: number;
	west: number;
	north: number;
	east: number;
}

export interface NewPlan {
	title: string;
	description: string;
	fileId: string;
	width: number;
	height: number;
	bounds: PlanBounds | null;
}

const boundsColumns = (bounds: PlanBounds | null) => ({
	south: bounds?.south ?? null,
	west: bounds?.west ?? null,
	north: bounds?.north ?? null,
	east: bounds?.east ?? null
});

export async function insertPlan(db: Db, stageId: string, plan: NewPlan): Promise<string> {
	const position = await nextPosition(db, 'map_plans', stageId);
	const row = await db
		.insertInto('map_plans')
		.values({
			stage_id: stageId,
			title: plan.title,
			description: plan.description,
			file_id: plan.fileId,
			width: plan.width,
			height: plan.height,
			...boundsColumns(plan.bounds),
			position
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updatePlan(
	db: Db,
	stageId: string,
	id: string,
	plan: { title: string; description: string; bounds: PlanBounds | null }
): Promise<void> {
	await db
		.updateTable('map_plans')
		.set({ title: plan.title, description: plan.description, ...boundsColumns(plan.bounds) })
		.where('id', '=', id)
		.where('stage_id', '=', stageId)
		.execute();
}

/** Removes the plan (its places go with it) and returns its file id, or null when unknown. */
export async function deletePlan(db: Db, stageId: string, id: string): Promise<string | null> {
	const row = await db
		.deleteFrom('map_plans')
		.where('id', '=', id)
		.where('stage_id', '=', stageId)
		.returning('file_id')
		.executeTakeFirst();
	return row?.file_id ?? null;
}

/** Comments and places that use the plan's pixel coordinates (only plans without geo reference). */
export async function countPlanPixelUses(
	db: Db,
	planId: string
): Promise<{ comments: number; places: number }> {
	const [comments, places] = await Promise.all([
		db
			.selectFrom('map_comments')
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.where('plan_id', '=', planId)
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('map_places')
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.where('plan_id', '=', planId)
			.executeTakeFirstOrThrow()
	]);
	return { comments: Number(comments.n), places: Number(places.n) };
}

export async function insertPlace(
	db: Db,
	stageId: string,
	place: { planId: string | null; name: string; x: number; y: number }
): Promise<string> {
	const position = await nextPosition(db, 'map_places', stageId);
	const row = await db
		.insertInto('map_places')
		.values({
			stage_id: stageId,
			plan_id: place.planId,
			name: place.name,
			x: place.x,
			y: place.y,
			position
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function deletePlace(
	db: Db,
	stageId: string,
	id: string
): Promise<{ name: string } | null> {
	const row = await db
		.deleteFrom('map_places')
		.where('id', '=', id)
		.where('stage_id', '=', stageId)
		.returning('name')
		.executeTakeFirst();
	return row ?? null;
}
