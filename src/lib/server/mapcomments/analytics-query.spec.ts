import { describe, expect, it } from 'vitest';
import type { MapStage } from '../../mapcomments/types.ts';
import { parseAnalyticsQuery, parseDay } from './analytics-query.ts';

const CAT_A = '11111111-1111-4111-8111-111111111111';
const CAT_B = '22222222-2222-4222-8222-222222222222';
const PLAN = '33333333-3333-4333-8333-333333333333';
const PLACED = '44444444-4444-4444-8444-444444444444';

const plan = (id: string, bounds: MapStage['plans'][number]['bounds']) => ({
	id,
	title: 'Plan',
	description: '',
	fileId: id,
	width: 100,
	height: 100,
	bounds
});

const stage: MapStage = {
	id: '55555555-5555-4555-8555-555555555555',
	consultationId: '66666666-6666-4666-8666-666666666666',
	title: 'Karte',
	intro: '',
	status: 'open',
	baseMap: true,
	areaOfInterest: null,
	geometryTypes: ['Point'],
	reportThreshold: 3,
	categories: [
		{ id: CAT_A, name: 'A', color: '#b3261e' },
		{ id: CAT_B, name: 'B', color: '#1b6e20' }
	],
	plans: [plan(PLAN, null), plan(PLACED, { south: 50, west: 7, north: 51, east: 8 })],
	places: []
};

const parse = (query: string) => parseAnalyticsQuery(stage, new URLSearchParams(query));

describe('parseAnalyticsQuery', () => {
	it('takes an empty query as no filter', () => {
		expect(parse('')).toEqual({
			ok: true,
			filter: { categoryIds: [], statuses: [], from: null, to: null, planId: null }
		});
	});

	it('reads every field, drops repeated values and empty dates', () => {
		const parsed = parse(
			`kategorie=${CAT_B}&kategorie=${CAT_B}&status=new&status=accepted&von=2026-03-01&bis=&ansicht=${PLAN}`
		);
		expect(parsed).toEqual({
			ok: true,
			filter: {
				categoryIds: [CAT_B],
				statuses: ['new', 'accepted'],
				from: '2026-03-01',
				to: null,
				planId: PLAN
			}
		});
		expect(parse('ansicht=karte')).toMatchObject({ ok: true, filter: { planId: null } });
	});

	it.each([
		['kategorie=unbekannt', 'maQueryCategory'],
		['kategorie=77777777-7777-4777-8777-777777777777', 'maQueryCategory'],
		['status=erledigt', 'maQueryStatus'],
		['von=1.3.2026', 'maQueryDate'],
		['bis=2026-02-30', 'maQueryDate'],
		['von=2026-3-1', 'maQueryDate'],
		['von=2026-03-05&bis=2026-03-04', 'maQueryRange'],
		[`ansicht=${PLACED}`, 'maQueryView'],
		['ansicht=x', 'maQueryView']
	])('refuses %s', (query, error) => {
		expect(parse(query)).toEqual({ ok: false, error });
	});

	it('refuses more repeated values than a form sends', () => {
		expect(parse(Array.from({ length: 51 }, (_, i) => `status=s${i}`).join('&'))).toEqual({
			ok: false,
			error: 'maQueryStatus'
		});
	});
});

describe('parseDay', () => {
	it('knows leap days', () => {
		expect(parseDay('2028-02-29')).toEqual({ ok: true, value: '2028-02-29' });
		expect(parseDay('2026-02-29')).toEqual({ ok: false });
		expect(parseDay('1999-12-31')).toEqual({ ok: false });
	});
});
