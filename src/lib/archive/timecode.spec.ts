import { describe, expect, it } from 'vitest';
import { formatClock, parseClock, topParam } from './timecode.ts';

describe('parseClock', () => {
	it('reads clock times and seconds', () => {
		expect(parseClock('1:02:03')).toBe(3_723_000);
		expect(parseClock('02:03')).toBe(123_000);
		expect(parseClock('0:25')).toBe(25_000);
		expect(parseClock('130')).toBe(130_000);
		expect(parseClock(' 12,5 ')).toBe(12_500);
		expect(parseClock('1:00.04')).toBe(60_040);
	});

	it('refuses what is not a time', () => {
		for (const text of [
			'',
			'-5',
			'NaN',
			'abc',
			'1:60',
			'1:2:3:4',
			'0:75:00',
			'1e9',
			'5 min',
			'١٢'
		]) {
			expect(parseClock(text), text).toBeNull();
		}
	});
});

describe('formatClock', () => {
	it('writes hours only when needed and keeps milliseconds', () => {
		expect(formatClock(65)).toBe('1:05');
		expect(formatClock(3723)).toBe('1:02:03');
		expect(formatClock(60.04)).toBe('1:00.04');
		expect(parseClock(formatClock(5432.1))).toBe(5_432_100);
	});
});

describe('topParam', () => {
	it('drops the prefix of an agenda number', () => {
		expect(topParam('TOP 5')).toBe('5');
		expect(topParam('Ö 5.1')).toBe('5.1');
		expect(topParam('TOP 12a')).toBe('12a');
		expect(topParam('Verschiedenes')).toBeNull();
	});
});
