import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChoiceResult } from '../../results/types.ts';
import { NO_FILTER } from '../../results/types.ts';
import type { Database } from '../db/index.ts';
import { findSurvey, updateSurveySettings, type Survey } from '../surveys/surveys.repository.ts';
import { createTestSurvey } from '../surveys/test-survey.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import { dashboardView } from './dashboard-view.ts';
import { parseResultsQuery } from './filter-params.ts';
import { createResultsSurvey, type ResultsSurvey } from './test-results-survey.ts';

let database: Database;
let s: ResultsSurvey;
let survey: Survey;
beforeAll(async () => {
	database = await createTestDatabase();
	s = await createResultsSurvey(database.db);
	survey = (await findSurvey(database.db, s.surveyId))!;
});
afterAll(async () => {
	await database?.close();
});

const district = () => ({ questionId: s.ids.district });
const transport = () => ({ questionId: s.ids.transport });

describe('dashboardView on the fixture survey', () => {
	it('without a selection: the dashboard only, live while open, k from the config', async () => {
		const none = { filter: NO_FILTER, by: null, cross: null };
		const v = (await dashboardView(database.db, survey, none, 'de'))!;
		expect(v.dashboard.filtered).toBe(12);
		expect(v.live).toBe(true);
		expect(v.minCell).toBe(5);
		expect(v.segmented).toEqual([]);
		expect(v.cross).toBeNull();
		expect(v.active).toEqual([]);
	});

	it('splits every other question by the chosen one and adds the cross-tab', async () => {
		const sel = {
			filter: NO_FILTER,
			by: district(),
			cross: { rows: district(), columns: transport() }
		};
		const v = (await dashboardView(database.db, survey, sel, 'de'))!;
		// Nine questions, the splitting one left out.
		expect(v.segmented).toHaveLength(8);
		expect(v.segmented.some((x) => x.segments[0]!.result.questionId === s.ids.district)).toBe(
			false
		);
		const split = v.segmented.find((x) => x.segments[0]!.result.questionId === s.ids.transport)!;
		expect(split.segmenter.title).toBe('In welchem Ortsteil wohnen Sie?');
		const north = split.segments[0]!;
		expect([north.label, north.respondents]).toEqual(['Nord', 6]);
		const counts = (north.result as ChoiceResult).options.map((o) => [o.label, o.count]);
		// r1, r2, r4, r6, r8, r10 of the fixture.
		expect(counts).toEqual([
			['Bus', 4],
			['Rad', 4],
			['Auto', 2],
			['Sonstiges', 0]
		]);
		expect(v.cross!.cells[0]!.map((c) => c.count)).toEqual([4, 4, 2, 0]);
		expect(v.cross!.total).toBe(11);
	});

	it('lists the active filters, each with the query that drops only it', async () => {
		const params = new URLSearchParams({ von: '2026-11-02', nach: s.ids.district });
		params.append('filter', `${s.ids.transport}:o1,o3`);
		params.append('kreuz', s.ids.district);
		params.append('mit', s.ids.transport);
		const parsed = parseResultsQuery(params, survey);
		if (!parsed.ok) throw new Error(parsed.message);
		const v = (await dashboardView(database.db, survey, parsed, 'de'))!;
		expect(v.active.map((a) => a.label)).toEqual([
			'Womit sind Sie unterwegs?: Bus oder Auto',
			'Von: 02.11.2026',
			'Aufteilen nach: In welchem Ortsteil wohnen Sie?',
			'Kreuztabelle: In welchem Ortsteil wohnen Sie? × Womit sind Sie unterwegs?'
		]);
		const without = v.active.map((a) =>
			parseResultsQuery(new URLSearchParams(a.removeQuery), survey)
		);
		expect(without.every((w) => w.ok)).toBe(true);
		const [noFilter, noFrom, noSplit, noCross] = without as Extract<
			(typeof without)[number],
			{ ok: true }
		>[];
		expect([noFilter!.filter.answers, noFilter!.filter.from]).toEqual([[], '2026-11-02']);
		expect([noFrom!.filter.answers.length, noFrom!.filter.from, noFrom!.by]).toEqual([
			1,
			null,
			district()
		]);
		expect([noSplit!.by, noSplit!.cross]).toEqual([
			null,
			{ rows: district(), columns: transport() }
		]);
		expect([noCross!.by, noCross!.cross]).toEqual([district(), null]);
	});

	it('says the English labels in English', async () => {
		const sel = { filter: { ...NO_FILTER, to: '2026-11-10' }, by: null, cross: null };
		const v = (await dashboardView(database.db, survey, sel, 'en'))!;
		expect(v.active.map((a) => a.label)).toEqual(['To: 10 Nov 2026']);
		// r12 was submitted after midnight Berlin time, 11 November.
		expect(v.dashboard.filtered).toBe(11);
	});

	it('shows a poll nobody has answered yet: one question, nothing to split', async () => {
		const poll = await createTestSurvey(database.db, { kind: 'poll', mode: 'open' });
		const found = (await findSurvey(database.db, poll.surveyId))!;
		const none = { filter: NO_FILTER, by: null, cross: null };
		const v = (await dashboardView(database.db, found, none, 'de'))!;
		expect(v.dashboard.overview.kind).toBe('poll');
		expect(v.dashboard.filtered).toBe(0);
		expect(v.dashboard.questions.map((q) => [q.kind, q.respondents])).toEqual([['choice', 0]]);
		expect(v.live).toBe(true);
	});

	it('stops the live refresh once the survey is closed', async () => {
		await updateSurveySettings(database.db, s.surveyId, { status: 'archived' });
		const closed = (await findSurvey(database.db, s.surveyId))!;
		const none = { filter: NO_FILTER, by: null, cross: null };
		expect((await dashboardView(database.db, closed, none, 'de'))!.live).toBe(false);
	});
});
