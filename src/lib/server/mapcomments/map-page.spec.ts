import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/sessions.ts';
import type { Database } from '../db/index.ts';
import { fileAudience } from '../consultations/consultations.repository.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import { decodeMarker } from '../../mapcomments/markers.ts';
import type { CommentGeometry, MapStage } from '../../mapcomments/types.ts';
import { insertComment } from './comments.repository.ts';
import { findStage } from './stages.repository.ts';
import { findVisibleStage, loadViewData, mapLinkVisible, parseViewQuery } from './map-page.ts';
import { findGeometries } from './map-view.repository.ts';
import { createTestMapStage, type TestMapStage } from './test-map-stage.ts';

let database: Database;
let test: TestMapStage;
let stage: MapStage;
const ids: string[] = [];

const planner: SessionUser = {
	id: '00000000-0000-4000-8000-000000000001',
	email: 'p@test',
	displayName: null,
	locale: 'de',
	roles: ['planner'],
	verified: true
};

async function add(x: number, y: number, category: number, over: { planId?: string } = {}) {
	const geometry: CommentGeometry = { type: 'Point', coordinates: [x, y] };
	const id = await insertComment(database.db, {
		stageId: test.stageId,
		planId: over.planId ?? null,
		categoryId: test.categoryIds[category]!,
		authorId: null,
		title: `Hinweis ${x},${y}`,
		body: 'Text',
		geometry,
		bbox: [x, y, x, y],
		anchor: [x, y]
	});
	ids.push(id);
	return id;
}

beforeAll(async () => {
	database = await createTestDatabase();
	test = await createTestMapStage(database.db, { plan: true });
	stage = (await findStage(database.db, test.stageId))!;
	// A 5 x 5 grid over the test area (7.33..7.34, 50.77..50.78), categories in turn.
	for (let i = 0; i < 5; i++) {
		for (let j = 0; j < 5; j++) await add(7.331 + i * 0.002, 50.771 + j * 0.002, (i + j) % 4);
	}
	await add(500, 400, 0, { planId: test.planId! });
});
afterAll(async () => {
	await database?.close();
});

const q = (search: string) => {
	const parsed = parseViewQuery(stage, new URLSearchParams(search));
	if (!parsed.ok) throw new Error(parsed.error);
	return parsed.value;
};

describe('parseViewQuery', () => {
	it('reads the defaults', () => {
		expect(q('')).toEqual({
			filter: { planId: null, categoryIds: [], statuses: [], sort: 'neueste' },
			bbox: null,
			offset: 0,
			markers: false,
			selectedId: null
		});
	});

	it.each([
		['ansicht=00000000-0000-0000-0000-000000000000', 'mvViewUnknown'],
		['ansicht=karte%27%3B', 'mvViewUnknown'],
		['kategorie=00000000-0000-0000-0000-000000000000', 'mvFilterUnknown'],
		['status=open', 'mvFilterUnknown'],
		['sortierung=random', 'mvFilterUnknown'],
		['bbox=1,2,3', 'mvBBoxFormat'],
		['bbox=NaN,0,1,1', 'mvBBoxFormat'],
		['bbox=7.34,50.77,7.33,50.78', 'mvBBoxRange'],
		['ab=-5', 'mvOffsetInvalid'],
		['ab=1.5', 'mvOffsetInvalid'],
		['ab=20000', 'mvOffsetInvalid']
	])('refuses %s', (search, error) => {
		expect(parseViewQuery(stage, new URLSearchParams(search))).toEqual({ ok: false, error });
	});

	it('takes the plan view with pixel boxes and ignores a malformed selection', () => {
		const v = q(`ansicht=${test.planId}&bbox=0,0,1000,800&hinweis=nope`);
		expect(v.filter.planId).toBe(test.planId);
		expect(v.bbox).toEqual([0, 0, 1000, 800]);
		expect(v.selectedId).toBeNull();
	});
});

describe('loadViewData', () => {
	it('counts and lists the visible area, with every marker of the view', async () => {
		const data = await loadViewData(
			database.db,
			stage,
			q('bbox=7.330,50.770,7.3345,50.7745&marker=1')
		);
		// Columns i = 0, 1 and rows j = 0, 1 of the grid.
		expect(data.total).toBe(4);
		expect(data.items).toHaveLength(4);
		expect(data.nextOffset).toBeNull();
		expect(data.markers).toHaveLength(25);
		const marker = decodeMarker(
			data.markers![0]!,
			stage.categories.map((c) => c.id)
		);
		expect(marker.geometryType).toBe('Point');
		expect(stage.categories.map((c) => c.id)).toContain(marker.categoryId);
	});

	it('filters by category for list and markers', async () => {
		const data = await loadViewData(
			database.db,
			stage,
			q(`kategorie=${test.categoryIds[1]}&marker=1`)
		);
		// (i + j) % 4 === 1 for i + j = 1 (twice) and i + j = 5 (four times).
		expect(data.total).toBe(6);
		expect(data.markers).toHaveLength(6);
		expect(data.items.every((c) => c.categoryId === test.categoryIds[1])).toBe(true);
	});

	it('pages the list and reports the next offset', async () => {
		const first = await loadViewData(database.db, stage, q(''));
		expect(first.total).toBe(25);
		expect(first.items).toHaveLength(25);
		expect(first.markers).toBeUndefined();
		const later = await loadViewData(database.db, stage, q('ab=20'));
		expect(later.items).toHaveLength(5);
		expect(later.nextOffset).toBeNull();
	});

	it('returns the selected comment even outside the box, but not from another view', async () => {
		const far = ids[24]!;
		const data = await loadViewData(
			database.db,
			stage,
			q(`bbox=7.330,50.770,7.3315,50.7715&hinweis=${far}`)
		);
		expect(data.items.map((c) => c.id)).not.toContain(far);
		expect(data.selected?.id).toBe(far);
		const plan = await loadViewData(database.db, stage, q(`ansicht=${test.planId}&hinweis=${far}`));
		expect(plan.selected).toBeNull();
		expect(plan.total).toBe(1);
	});

	it('hands out geometries of one view only', async () => {
		const geo = await findGeometries(database.db, { stageId: stage.id, planId: null }, [
			ids[0]!,
			ids[25]!
		]);
		expect(Object.keys(geo)).toEqual([ids[0]]);
		expect(geo[ids[0]!]).toEqual({ type: 'Point', coordinates: [7.331, 50.771] });
	});
});

describe('visibility', () => {
	it('hides draft stages from the public, not from planners', async () => {
		const draft = await createTestMapStage(database.db, { status: 'draft' });
		expect(await findVisibleStage(database.db, draft.slug, null)).toBeNull();
		expect((await findVisibleStage(database.db, draft.slug, planner))?.stage.id).toBe(
			draft.stageId
		);
		expect(await mapLinkVisible(database.db, draft.consultationId, false)).toBe(false);
		expect(await mapLinkVisible(database.db, draft.consultationId, true)).toBe(true);
		expect(await mapLinkVisible(database.db, test.consultationId, false)).toBe(true);
	});

	it('serves the plan drawings of a published consultation', async () => {
		expect(await fileAudience(database.db, stage.plans[0]!.fileId)).toBe('public');
	});

	it('hides the stage of a draft consultation', async () => {
		const hidden = await createTestMapStage(database.db, { consultationStatus: 'draft' });
		expect(await findVisibleStage(database.db, hidden.slug, null)).toBeNull();
	});
});
