import { describe, expect, it } from 'vitest';
import { parseBerlinDateTime, toBerlinInput } from './local-time.ts';

const parsed = (v: string) => {
	const r = parseBerlinDateTime(v);
	return r.ok ? r.value?.toISOString() : r.reason;
};

describe('parseBerlinDateTime', () => {
	it('reads winter times as CET and summer times as CEST', () => {
		expect(parsed('2026-01-15T09:00')).toBe('2026-01-15T08:00:00.000Z');
		expect(parsed('2026-07-01T12:30')).toBe('2026-07-01T10:30:00.000Z');
		expect(parsed('2026-12-31T23:59')).toBe('2026-12-31T22:59:00.000Z');
	});

	it('handles the days the clocks change', () => {
		// Spring forward on 29 March 2026 at 02:00: 01:59 is CET, 03:00 is CEST, 02:30 never happens.
		expect(parsed('2026-03-29T01:59')).toBe('2026-03-29T00:59:00.000Z');
		expect(parsed('2026-03-29T03:00')).toBe('2026-03-29T01:00:00.000Z');
		expect(parsed('2026-03-29T02:30')).toBe('gap');
		// Fall back on 25 October 2026: 02:30 happens twice; the later (CET) one is meant.
		expect(parsed('2026-10-25T02:30')).toBe('2026-10-25T01:30:00.000Z');
		expect(parsed('2026-10-25T01:30')).toBe('2026-10-24T23:30:00.000Z');
	});

	it('takes seconds that some browsers send, and empty as no date', () => {
		expect(parsed('2026-05-04T18:00:00')).toBe('2026-05-04T16:00:00.000Z');
		expect(parseBerlinDateTime('  ')).toEqual({ ok: true, value: null });
	});

	it.each([
		'2026-02-30T10:00',
		'2026-13-01T10:00',
		'2026-01-01T24:00',
		'2026-01-01',
		'morgen',
		'1e308',
		'2026-01-01T10:00Z'
	])('refuses %j', (v) => expect(parsed(v)).toBe('format'));
});

describe('toBerlinInput', () => {
	it('shows instants in Hennef time and round-trips', () => {
		expect(toBerlinInput(new Date('2026-07-01T10:30:00Z'))).toBe('2026-07-01T12:30');
		expect(toBerlinInput(new Date('2026-01-15T08:00:00Z'))).toBe('2026-01-15T09:00');
		expect(toBerlinInput(null)).toBe('');
		for (const iso of ['2026-03-29T01:00:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z']) {
			const date = new Date(iso);
			const back = parseBerlinDateTime(toBerlinInput(date));
			// 00:30Z is the first 02:30 of the October night; its wall time reads back as the second.
			if (iso === '2026-10-25T00:30:00Z')
				expect(back).toEqual({ ok: true, value: new Date('2026-10-25T01:30:00Z') });
			else expect(back).toEqual({ ok: true, value: date });
		}
	});
});
