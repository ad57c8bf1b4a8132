import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import { createTestMapStage } from './test-map-stage.ts';
import { baseMapExtents } from './tiles.ts';

let database: Database;

beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database?.close());

const showBaseMap = (stageId: string) =>
	database.db.updateTable('map_stages').set({ base_map: true }).where('id', '=', stageId).execute();

describe('baseMapExtents', () => {
	it('lists the boxes of stages showing the base map; an area still missing lifts the limit', async () => {
		const plansOnly = await createTestMapStage(database.db);
		expect(await baseMapExtents(database.db)).toEqual([]);
		await showBaseMap(plansOnly.stageId);
		expect(await baseMapExtents(database.db)).toEqual([[7.33, 50.77, 7.34, 50.78]]);
		const drafting = await createTestMapStage(database.db, { area: null, status: 'draft' });
		await showBaseMap(drafting.stageId);
		expect(await baseMapExtents(database.db)).toBeNull();
	});
});
