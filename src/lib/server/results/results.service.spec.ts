import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
	BudgetResult,
	ChoiceResult,
	Dashboard,
	MatrixResult,
	NumericResult,
	QuestionResult,
	RankingResult,
	TextResult
} from '../../results/types.ts';
import { NO_FILTER } from '../../results/types.ts';
import type { Database } from '../db/index.ts';
import { findSurvey } from '../surveys/surveys.repository.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import { dropCachedCubes, warmCubes } from './cube-cache.ts';
import { parseResultsQuery } from './filter-params.ts';
import { crossTab, segmentedResult, surveyDashboard } from './results.service.ts';
import { createResultsSurvey, type ResultsSurvey } from './test-results-survey.ts';

let database: Database;
let s: ResultsSurvey;
beforeAll(async () => {
	database = await createTestDatabase();
	s = await createResultsSurvey(database.db);
});
afterAll(async () => {
	await database?.close();
});

function question<K extends QuestionResult['kind']>(
	d: Dashboard,
	id: string,
	kind: K
): Extract<QuestionResult, { kind: K }> {
	const q = d.questions.find((x) => x.questionId === id)!;
	expect(q.kind).toBe(kind);
	return q as Extract<QuestionResult, { kind: K }>;
}

const counts = (r: ChoiceResult) => Object.fromEntries(r.options.map((o) => [o.label, o.count]));

describe('surveyDashboard on the fixture survey', () => {
	it('counts single choice per respondent, Sonstiges included', async () => {
		const d = (await surveyDashboard(database.db, s.surveyId, NO_FILTER))!;
		const district = question(d, s.ids.district, 'choice');
		expect(district.respondents).toBe(12);
		expect(counts(district)).toEqual({ Nord: 6, Süd: 4, Ost: 1, Sonstiges: 1 });
		expect(district.options[0]!.share).toBeCloseTo(0.5, 10);
		expect(district.otherTexts).toBe(1);
		expect(district.summary).toBe(
			'12 Personen haben geantwortet; am häufigsten gewählt wurde „Nord“ (50\u00a0%).'
		);
	});

	it('gives multiple choice shares of respondents, not of selections or combinations', async () => {
		const d = (await surveyDashboard(database.db, s.surveyId, NO_FILTER))!;
		const transport = question(d, s.ids.transport, 'choice');
		expect(transport.multiple).toBe(true);
		// r11 chose nothing: 11 respondents, 17 selections.
		expect(transport.respondents).toBe(11);
		expect(counts(transport)).toEqual({ Bus: 7, Rad: 5, Auto: 4, Sonstiges: 1 });
		expect(transport.options[0]!.share).toBeCloseTo(7 / 11, 10);
		const total = transport.options.reduce((sum, o) => sum + o.share!, 0);
		expect(total).toBeCloseTo(17 / 11, 10);
		expect(transport.summary).toContain('„Bus“ wählten 64\u00a0%');
	});

	it('ranks by average position and counts first places', async () => {
		const d = (await surveyDashboard(database.db, s.surveyId, NO_FILTER))!;
		const r: RankingResult = question(d, s.ids.priorities, 'ranking');
		expect(r.respondents).toBe(10);
		expect(r.options.map((o) => [o.label, o.averageRank, o.firstPlace.count])).toEqual([
			['Grün', 1.7, 5],
			['Verkehr', 2, 3],
			['Wohnen', 2.3, 2]
		]);
		expect(r.options[0]!.firstPlace.share).toBeCloseTo(0.5, 10);
	});

	it('splits a matrix row into shares of those who rated it, keine Angabe apart', async () => {
		const d = (await surveyDashboard(database.db, s.surveyId, NO_FILTER))!;
		const m: MatrixResult = question(d, s.ids.square, 'matrix');
		expect(m.respondents).toBe(11);
		const [clean, safety] = m.rows;
		expect(clean!.respondents).toBe(10);
		expect(clean!.cells.map((c) => c.count)).toEqual([5, 3, 2]);
		expect(clean!.cells.map((c) => c.share)).toEqual([0.5, 0.3, 0.2]);
		expect(clean!.noAnswer.count).toBe(1);
		expect(safety!.cells.map((c) => c.count)).toEqual([2, 4, 4]);
		expect(m.noAnswerLabel).toBe('keine Angabe');
	});

	it('gives median, mean and a histogram for ratings and numbers', async () => {
		const d = (await surveyDashboard(database.db, s.surveyId, NO_FILTER))!;
		const rating: NumericResult = question(d, s.ids.satisfaction, 'numeric');
		expect(rating.respondents).toBe(11);
		expect(rating.median).toBe(4);
		expect(rating.mean).toBeCloseTo(40 / 11, 10);
		expect(rating.histogram.map((b) => [b.label, b.cell.count])).toEqual([
			['1', 1],
			['2', 1],
			['3', 2],
			['4', 4],
			['5', 3]
		]);
		const age: NumericResult = question(d, s.ids.age, 'numeric');
		expect([age.respondents, age.median, age.mean, age.min, age.max]).toEqual([
			10, 45, 46.4, 23, 72
		]);
		expect(age.unit).toBe('Jahre');
		// 23..72 in whole-number bins of 5: 23–27, 28–32, …, 68–72.
		expect(age.histogram.map((b) => [b.label, b.cell.count])).toEqual([
			['23–27', 1],
			['28–32', 1],
			['33–37', 1],
			['38–42', 1],
			['43–47', 2],
			['48–52', 1],
			['53–57', 0],
			['58–62', 1],
			['63–67', 1],
			['68–72', 1]
		]);
		expect(age.summary).toBe(
			'10 Antworten; Median 45 Jahre, Mittelwert 46,4 Jahre, von 23 Jahre bis 72 Jahre.'
		);
	});

	it('totals and averages a budget over those who distributed it', async () => {
		const d = (await surveyDashboard(database.db, s.surveyId, NO_FILTER))!;
		const b: BudgetResult = question(d, s.ids.budget, 'budget');
		expect(b.respondents).toBe(5);
		expect(b.options.map((o) => [o.label, o.sum, o.average, o.share, o.allocatedBy])).toEqual([
			['Park', 200, 40, 0.4, 4],
			['Spielplatz', 130, 26, 0.26, 4],
			['Radweg', 170, 34, 0.34, 4]
		]);
	});

	it('counts written texts, never the texts themselves', async () => {
		const d = (await surveyDashboard(database.db, s.surveyId, NO_FILTER))!;
		const wish: TextResult = question(d, s.ids.wish, 'text');
		expect(wish.respondents).toBe(3);
		expect(JSON.stringify(d)).not.toContain('Bänke');
		expect(JSON.stringify(d)).not.toContain('Ahlendorf');
	});

	it('reports participation, completion, drop-off per page and submissions per Berlin day', async () => {
		const d = (await surveyDashboard(database.db, s.surveyId, NO_FILTER))!;
		const o = d.overview;
		expect([o.started, o.submitted, o.completionRate, o.mode]).toEqual([15, 12, 0.8, 'open']);
		expect(o.pages.map((p) => [p.reached, p.stoppedHere])).toEqual([
			[15, 1],
			[14, 2]
		]);
		// r12 was submitted at 23:30 UTC on 10 November: 00:30 on the 11th in Hennef.
		expect(o.perDay).toEqual([
			{ day: '2026-11-02', count: 6 },
			{ day: '2026-11-10', count: 5 },
			{ day: '2026-11-11', count: 1 }
		]);
	});

	it('marks cells publishing would hide, in planner views only', async () => {
		const d = (await surveyDashboard(database.db, s.surveyId, NO_FILTER))!;
		const district = question(d, s.ids.district, 'choice');
		expect(district.options.map((o) => o.small ?? false)).toEqual([false, true, true, true]);
		expect(district.options.every((o) => o.count !== null)).toBe(true);
	});
});

describe('filters', () => {
	it('keeps responses by answer and by Berlin day', async () => {
		const d = (await surveyDashboard(database.db, s.surveyId, {
			answers: [{ questionId: s.ids.district, optionIds: ['o1'] }],
			from: null,
			to: null
		}))!;
		expect(d.filtered).toBe(6);
		const transport = question(d, s.ids.transport, 'choice');
		expect(counts(transport)).toEqual({ Bus: 4, Rad: 4, Auto: 2, Sonstiges: 0 });
		const late = (await surveyDashboard(database.db, s.surveyId, {
			answers: [],
			from: '2026-11-11',
			to: '2026-11-11'
		}))!;
		expect(late.filtered).toBe(1);
		expect(late.overview.submitted).toBe(1);
		// Drafts started on 2 and 10 November are outside the day.
		expect(late.overview.started).toBe(1);
	});

	it('combines filters with AND, categories of one filter with OR', async () => {
		const d = (await surveyDashboard(database.db, s.surveyId, {
			answers: [
				{ questionId: s.ids.district, optionIds: ['o1', 'o2'] },
				{ questionId: s.ids.transport, optionIds: ['o3'] }
			],
			from: null,
			to: null
		}))!;
		// Nord or Süd, and Auto: r3, r5, r6, r8.
		expect(d.filtered).toBe(4);
	});

	it('filters by a matrix row and by rating values', async () => {
		const d = (await surveyDashboard(database.db, s.surveyId, {
			answers: [
				{ questionId: s.ids.square, rowId: 'r1', optionIds: ['s1'] },
				{ questionId: s.ids.satisfaction, optionIds: ['4', '5'] }
			],
			from: null,
			to: null
		}))!;
		// Sauberkeit gut: r1–r5; satisfaction 4 or 5 among them: r1, r2, r3, r5.
		expect(d.filtered).toBe(4);
	});
});

describe('segmentedResult and crossTab', () => {
	it('splits a chart by the answer to another question', async () => {
		const seg = (await segmentedResult(
			database.db,
			s.surveyId,
			s.ids.satisfaction,
			{ questionId: s.ids.district },
			NO_FILTER
		))!;
		expect(seg.segments.map((x) => [x.label, x.respondents])).toEqual([
			['Nord', 6],
			['Süd', 4],
			['Ost', 1],
			['Sonstiges', 1]
		]);
		const north = seg.segments[0]!.result as NumericResult;
		// r1, r2, r4, r6, r8, r10: 5, 4, 3, 2, 4, 3
		expect(north.mean).toBeCloseTo(21 / 6, 10);
		expect(north.median).toBe(3.5);
	});

	it('cross-tabulates respondents who answered both, with totals', async () => {
		const t = (await crossTab(
			database.db,
			s.surveyId,
			{ questionId: s.ids.district },
			{ questionId: s.ids.transport },
			NO_FILTER
		))!;
		expect(t.columns.map((c) => c.label)).toEqual(['Bus', 'Rad', 'Auto', 'Sonstiges']);
		expect(t.cells.map((row) => row.map((c) => c.count))).toEqual([
			[4, 4, 2, 0],
			[2, 1, 2, 0],
			[1, 0, 0, 0],
			[0, 0, 0, 1]
		]);
		expect(t.rowTotals.map((c) => c.count)).toEqual([6, 3, 1, 1]);
		expect(t.columnTotals.map((c) => c.count)).toEqual([7, 5, 4, 1]);
		expect(t.total).toBe(11);
		expect(t.cells[1]![0]!.share).toBeCloseTo(2 / 3, 10);
		expect([t.rowsOverlap, t.columnsOverlap]).toEqual([false, true]);
	});

	it('cross-tabulates a matrix row', async () => {
		const t = (await crossTab(
			database.db,
			s.surveyId,
			{ questionId: s.ids.square, rowId: 'r2' },
			{ questionId: s.ids.district },
			NO_FILTER
		))!;
		expect(t.rowTitle).toBe('Wie bewerten Sie den Marktplatz?: Sicherheit');
		expect(t.rows.map((r) => r.id)).toEqual(['s1', 's2', 's3', '__na']);
		expect(t.total).toBe(11);
	});
});

describe('the cube stays current', () => {
	it('sees a new response, a changed one and a deleted one', async () => {
		const db = database.db;
		const fresh = await createResultsSurvey(db, 'Lebende Umfrage');
		const before = (await surveyDashboard(db, fresh.surveyId, NO_FILTER))!;
		expect(before.filtered).toBe(12);
		const district = fresh.ids.district;
		const changed = JSON.stringify({ [district]: { choice: 'o3' } });
		await db
			.updateTable('survey_responses')
			.set({ submitted_answers: changed, answers: changed, updated_at: new Date() })
			.where('id', '=', fresh.responseIds[0]!)
			.execute();
		const added = JSON.stringify({ [district]: { choice: 'o3' } });
		await db
			.insertInto('survey_responses')
			.values({
				survey_id: fresh.surveyId,
				participant_key: 'o:late',
				status: 'submitted',
				answers: added,
				submitted_answers: added,
				survey_version: 1,
				submitted_at: new Date(),
				updated_at: new Date()
			})
			.execute();
		const after = (await surveyDashboard(db, fresh.surveyId, NO_FILTER))!;
		expect(counts(question(after, district, 'choice'))).toEqual({
			Nord: 5,
			Süd: 4,
			Ost: 3,
			Sonstiges: 1
		});
		await db.deleteFrom('survey_responses').where('id', '=', fresh.responseIds[1]!).execute();
		const deleted = (await surveyDashboard(db, fresh.surveyId, NO_FILTER))!;
		expect(deleted.filtered).toBe(12);
		expect(question(deleted, district, 'choice').options[0]!.count).toBe(4);
		dropCachedCubes();
		const cold = (await surveyDashboard(db, fresh.surveyId, NO_FILTER))!;
		expect(cold.questions).toEqual(deleted.questions);
	});
});

describe('parseResultsQuery', () => {
	const parse = async (query: string) =>
		parseResultsQuery(new URLSearchParams(query), (await findSurvey(database.db, s.surveyId))!);

	it('reads filters, the date range, a split and a cross-tab', async () => {
		const q = await parse(
			`filter=${s.ids.district}:o1,o2&von=2026-11-01&bis=2026-11-30&nach=${s.ids.square}.r1&kreuz=${s.ids.district}&mit=${s.ids.satisfaction}`
		);
		expect(q).toEqual({
			ok: true,
			filter: {
				answers: [{ questionId: s.ids.district, optionIds: ['o1', 'o2'] }],
				from: '2026-11-01',
				to: '2026-11-30'
			},
			by: { questionId: s.ids.square, rowId: 'r1' },
			cross: { rows: { questionId: s.ids.district }, columns: { questionId: s.ids.satisfaction } }
		});
	});

	it('reads the checkboxes of a GET form', async () => {
		const q = await parse(`f.${s.ids.transport}=o1&f.${s.ids.transport}=__other`);
		expect(q.ok && q.filter.answers).toEqual([
			{ questionId: s.ids.transport, optionIds: ['o1', '__other'] }
		]);
	});

	it.each([
		['filter=nonsense', 'Dieser Filter passt nicht zu dieser Umfrage.'],
		[
			'filter=00000000-0000-4000-8000-000000000000:o1',
			'Dieser Filter passt nicht zu dieser Umfrage.'
		],
		['von=2026-02-30', 'Bitte geben Sie ein Datum im Format JJJJ-MM-TT an.'],
		['von=gestern', 'Bitte geben Sie ein Datum im Format JJJJ-MM-TT an.'],
		['von=2026-11-30&bis=2026-11-01', 'Das Enddatum liegt vor dem Anfangsdatum.'],
		['nach=../../etc', 'Nach dieser Frage kann nicht aufgeteilt werden.'],
		['kreuz=x', 'Für eine Kreuztabelle wählen Sie bitte zwei Fragen.']
	])('refuses %s', async (query, message) => {
		expect(await parse(query)).toEqual({ ok: false, message });
	});

	it('refuses filters on questions that cannot filter, unknown options, a split by text', async () => {
		expect((await parse(`filter=${s.ids.wish}:o1`)).ok).toBe(false);
		expect((await parse(`filter=${s.ids.district}:o9`)).ok).toBe(false);
		expect((await parse(`filter=${s.ids.district}:`)).ok).toBe(false);
		expect((await parse(`nach=${s.ids.age}`)).ok).toBe(false);
		expect((await parse(`nach=${s.ids.square}.r9`)).ok).toBe(false);
		expect((await parse(`kreuz=${s.ids.district}&mit=${s.ids.district}`)).ok).toBe(false);
		const many = Array.from({ length: 11 }, () => `filter=${s.ids.district}:o1`).join('&');
		expect(await parse(many)).toEqual({ ok: false, message: 'Höchstens 10 Filter sind möglich.' });
	});
});

describe('warmCubes', () => {
	it('builds the cubes of published surveys with responses, busiest first', async () => {
		dropCachedCubes();
		const warmed = await warmCubes(database.db, 2);
		expect(warmed).toBe(2);
	});
});
