import { describe, expect, it } from 'vitest';
import type { ChoiceResult, NumericResult, TextResult } from '../../results/types.ts';
import { publicCrossTab, publicQuestion } from './public-results.ts';

const K = 5;

const choice: ChoiceResult = {
	kind: 'choice',
	questionId: 'q1',
	title: 'Wie kommen Sie in die Innenstadt?',
	questionType: 'single',
	multiple: false,
	respondents: 14,
	asked: 14,
	summary: '2 von 14 kommen mit dem Bus.',
	otherTexts: 2,
	options: [
		{ id: 'o1', label: 'Fahrrad', count: 12, share: 12 / 14 },
		{ id: 'o2', label: 'Bus', count: null, share: null, small: true }
	]
};

describe('publicQuestion', () => {
	it('drops small marks, a small count of "Sonstiges" texts and a summary naming hidden numbers', () => {
		const q = publicQuestion(choice, K) as ChoiceResult;
		expect(JSON.stringify(q)).not.toContain('small');
		expect(q.otherTexts).toBe(0);
		expect(q.summary).toBe(
			'14 Personen haben geantwortet; am häufigsten gewählt wurde „Fahrrad“ (86\u00a0%).'
		);
		expect(q.options.map((o) => o.count)).toEqual([12, null]);
	});

	it('keeps a count of "Sonstiges" texts of k and more', () => {
		expect((publicQuestion({ ...choice, otherTexts: 5 }, K) as ChoiceResult).otherTexts).toBe(5);
	});

	it('publishes no hidden-answer count and no theme whose count is suppressed', () => {
		const text: TextResult = {
			kind: 'text',
			questionId: 'q2',
			title: 'Was wünschen Sie sich?',
			questionType: 'long_text',
			respondents: 20,
			asked: 25,
			summary: '',
			hidden: 2,
			themes: [
				{ id: 't1', label: 'Mehr Radwege', count: 9, share: 0.45 },
				{ id: 't2', label: 'Ampel an der Schule Müller', count: null, share: null }
			]
		};
		const q = publicQuestion(text, K) as TextResult;
		expect(q.hidden).toBe(0);
		expect(q.themes.map((t) => t.label)).toEqual(['Mehr Radwege']);
		expect(q.summary).toBe(
			'20 Personen haben eine Antwort geschrieben; häufigstes Thema: „Mehr Radwege“ (9).'
		);
	});

	it('removes minimum and maximum of numbers, also from the summary: each is one person’s answer', () => {
		const numeric: NumericResult = {
			kind: 'numeric',
			questionId: 'q3',
			title: 'Wie alt sind Sie?',
			questionType: 'number',
			respondents: 10,
			asked: 10,
			summary: '',
			unit: 'Jahre',
			mean: 41.25,
			median: 40,
			min: 18,
			max: 93,
			histogram: []
		};
		const q = publicQuestion(numeric, K) as NumericResult;
		expect([q.min, q.max]).toEqual([null, null]);
		expect(q.summary).toBe('10 Antworten; Median 40 Jahre, Mittelwert 41,3 Jahre.');
	});

	it('says a question was hidden when its respondents are suppressed, without a number', () => {
		const q = publicQuestion({ ...choice, respondents: null, options: [] }, K);
		expect(q.summary).toBe(
			'Zu dieser Frage liegen zu wenige Antworten vor, um Ergebnisse zu veröffentlichen (weniger als 5).'
		);
	});
});

describe('publicCrossTab', () => {
	it('drops small marks from cells and totals', () => {
		const cell = { count: null, share: null, small: true };
		const t = publicCrossTab({
			rowTitle: 'A',
			columnTitle: 'B',
			rows: [{ id: 'r', label: 'R' }],
			columns: [{ id: 'c', label: 'C' }],
			cells: [[cell]],
			rowTotals: [cell],
			columnTotals: [cell],
			total: null,
			rowsOverlap: false,
			columnsOverlap: false
		});
		expect(JSON.stringify(t)).not.toContain('small');
	});
});
