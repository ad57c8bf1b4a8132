import { describe, expect, it } from 'vitest';
import { filterParams, formatBBox, parseBBox } from './view-query.ts';

describe('parseBBox', () => {
	it('reads four numbers of a map box', () => {
		expect(parseBBox('7.33,50.77,7.34,50.78', 'geo')).toEqual({
			ok: true,
			value: [7.33, 50.77, 7.34, 50.78]
		});
	});

	it('reads negative and exponent numbers of a plan box', () => {
		expect(parseBBox('-10,-2.5e1,1000,800', 'plan')).toEqual({
			ok: true,
			value: [-10, -25, 1000, 800]
		});
	});

	it.each([
		'',
		'1,2,3',
		'1,2,3,4,5',
		'NaN,1,2,3',
		'Infinity,1,2,3',
		'1,2,3,x',
		'0x10,1,2,3',
		'1,,2,3',
		'1e400,0,2,3'
	])('refuses %j as malformed', (text) => {
		expect(parseBBox(text, 'geo')).toEqual({ ok: false, error: 'mvBBoxFormat' });
	});

	it.each(['7,51,6,52', '7,52,8,51', '7,-91,8,0', '7,0,8,95', '-600,0,8,1'])(
		'refuses %j as out of range or inverted on the map',
		(text) => {
			expect(parseBBox(text, 'geo')).toEqual({ ok: false, error: 'mvBBoxRange' });
		}
	);

	it('clamps longitudes of a wrapped world to ±180', () => {
		expect(parseBBox('-200,10,200,20', 'geo')).toEqual({ ok: true, value: [-180, 10, 180, 20] });
	});

	it('refuses huge pixel numbers on a plan', () => {
		expect(parseBBox('0,0,1e9,10', 'plan')).toEqual({ ok: false, error: 'mvBBoxRange' });
	});

	it('formats boxes short and round-trips', () => {
		const text = formatBBox([7.123456789, 50.1, 7.2, 50.2]);
		expect(text).toBe('7.123457,50.1,7.2,50.2');
		expect(parseBBox(text, 'geo').ok).toBe(true);
	});
});

describe('filterParams', () => {
	it('leaves defaults out and repeats lists', () => {
		const p = filterParams(
			{ planId: null, categoryIds: ['a', 'b'], statuses: ['new'], sort: 'neueste' },
			{ bbox: '1,2,3,4', ab: undefined }
		);
		expect(p.toString()).toBe('kategorie=a&kategorie=b&status=new&bbox=1%2C2%2C3%2C4');
	});

	it('names the plan view and a non-default sort', () => {
		const p = filterParams({ planId: 'p1', categoryIds: [], statuses: [], sort: 'unterstuetzung' });
		expect(p.toString()).toBe('ansicht=p1&sortierung=unterstuetzung');
	});
});
