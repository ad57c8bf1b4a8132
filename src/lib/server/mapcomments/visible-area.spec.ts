import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import type { BBox, CommentGeometry } from '../../mapcomments/types.ts';
import { countComments, insertComment, listComments } from './comments.repository.ts';
import { checkGeometry } from './geometry.ts';
import { createTestMapStage, TEST_AREA, type TestMapStage } from './test-map-stage.ts';

// The visible-area query on both engines: box overlap through the GiST index expression, edges
// included, shapes found by their box even when no vertex lies in view.
let database: Database;
let stage: TestMapStage;
let other: TestMapStage;

async function add(s: TestMapStage, title: string, geometry: CommentGeometry): Promise<string> {
	const checked = checkGeometry(geometry, { kind: 'geo', area: TEST_AREA }, [
		'Point',
		'LineString',
		'Polygon'
	]);
	if (!checked.ok) throw new Error(checked.error);
	return insertComment(database.db, {
		stageId: s.stageId,
		planId: null,
		categoryId: s.categoryIds[0]!,
		authorId: null,
		title,
		body: title,
		...checked.value
	});
}

const VIEW: BBox = [7.334, 50.774, 7.336, 50.776];
const inView = async (bbox: BBox, s = stage) => {
	const q = { stageId: s.stageId, planId: null, bbox };
	const items = await listComments(database.db, q);
	expect(await countComments(database.db, q)).toBe(items.length);
	return items.map((c) => c.title).sort();
};

beforeAll(async () => {
	database = await createTestDatabase();
	stage = await createTestMapStage(database.db);
	other = await createTestMapStage(database.db);
	await add(stage, 'inside', { type: 'Point', coordinates: [7.335, 50.775] });
	await add(stage, 'on the edge', { type: 'Point', coordinates: [7.336, 50.776] });
	await add(stage, 'outside', { type: 'Point', coordinates: [7.3361, 50.775] });
	// A street that crosses the view with both ends outside it.
	await add(stage, 'crossing line', {
		type: 'LineString',
		coordinates: [
			[7.333, 50.775],
			[7.337, 50.7751]
		]
	});
	// An area around the whole view: no corner in view, the view inside it.
	await add(stage, 'surrounding area', {
		type: 'Polygon',
		coordinates: [
			[
				[7.331, 50.771],
				[7.339, 50.771],
				[7.339, 50.779],
				[7.331, 50.779],
				[7.331, 50.771]
			]
		]
	});
	const hidden = await add(stage, 'hidden', { type: 'Point', coordinates: [7.3351, 50.7751] });
	await database.db
		.updateTable('map_comments')
		.set({ hidden_at: new Date(), hidden_kind: 'moderator' })
		.where('id', '=', hidden)
		.execute();
	await add(other, 'other stage', { type: 'Point', coordinates: [7.335, 50.775] });
});
afterAll(() => database?.close());

describe('visible-area query', () => {
	it('finds what overlaps the view, edges included, and leaves out the rest', async () => {
		expect(await inView(VIEW)).toEqual([
			'crossing line',
			'inside',
			'on the edge',
			'surrounding area'
		]);
	});

	it('keeps stages apart and leaves out hidden comments', async () => {
		expect(await inView(VIEW, other)).toEqual(['other stage']);
	});

	it('finds nothing in a view beside everything', async () => {
		expect(await inView([7.3395, 50.7795, 7.34, 50.78])).toEqual([]);
	});
});
