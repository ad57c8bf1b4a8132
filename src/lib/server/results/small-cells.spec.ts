import { describe, expect, it } from 'vitest';
import { assertNoSmallCells, SmallCellError } from './small-cells.ts';

const cell = (count: number | null) => ({ count, share: count === null ? null : 0.5 });

describe('assertNoSmallCells', () => {
	it('passes counts of 0, of k and more, and suppressed (null) cells', () => {
		const snapshot = {
			responses: 12,
			questions: [
				{ kind: 'choice', respondents: 12, asked: 12, options: [cell(0), cell(5), cell(null)] }
			]
		};
		expect(() => assertNoSmallCells(snapshot, 5)).not.toThrow();
	});

	it('names the first count under k, however deeply it is nested', () => {
		const snapshot = {
			questions: [
				{
					kind: 'matrix',
					respondents: 20,
					rows: [{ respondents: 20, cells: [cell(16), cell(4)], noAnswer: cell(0) }]
				}
			]
		};
		expect(() => assertNoSmallCells(snapshot, 5)).toThrow(SmallCellError);
		expect(() => assertNoSmallCells(snapshot, 5)).toThrow('$.questions[0].rows[0].cells[1].count');
	});

	it('checks respondents, totals of a cross-tab and the response count, not only cells', () => {
		expect(() => assertNoSmallCells({ responses: 3 }, 5)).toThrow('$.responses = 3');
		expect(() => assertNoSmallCells({ questions: [{ respondents: 1 }] }, 5)).toThrow();
		const crossTab = { cells: [[cell(null)]], rowTotals: [cell(null)], total: 4 };
		expect(() => assertNoSmallCells({ crossTabs: [{ table: crossTab }] }, 5)).toThrow(
			'$.crossTabs[0].table.total = 4'
		);
	});

	it('leaves values that are not counts alone: shares, means, ranks and a budget total', () => {
		const budget = { kind: 'budget', respondents: 9, total: 3, options: [{ sum: 2, average: 1 }] };
		const numeric = { kind: 'numeric', respondents: 9, mean: 2.5, median: 2, histogram: [] };
		const ranking = { options: [{ averageRank: 1.5, firstPlace: cell(6), rankedBy: cell(9) }] };
		expect(() => assertNoSmallCells({ questions: [budget, numeric, ranking] }, 5)).not.toThrow();
	});

	it('uses k as given: 2 lets a single 2 pass, 10 refuses 9', () => {
		expect(() => assertNoSmallCells({ count: 2 }, 2)).not.toThrow();
		expect(() => assertNoSmallCells({ count: 9 }, 10)).toThrow();
	});
});
