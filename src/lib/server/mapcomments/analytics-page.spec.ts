import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestConsultation } from '../consultations/test-consultation.ts';
import type { Database } from '../db/index.ts';
import { createTestDatabase, testConfig } from '../testing/test-app.ts';
import { loadAnalyticsPage } from './analytics-page.ts';
import { insertComment } from './comments.repository.ts';
import { createTestMapStage, type TestMapStage } from './test-map-stage.ts';

let database: Database;
let stage: TestMapStage;
const ctx = () => ({ db: database.db, config: testConfig() });
const load = (id: string, query = '') => loadAnalyticsPage(ctx(), id, new URLSearchParams(query));

beforeAll(async () => {
	database = await createTestDatabase();
	stage = await createTestMapStage(database.db, { plan: true });
	for (const planId of [null, stage.planId]) {
		const at: [number, number] = planId ? [10, 20] : [7.335, 50.775];
		await insertComment(database.db, {
			stageId: stage.stageId,
			planId,
			categoryId: stage.categoryIds[2]!,
			authorId: null,
			title: planId ? 'Auf dem Plan' : 'Auf der Karte',
			body: 'Text',
			geometry: { type: 'Point', coordinates: at },
			bbox: [...at, ...at],
			anchor: at
		});
	}
});
afterAll(async () => {
	await database?.close();
});

describe('loadAnalyticsPage', () => {
	it('answers an unknown consultation as not found', async () => {
		expect(await load('00000000-0000-4000-8000-000000000000')).toEqual({
			ok: false,
			error: 'notFound'
		});
	});

	it('has no analysis (but the consultation) when there is no map stage yet', async () => {
		const id = await createTestConsultation(database.db, { title: 'Ohne Karte' });
		expect(await load(id)).toEqual({
			ok: true,
			page: { consultation: expect.objectContaining({ id, title: 'Ohne Karte' }), analysis: null }
		});
	});

	it('refuses a malformed selection before counting anything', async () => {
		expect(await load(stage.consultationId, 'von=gestern')).toEqual({
			ok: false,
			error: 'maQueryDate'
		});
		expect(await load(stage.consultationId, `kategorie=${stage.consultationId}`)).toEqual({
			ok: false,
			error: 'maQueryCategory'
		});
	});

	it('counts the whole stage and shows the markers of the chosen view only', async () => {
		const map = await load(stage.consultationId);
		if (!map.ok || !map.page.analysis) throw new Error('expected an analysis');
		expect(map.page.analysis.analytics.figures.visible).toBe(2);
		expect(Object.values(map.page.analysis.view.titles)).toEqual(['Auf der Karte']);
		// Without MAP_TILE_URL there is no base map to draw under the markers.
		expect(map.page.analysis.tiles).toBeNull();
		const plan = await load(stage.consultationId, `ansicht=${stage.planId}`);
		if (!plan.ok || !plan.page.analysis) throw new Error('expected an analysis');
		expect(plan.page.analysis.filter.planId).toBe(stage.planId);
		expect(plan.page.analysis.analytics.figures.visible).toBe(2);
		expect(Object.values(plan.page.analysis.view.titles)).toEqual(['Auf dem Plan']);
	});
});
