import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import { NO_ANALYTICS_FILTER, type AnalyticsFilter } from '../../mapcomments/analytics.ts';
import type { CommentStatus, HiddenKind, MapStage } from '../../mapcomments/types.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import { analyticsMarkers, mapAnalytics, mondayOf, timelineOf } from './analytics.ts';
import { insertComment } from './comments.repository.ts';
import { findStage } from './stages.repository.ts';
import { createTestMapStage, type TestMapStage } from './test-map-stage.ts';

// A stage with eight known comments (categories: Verkehr, Grün, Aufenthalt, Sonstiges):
//  #  category  status     created (UTC)         supports  other
//  1  Verkehr   new        2026-03-02 10:00      5
//  2  Verkehr   new        2026-03-02 23:30      3         = 3 March in Berlin (CET, UTC+1)
//  3  Verkehr   accepted   2026-03-04 09:00      5         answered; ties with #1, later
//  4  Grün      in_review  2026-03-04 12:00      0
//  5  Grün      rejected   2026-03-10 08:00      1         answered; on the plan drawing
//  6  Aufenth.  new        2026-03-05 08:00      9         hidden by a moderator
//  7  Grün      new        2026-03-06 08:00      0         hidden by reports, 3 reports
//  8  Verkehr   new        2026-03-10 09:00      0         1 report, visible

let database: Database;
let fixture: TestMapStage;
let stage: MapStage;
const ids: string[] = [];

interface Spec {
	cat: number;
	status: CommentStatus;
	at: string;
	supports: number;
	answer?: string;
	plan?: boolean;
	hidden?: HiddenKind;
	reports?: number;
}

const SPECS: Spec[] = [
	{ cat: 0, status: 'new', at: '2026-03-02T10:00:00Z', supports: 5 },
	{ cat: 0, status: 'new', at: '2026-03-02T23:30:00Z', supports: 3 },
	{ cat: 0, status: 'accepted', at: '2026-03-04T09:00:00Z', supports: 5, answer: 'Wird gebaut.' },
	{ cat: 1, status: 'in_review', at: '2026-03-04T12:00:00Z', supports: 0 },
	{
		cat: 1,
		status: 'rejected',
		at: '2026-03-10T08:00:00Z',
		supports: 1,
		answer: 'Nein.',
		plan: true
	},
	{ cat: 2, status: 'new', at: '2026-03-05T08:00:00Z', supports: 9, hidden: 'moderator' },
	{ cat: 1, status: 'new', at: '2026-03-06T08:00:00Z', supports: 0, hidden: 'reports', reports: 3 },
	{ cat: 0, status: 'new', at: '2026-03-10T09:00:00Z', supports: 0, reports: 1 }
];

async function insertSpec(s: Spec, n: number): Promise<string> {
	const onPlan = s.plan === true;
	const anchor: [number, number] = onPlan ? [200, 300] : [7.335, 50.775];
	const id = await insertComment(database.db, {
		stageId: fixture.stageId,
		planId: onPlan ? fixture.planId : null,
		categoryId: fixture.categoryIds[s.cat]!,
		authorId: null,
		title: `Hinweis ${n}`,
		body: 'Text',
		geometry: { type: 'Point', coordinates: anchor },
		bbox: [anchor[0], anchor[1], anchor[0], anchor[1]],
		anchor,
		createdAt: new Date(s.at)
	});
	await database.db
		.updateTable('map_comments')
		.set({
			status: s.status,
			support_count: s.supports,
			answer: s.answer ?? '',
			report_count: s.reports ?? 0,
			hidden_kind: s.hidden ?? null,
			hidden_at: s.hidden ? new Date() : null
		})
		.where('id', '=', id)
		.execute();
	return id;
}

beforeAll(async () => {
	database = await createTestDatabase();
	fixture = await createTestMapStage(database.db, { plan: true });
	// A second stage's comment must never be counted in the first.
	const other = await createTestMapStage(database.db);
	await insertComment(database.db, {
		stageId: other.stageId,
		planId: null,
		categoryId: other.categoryIds[0]!,
		authorId: null,
		title: 'Anderswo',
		body: 'Text',
		geometry: { type: 'Point', coordinates: [7.335, 50.775] },
		bbox: [7.335, 50.775, 7.335, 50.775],
		anchor: [7.335, 50.775],
		createdAt: new Date('2026-03-04T09:00:00Z')
	});
	for (const [i, s] of SPECS.entries()) ids.push(await insertSpec(s, i + 1));
	stage = (await findStage(database.db, fixture.stageId))!;
});
afterAll(async () => {
	await database?.close();
});

const run = (f: Partial<AnalyticsFilter> = {}) =>
	mapAnalytics(database.db, stage, { ...NO_ANALYTICS_FILTER, ...f });
const table = (rows: Awaited<ReturnType<typeof run>>['rows']) =>
	rows.map((r) => [
		r.name,
		r.mark,
		r.byStatus.new,
		r.byStatus.in_review,
		r.byStatus.accepted,
		r.byStatus.rejected,
		r.total
	]);

describe('mapAnalytics', () => {
	it('counts visible comments per category × status, with totals; hidden ones only as a figure', async () => {
		const a = await run();
		expect(table(a.rows)).toEqual([
			['Verkehr', '1', 3, 0, 1, 0, 4],
			['Grün', '2', 0, 1, 0, 1, 2],
			['Aufenthalt', '3', 0, 0, 0, 0, 0],
			['Sonstiges', '4', 0, 0, 0, 0, 0]
		]);
		expect(a.statusTotals).toEqual({ new: 3, in_review: 1, accepted: 1, rejected: 1 });
		expect(a.figures).toEqual({
			visible: 6,
			hidden: 2,
			hiddenByModerator: 1,
			hiddenByReports: 1,
			reported: 1,
			answered: 2,
			supports: 14
		});
	});

	it('counts per Berlin calendar day, empty days included', async () => {
		const a = await run();
		expect(a.timeline.interval).toBe('day');
		expect(a.timeline.buckets.map((b) => [b.start, b.count])).toEqual([
			['2026-03-02', 1],
			['2026-03-03', 1],
			['2026-03-04', 2],
			['2026-03-05', 0],
			['2026-03-06', 0],
			['2026-03-07', 0],
			['2026-03-08', 0],
			['2026-03-09', 0],
			['2026-03-10', 2]
		]);
	});

	it('lists the most supported visible comments, ties by the earlier comment, none without support', async () => {
		const a = await run();
		expect(a.top.map((t) => [t.title, t.supports])).toEqual([
			['Hinweis 1', 5],
			['Hinweis 3', 5],
			['Hinweis 2', 3],
			['Hinweis 5', 1]
		]);
		expect(a.top[0]).toMatchObject({
			id: ids[0],
			categoryId: fixture.categoryIds[0],
			status: 'new'
		});
	});

	it('filters by category: everything follows, the hidden figure too', async () => {
		const a = await run({ categoryIds: [fixture.categoryIds[1]!] });
		expect(a.rows.map((r) => r.total)).toEqual([0, 2, 0, 0]);
		expect(a.figures).toMatchObject({ visible: 2, hidden: 1, hiddenByReports: 1, answered: 1 });
		expect(a.top.map((t) => t.title)).toEqual(['Hinweis 5']);
		expect(a.timeline.buckets.map((b) => b.count).reduce((x, y) => x + y)).toBe(2);
	});

	it('filters by status', async () => {
		const a = await run({ statuses: ['new'] });
		expect(table(a.rows).map((r) => r[6])).toEqual([3, 0, 0, 0]);
		expect(a.figures).toMatchObject({ visible: 3, hidden: 2, answered: 0 });
		expect(a.top.map((t) => t.title)).toEqual(['Hinweis 1', 'Hinweis 2']);
	});

	it('filters by Berlin calendar days, both ends inclusive, and shows the chosen range', async () => {
		const a = await run({ from: '2026-03-03', to: '2026-03-04' });
		expect(a.figures.visible).toBe(3);
		expect(a.top.map((t) => t.title)).toEqual(['Hinweis 3', 'Hinweis 2']);
		expect(a.timeline.buckets).toEqual([
			{ start: '2026-03-03', count: 1 },
			{ start: '2026-03-04', count: 2 }
		]);
		const none = await run({ from: '2026-04-01' });
		expect(none.figures.visible).toBe(0);
		expect(none.timeline.buckets).toEqual([]);
		expect(none.rows.map((r) => r.total)).toEqual([0, 0, 0, 0]);
	});

	it('gives the markers of one view, hidden ones left out', async () => {
		const map = await analyticsMarkers(database.db, stage, NO_ANALYTICS_FILTER);
		expect(map.markers.map((mk) => map.titles[mk.id]).sort()).toEqual([
			'Hinweis 1',
			'Hinweis 2',
			'Hinweis 3',
			'Hinweis 4',
			'Hinweis 8'
		]);
		const plan = await analyticsMarkers(database.db, stage, {
			...NO_ANALYTICS_FILTER,
			planId: fixture.planId
		});
		expect(plan.markers).toEqual([
			{
				id: ids[4],
				anchor: [200, 300],
				categoryId: fixture.categoryIds[1],
				status: 'rejected',
				geometryType: 'Point'
			}
		]);
		const filtered = await analyticsMarkers(database.db, stage, {
			...NO_ANALYTICS_FILTER,
			statuses: ['accepted']
		});
		expect(filtered.markers.map((mk) => mk.id)).toEqual([ids[2]]);
	});
});

describe('timelineOf', () => {
	const f = NO_ANALYTICS_FILTER;
	it('switches to ISO weeks (from Monday) beyond about two months', () => {
		const t = timelineOf(
			[
				{ day: '2026-01-01', count: 2 },
				{ day: '2026-01-04', count: 1 },
				{ day: '2026-03-10', count: 4 }
			],
			f
		);
		expect(t.interval).toBe('week');
		expect(t.buckets[0]).toEqual({ start: '2025-12-29', count: 3 });
		expect(t.buckets.at(-1)).toEqual({ start: '2026-03-09', count: 4 });
		expect(t.buckets).toHaveLength(11);
		expect(t.buckets.reduce((s, b) => s + b.count, 0)).toBe(7);
	});

	it('cuts an absurdly wide range to the days with comments', () => {
		const t = timelineOf([{ day: '2026-03-10', count: 1 }], {
			...f,
			from: '2000-01-01',
			to: '2099-12-31'
		});
		expect(t.buckets).toEqual([{ start: '2026-03-10', count: 1 }]);
	});

	it('finds Mondays across years and leap days', () => {
		expect(mondayOf('2026-03-08')).toBe('2026-03-02');
		expect(mondayOf('2026-03-09')).toBe('2026-03-09');
		expect(mondayOf('2024-03-01')).toBe('2024-02-26');
	});
});
