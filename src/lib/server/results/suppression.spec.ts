import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChoiceResult, CrossTab, QuestionResult } from '../../results/types.ts';
import { NO_FILTER } from '../../results/types.ts';
import type { Database } from '../db/index.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import { crossTab, surveyDashboard } from './results.service.ts';
import { suppressCrossTab, suppressGrid, suppressQuestion, type Line } from './suppression.ts';
import { createResultsSurvey, type ResultsSurvey } from './test-results-survey.ts';

const K = 5;

/**
 * What an attacker can do with a published line of numbers: solve it for a single hidden cell,
 * or read off the sum of the hidden cells. Either way nothing under k may come out.
 */
function recoverable(values: number[], out: (number | null)[], line: Line): number[] {
	if (!line.additive || out[line.total] === null) return [];
	const hidden = line.cells.filter((c) => out[c] === null);
	const sum = hidden.reduce((s, c) => s + values[c]!, 0);
	if (hidden.length === 1) return [sum];
	return hidden.length > 1 && sum > 0 && sum < K ? [sum] : [];
}

describe('suppressGrid', () => {
	const line = (n: number, additive = true): Line => ({
		cells: Array.from({ length: n }, (_, i) => i),
		total: n,
		additive
	});

	it('hides cells under k and keeps zeros', () => {
		expect(suppressGrid([12, 0, 3, 2, 17], [line(4)], K)).toEqual([12, 0, null, null, 17]);
	});

	it('hides a second cell when one hidden cell equals the total minus the others', () => {
		// 25 − 10 − 12 would give away the 3.
		const values = [10, 3, 12, 25];
		const out = suppressGrid(values, [line(3)], K);
		expect(out).toEqual([null, null, 12, 25]);
		expect(recoverable(values, out, line(3))).toEqual([]);
	});

	it('hides more while the hidden cells together stay under k', () => {
		// Two hidden ones that add up to 2 would still say "2 people".
		expect(suppressGrid([1, 1, 20, 30, 52], [line(4)], K)).toEqual([null, null, null, 30, 52]);
	});

	it('hides the total when no other cell can cover a single hidden one', () => {
		expect(suppressGrid([3, 0, 0, 3], [line(3)], K)).toEqual([null, 0, 0, null]);
	});

	it('hides a yes/no cell whose complement is small (multiple choice)', () => {
		// 48 of 50 chose the first option, so 2 did not.
		expect(suppressGrid([48, 30, 50], [line(2, false)], K)).toEqual([null, 30, 50]);
	});
});

let database: Database;
let s: ResultsSurvey;
beforeAll(async () => {
	database = await createTestDatabase();
	s = await createResultsSurvey(database.db);
});
afterAll(async () => {
	await database?.close();
});

const published = async () =>
	(await surveyDashboard(database.db, s.surveyId, NO_FILTER))!.questions.map((q) =>
		suppressQuestion(q, K)
	);

/** Every number in a published result: nothing in 1..k-1. */
function numbers(value: unknown, out: number[] = []): number[] {
	if (typeof value === 'number') out.push(value);
	else if (Array.isArray(value)) value.forEach((v) => numbers(v, out));
	else if (value && typeof value === 'object') {
		for (const [key, v] of Object.entries(value)) {
			if (['count', 'respondents', 'total', 'allocatedBy'].includes(key) || typeof v === 'object')
				numbers(v, out);
		}
	}
	return out;
}

describe('suppressQuestion on the fixture survey', () => {
	it('hides small options of a single choice question and one more to stop subtraction', async () => {
		const q = (await published()).find((r) => r.questionId === s.ids.district) as ChoiceResult;
		// Nord 6, Süd 4, Ost 1, Sonstiges 1 of 12: three hidden cells adding up to 6.
		expect(q.options.map((o) => o.count)).toEqual([6, null, null, null]);
		expect(q.options.map((o) => o.share)).toEqual([0.5, null, null, null]);
		expect(q.summary).toBe(
			'12 Personen haben geantwortet; am häufigsten gewählt wurde „Nord“ (50\u00a0%).'
		);
	});

	it('hides a multiple choice option chosen by all but a few', async () => {
		const q = (await published()).find((r) => r.questionId === s.ids.transport) as ChoiceResult;
		// Bus 7 of 11 (4 did not), Rad 5 (6 did not), Auto 4, Sonstiges 1.
		expect(q.options.map((o) => o.count)).toEqual([null, 5, null, null]);
	});

	it('hides whole questions with fewer than k respondents, and never minima and maxima', async () => {
		const all = await published();
		const wish = all.find((r) => r.questionId === s.ids.wish)!;
		expect(wish.respondents).toBeNull();
		expect(wish.summary).toBe(
			'Zu dieser Frage liegen zu wenige Antworten vor, um Ergebnisse zu veröffentlichen (weniger als 5).'
		);
		const age = all.find((r) => r.questionId === s.ids.age)!;
		expect(age.kind === 'numeric' && [age.min, age.max, age.median]).toEqual([null, null, 45]);
		// Budget: 5 respondents, but each option was given points by only 4.
		const budget = all.find((r) => r.questionId === s.ids.budget)!;
		expect(budget.kind === 'budget' && budget.options.every((o) => o.sum === null)).toBe(true);
	});

	it('publishes no count under k anywhere', async () => {
		const all: QuestionResult[] = await published();
		for (const q of all) {
			for (const n of numbers(q)) expect(n === 0 || n >= K, `${q.title}: ${n}`).toBe(true);
			expect(q.asked).toBeNull();
		}
	});
});

describe('suppressCrossTab', () => {
	it('protects rows, columns and the margins of a cross-tab', async () => {
		const raw = (await crossTab(
			database.db,
			s.surveyId,
			{ questionId: s.ids.square, rowId: 'r1' },
			{ questionId: s.ids.district },
			NO_FILTER
		))!;
		const t: CrossTab = suppressCrossTab(raw, K);
		const visible = [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals].map((c) => c.count);
		for (const n of visible) expect(n === null || n === 0 || n >= K).toBe(true);
		// Every row and column (single choice on both sides, so additive) hides none or ≥ 2 cells,
		// unless its total is hidden too.
		const lines = [
			...t.cells.map((row, i) => ({ cells: row, total: t.rowTotals[i]! })),
			...t.columns.map((_, j) => ({
				cells: t.cells.map((row) => row[j]!),
				total: t.columnTotals[j]!
			}))
		];
		for (const line of lines) {
			const hidden = line.cells.filter((c) => c.count === null).length;
			if (line.total.count !== null) expect(hidden === 0 || hidden >= 2).toBe(true);
		}
		// A share would give away its row total: none shown where the total is hidden.
		t.cells.forEach((row, i) => {
			if (t.rowTotals[i]!.count === null) expect(row.every((c) => c.share === null)).toBe(true);
		});
	});

	it('solves a small table exactly', () => {
		const cell = (count: number) => ({ count, share: null });
		const t: CrossTab = {
			rowTitle: 'A',
			columnTitle: 'B',
			rows: [
				{ id: 'a', label: 'a' },
				{ id: 'b', label: 'b' }
			],
			columns: [
				{ id: 'x', label: 'x' },
				{ id: 'y', label: 'y' }
			],
			cells: [
				[cell(10), cell(2)],
				[cell(8), cell(9)]
			],
			rowTotals: [cell(12), cell(17)],
			columnTotals: [cell(18), cell(11)],
			total: 29,
			rowsOverlap: false,
			columnsOverlap: false
		};
		const out = suppressCrossTab(t, K);
		// The 2 is hidden; its row and its column each need a second hidden cell, which the 10, the 9
		// and then the 8 provide (each is the smallest left in a line with one hidden cell).
		expect(out.cells.map((r) => r.map((c) => c.count))).toEqual([
			[null, null],
			[null, null]
		]);
		expect(out.rowTotals.map((c) => c.count)).toEqual([12, 17]);
		expect(out.total).toBe(29);
	});
});
