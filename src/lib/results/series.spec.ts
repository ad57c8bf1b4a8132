import { describe, expect, it } from 'vitest';
import { resultSeries } from './series.ts';
import type { BudgetResult, ChoiceResult, MatrixResult } from './types.ts';

const base = { questionId: 'q', title: 'Frage', respondents: 4, asked: 4, summary: '' };

describe('resultSeries', () => {
	it('turns choice shares of respondents into percentages and keeps suppressed cells as gaps', () => {
		const r: ChoiceResult = {
			...base,
			kind: 'choice',
			questionType: 'multiple',
			multiple: true,
			otherTexts: 0,
			options: [
				{ id: 'o1', label: 'Rad', count: 3, share: 0.75 },
				{ id: 'o2', label: 'Bus', count: null, share: null },
				{ id: 'o3', label: 'Auto', count: 1, share: 1 / 3 }
			]
		};
		expect(resultSeries(r)).toEqual({
			labels: ['Rad', 'Bus', 'Auto'],
			values: [75, null, 33.3],
			percent: true
		});
	});

	it('uses budget averages as plain numbers', () => {
		const r: BudgetResult = {
			...base,
			kind: 'budget',
			questionType: 'budget',
			unit: '€',
			total: 100,
			options: [{ id: 'o1', label: 'Radwege', sum: 240, average: 60, share: 0.6, allocatedBy: 4 }]
		};
		expect(resultSeries(r)).toEqual({ labels: ['Radwege'], values: [60], percent: false });
	});

	it('has no single series for a matrix', () => {
		const r: MatrixResult = {
			...base,
			kind: 'matrix',
			questionType: 'matrix',
			scale: [],
			noAnswerLabel: null,
			rows: []
		};
		expect(resultSeries(r)).toBeNull();
	});
});
