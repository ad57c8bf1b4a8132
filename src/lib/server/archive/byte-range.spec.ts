import { describe, expect, it } from 'vitest';
import { parseRange } from './byte-range.ts';

describe('parseRange', () => {
	it('reads a single closed range and clamps its end to the file', () => {
		expect(parseRange('bytes=0-99', 1000)).toEqual({ kind: 'partial', start: 0, end: 99 });
		expect(parseRange('bytes=900-5000', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 });
	});

	it('reads open and suffix ranges', () => {
		expect(parseRange('bytes=500-', 1000)).toEqual({ kind: 'partial', start: 500, end: 999 });
		expect(parseRange('bytes=-100', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 });
		expect(parseRange('bytes=-5000', 1000)).toEqual({ kind: 'partial', start: 0, end: 999 });
	});

	it('refuses ranges that select nothing', () => {
		expect(parseRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
		expect(parseRange('bytes=2000-3000', 1000)).toEqual({ kind: 'unsatisfiable' });
		expect(parseRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' });
		expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
	});

	it('answers several ranges with the whole file', () => {
		expect(parseRange('bytes=0-1,5-9', 1000)).toEqual({ kind: 'whole' });
	});

	it('ignores garbage, other units and reversed ranges', () => {
		for (const header of [
			null,
			'',
			'bytes=',
			'bytes=-',
			'bytes=abc-def',
			'bytes=5-1',
			'items=0-5',
			'bytes=0x10-20',
			'bytes=99999999999999999999-'
		]) {
			expect(parseRange(header, 1000), String(header)).toEqual({ kind: 'whole' });
		}
	});
});
