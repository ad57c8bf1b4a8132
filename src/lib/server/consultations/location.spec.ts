import { describe, expect, it } from 'vitest';
import { formatLocationInput, parseLocation } from './location.ts';

const square = [
	[7.33, 50.77],
	[7.34, 50.77],
	[7.34, 50.78],
	[7.33, 50.78],
	[7.33, 50.77]
];

describe('parseLocation', () => {
	it('treats an empty field as no location', () => {
		expect(parseLocation('  ')).toEqual({ ok: true, location: null });
	});

	it('reads "lat, lon" and stores GeoJSON order [lon, lat]', () => {
		expect(parseLocation('50.7753, 7.3357')).toEqual({
			ok: true,
			location: { type: 'Point', coordinates: [7.3357, 50.7753] }
		});
		expect(parseLocation('50,7753; 7,3357')).toEqual({
			ok: true,
			location: { type: 'Point', coordinates: [7.3357, 50.7753] }
		});
	});

	it('refuses NaN, text and out-of-range coordinates', () => {
		expect(parseLocation('NaN, 7.3')).toEqual({ ok: false, error: 'consLocationFormat' });
		expect(parseLocation('Marktplatz')).toEqual({ ok: false, error: 'consLocationFormat' });
		expect(parseLocation('91, 7')).toEqual({ ok: false, error: 'consLocationRange' });
		expect(parseLocation('50, 181')).toEqual({ ok: false, error: 'consLocationRange' });
	});

	it('accepts a closed polygon, bare or as a Feature', () => {
		const polygon = { type: 'Polygon', coordinates: [square] };
		expect(parseLocation(JSON.stringify(polygon))).toEqual({ ok: true, location: polygon });
		const feature = { type: 'Feature', properties: {}, geometry: polygon };
		expect(parseLocation(JSON.stringify(feature))).toEqual({ ok: true, location: polygon });
	});

	it('refuses unclosed rings, too few points, bad JSON, other types and bad numbers', () => {
		const open = { type: 'Polygon', coordinates: [square.slice(0, 4)] };
		expect(parseLocation(JSON.stringify(open))).toEqual({ ok: false, error: 'consLocationRing' });
		const unclosed = {
			type: 'Polygon',
			coordinates: [[...square.slice(0, 4), [7.331, 50.771]]]
		};
		expect(parseLocation(JSON.stringify(unclosed))).toEqual({
			ok: false,
			error: 'consLocationRing'
		});
		expect(parseLocation('{"type": "Polygon", "coordinates": [[[7, NaN]]]}')).toEqual({
			ok: false,
			error: 'consLocationJson'
		});
		expect(parseLocation('{"type": "Point", "coordinates": [7, 50]}')).toEqual({
			ok: false,
			error: 'consLocationPolygon'
		});
		const strings = { type: 'Polygon', coordinates: [square.map(([a, b]) => [`${a}`, b])] };
		expect(parseLocation(JSON.stringify(strings))).toEqual({
			ok: false,
			error: 'consLocationPolygon'
		});
		const far = { type: 'Polygon', coordinates: [square.map(([a, b]) => [a! + 200, b])] };
		expect(parseLocation(JSON.stringify(far))).toEqual({ ok: false, error: 'consLocationRange' });
	});

	it('round-trips through the form field', () => {
		const point = parseLocation('50.7753, 7.3357');
		expect(point.ok && formatLocationInput(point.location)).toBe('50.7753, 7.3357');
	});
});
