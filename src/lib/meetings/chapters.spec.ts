import { describe, expect, it } from 'vitest';
import { chapterEnds } from './chapters.ts';
import { formatClock, topParam } from './format.ts';

describe('chapterEnds', () => {
	it('ends a chapter at the next mark on the recording, or at its end', () => {
		const ends = chapterEnds(
			[
				{ id: 'a', chapterStartMs: 0 },
				{ id: 'b', chapterStartMs: 60_000 },
				{ id: 'n', chapterStartMs: 30_000 },
				{ id: 'x', chapterStartMs: null }
			],
			180_000
		);
		expect(Object.fromEntries(ends)).toEqual({ a: 30_000, b: 180_000, n: 60_000 });
	});

	it('leaves the last end open without a known duration', () => {
		expect(chapterEnds([{ id: 'a', chapterStartMs: 5 }], null).get('a')).toBeNull();
	});
});

describe('format', () => {
	it('writes clocks and deep-link numbers', () => {
		expect(formatClock(0)).toBe('0:00');
		expect(formatClock(130_000)).toBe('2:10');
		expect(formatClock(3_723_000)).toBe('1:02:03');
		expect(topParam('TOP 5')).toBe('5');
		expect(topParam('Ö 5.1')).toBe('5.1');
	});
});
