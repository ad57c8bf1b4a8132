import { describe, expect, it } from 'vitest';
import { cellMarks, countText, numberFormats, percentValue, shareText } from './cell-format.ts';

describe('result number formatting', () => {
	const de = numberFormats('de');

	it('writes German numbers and never shows a suppressed value as 0', () => {
		expect(countText(de, 12345)).toBe('12.345');
		expect(shareText(de, 1 / 6)).toBe('16,7\u00a0%');
		expect(countText(de, null)).toBe('–');
		expect(shareText(de, null)).toBe('–');
		expect(shareText(numberFormats('en'), 0.5)).toBe('50%');
	});

	it('gives charts percentages with one decimal and gaps for suppressed cells', () => {
		expect(percentValue(2 / 3)).toBe(66.7);
		expect(percentValue(null)).toBeNull();
	});

	it('tells a table which notes it needs', () => {
		expect(cellMarks([{ count: 3, share: 0.3, small: true }])).toEqual({
			small: true,
			suppressed: false
		});
		expect(
			cellMarks([
				{ count: null, share: null },
				{ count: 0, share: 0 }
			])
		).toEqual({
			small: false,
			suppressed: true
		});
	});
});
