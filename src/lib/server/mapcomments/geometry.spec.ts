import { describe, expect, it } from 'vitest';
import type { AreaPolygon, GeometryType } from '../../mapcomments/types.ts';
import { checkGeometry, parseGeometryText, type GeometryFrame } from './geometry.ts';

const ALL: GeometryType[] = ['Point', 'LineString', 'Polygon'];
// An L-shaped area of interest around the Marktplatz (concave, so edges can leave it).
const AREA: AreaPolygon = {
	type: 'Polygon',
	coordinates: [
		[
			[7.33, 50.77],
			[7.34, 50.77],
			[7.34, 50.775],
			[7.335, 50.775],
			[7.335, 50.78],
			[7.33, 50.78],
			[7.33, 50.77]
		]
	]
};
const GEO: GeometryFrame = { kind: 'geo', area: AREA };
const PLAN: GeometryFrame = { kind: 'plan', width: 1000, height: 800 };

const refused = (input: unknown, frame: GeometryFrame = GEO, allowed = ALL) => {
	const result = checkGeometry(input, frame, allowed);
	return result.ok ? 'accepted' : result.error;
};

describe('checkGeometry', () => {
	it('accepts a point inside the area, rounds it and anchors at it', () => {
		const result = checkGeometry({ type: 'Point', coordinates: [7.3321234567, 50.7712] }, GEO, ALL);
		expect(result).toEqual({
			ok: true,
			value: {
				geometry: { type: 'Point', coordinates: [7.3321235, 50.7712] },
				bbox: [7.3321235, 50.7712, 7.3321235, 50.7712],
				anchor: [7.3321235, 50.7712]
			}
		});
	});

	it('accepts a Feature wrapper, a line and an area with their boxes', () => {
		const line = checkGeometry(
			{
				type: 'Feature',
				geometry: {
					type: 'LineString',
					coordinates: [
						[7.331, 50.771],
						[7.333, 50.771]
					]
				}
			},
			GEO,
			ALL
		);
		expect(line.ok && line.value.anchor).toEqual([7.332, 50.771]);
		const area = checkGeometry(
			{
				type: 'Polygon',
				coordinates: [
					[
						[7.331, 50.771],
						[7.333, 50.771],
						[7.333, 50.773],
						[7.331, 50.771]
					]
				]
			},
			GEO,
			ALL
		);
		expect(area.ok && area.value.bbox).toEqual([7.331, 50.771, 7.333, 50.773]);
	});

	it('refuses points outside the area and edges that cut across its bay', () => {
		expect(refused({ type: 'Point', coordinates: [7.338, 50.778] })).toBe('mapGeometryOutsideArea');
		// Both ends are inside the L; the line crosses the missing corner.
		expect(
			refused({
				type: 'LineString',
				coordinates: [
					[7.338, 50.772],
					[7.332, 50.779]
				]
			})
		).toBe('mapGeometryOutsideArea');
	});

	it('refuses NaN, infinite, huge, string and out-of-range coordinates', () => {
		for (const coordinates of [
			[NaN, 50.77],
			[Infinity, 50.77],
			[1e308, 1e308],
			['7.33', '50.77'],
			[7.33],
			[200, 50],
			[7, 95],
			null
		]) {
			expect(refused({ type: 'Point', coordinates }, { kind: 'geo', area: null })).toBe(
				'mapGeometryCoordinates'
			);
		}
	});

	it('refuses unknown and disallowed types', () => {
		expect(refused({ type: 'MultiPoint', coordinates: [[7.331, 50.771]] })).toBe('mapGeometryType');
		expect(refused({ type: 'GeometryCollection', geometries: [] })).toBe('mapGeometryType');
		expect(refused('Point')).toBe('mapGeometryType');
		expect(refused({ type: 'Polygon', coordinates: [] }, GEO, ['Point'])).toBe(
			'mapGeometryNotAllowed'
		);
	});

	it('refuses self-intersecting, open, degenerate and holed areas', () => {
		const bowtie = [
			[7.331, 50.771],
			[7.333, 50.773],
			[7.333, 50.771],
			[7.331, 50.773],
			[7.331, 50.771]
		];
		expect(refused({ type: 'Polygon', coordinates: [bowtie] })).toBe('mapGeometrySelfIntersects');
		const open = [
			[7.331, 50.771],
			[7.333, 50.771],
			[7.333, 50.773],
			[7.331, 50.773]
		];
		expect(refused({ type: 'Polygon', coordinates: [open] })).toBe('mapGeometryRing');
		const flat = [
			[7.331, 50.771],
			[7.332, 50.771],
			[7.333, 50.771],
			[7.331, 50.771]
		];
		expect(refused({ type: 'Polygon', coordinates: [flat] })).toBe('mapGeometryRing');
		const square = [
			[7.331, 50.771],
			[7.334, 50.771],
			[7.334, 50.774],
			[7.331, 50.774],
			[7.331, 50.771]
		];
		expect(refused({ type: 'Polygon', coordinates: [square, square] })).toBe('mapGeometryRing');
	});

	it('refuses too many vertices and a line of one repeated point', () => {
		const many = Array.from({ length: 201 }, (_, i) => [7.331 + i * 1e-6, 50.771]);
		expect(refused({ type: 'LineString', coordinates: many })).toBe('mapGeometryTooManyVertices');
		expect(
			refused({
				type: 'LineString',
				coordinates: [
					[7.331, 50.771],
					[7.331, 50.771]
				]
			})
		).toBe('mapGeometryLineShort');
	});

	it('keeps comments on a plan inside its pixels', () => {
		expect(refused({ type: 'Point', coordinates: [500, 400] }, PLAN)).toBe('accepted');
		expect(refused({ type: 'Point', coordinates: [1001, 400] }, PLAN)).toBe(
			'mapGeometryOutsidePlan'
		);
		expect(refused({ type: 'Point', coordinates: [-1, 400] }, PLAN)).toBe('mapGeometryOutsidePlan');
	});

	it('anchors a concave area inside it', () => {
		const u = [
			[0, 0],
			[30, 0],
			[30, 30],
			[20, 30],
			[20, 10],
			[10, 10],
			[10, 30],
			[0, 30],
			[0, 0]
		];
		const result = checkGeometry({ type: 'Polygon', coordinates: [u] }, PLAN, ALL);
		expect(result.ok).toBe(true);
		const [x, y] = result.ok ? result.value.anchor : [0, 0];
		expect(x < 10 || x > 20 || y < 10).toBe(true);
	});
});

describe('parseGeometryText', () => {
	it('refuses empty, broken and oversized text', () => {
		expect(parseGeometryText('  ')).toEqual({ ok: false, error: 'mapGeometryMissing' });
		expect(parseGeometryText('{"type":')).toEqual({ ok: false, error: 'mapGeometryJson' });
		expect(parseGeometryText('[' + '1,'.repeat(40000) + '1]')).toEqual({
			ok: false,
			error: 'mapGeometryTooManyVertices'
		});
	});
});
