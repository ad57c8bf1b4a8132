import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChoiceResult, MatrixResult, NumericResult, TextResult } from '../../results/types.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import { createUser } from '../testing/factories.ts';
import { csvRecords } from '../testing/parse-csv.ts';
import { createTestDatabase, testConfig } from '../testing/test-app.ts';
import { updateSurveySettings } from '../surveys/surveys.repository.ts';
import { createTestSurvey } from '../surveys/test-survey.ts';
import { dcatCatalog, listDatasets } from './open-data.ts';
import { findPublication } from './publications.repository.ts';
import { snapshotCsv } from './published-csv.ts';
import { lookupPublished } from './published-results.ts';
import { publishResults, withdrawResults, type PublishInput } from './publish.service.ts';
import { assertNoSmallCells } from './small-cells.ts';
import { createResultsSurvey, type ResultsSurvey } from './test-results-survey.ts';
import { createTextSurvey, insertTextResponse } from './test-text-survey.ts';

const K = 5;
// In every free text of the second fixture; must never appear in anything published.
const MARKER = 'GEHEIMTEXT-7f3a';

let database: Database;
let config: Config;
let planner: string;
let s: ResultsSurvey;
beforeAll(async () => {
	database = await createTestDatabase();
	config = testConfig({ RESULTS_MIN_CELL: String(K), OPERATOR_NAME: 'Stadt Hennef (Sieg)' });
	planner = (await createUser(database.db, { roles: ['planner'] })).id;
	s = await createResultsSurvey(database.db, 'Marktplatz-Umfrage');
});
afterAll(async () => {
	await database?.close();
});

const deps = () => ({ db: database.db, config });
const input = (over: Partial<PublishInput> = {}): PublishInput => ({
	title: 'Ergebnisse Marktplatz',
	description: 'Was Hennef über den Marktplatz denkt.',
	feedbackMd: 'Wir pflanzen **Bäume**.',
	crossTabs: [],
	...over
});

async function auditActions(surveyId: string): Promise<string[]> {
	const rows = await database.db
		.selectFrom('audit_log')
		.select('action')
		.where('target_id', '=', surveyId)
		.where('action', 'like', 'results.%')
		.orderBy('id')
		.execute();
	return rows.map((r) => r.action);
}

async function published(surveyId: string) {
	const found = await lookupPublished(deps(), surveyId);
	if (found.status !== 'published') throw new Error(`not published: ${found.status}`);
	return found;
}

/** A survey whose single choice has one small cell: 6 × "Option 1", 1 × "Option 2". */
async function oneSmallCellSurvey() {
	const t = await createTextSurvey(database.db);
	for (let i = 0; i < 7; i++) {
		await insertTextResponse(database.db, t.surveyId, {
			[t.plainChoice]: { choice: i < 6 ? 'o1' : 'o2' },
			[t.shortText]: { text: `${MARKER} kurz ${i}` },
			[t.longText]: { text: `${MARKER} lang ${i}` },
			[t.otherSingle]: { choice: '__other', other: `${MARKER} Ortsteil` },
			[t.otherMultiple]: { choices: ['__other'], other: `${MARKER} Verkehr` }
		});
	}
	return t;
}

describe('publishResults: the stored snapshot is suppressed', () => {
	it('publishes counts of k and more and nulls every cell under k, with the fixture’s numbers', async () => {
		const crossTabs = [
			{ by: { questionId: s.ids.district }, target: { questionId: s.ids.transport } }
		];
		expect(await publishResults(deps(), planner, s.surveyId, input({ crossTabs }))).toEqual({
			ok: true,
			updated: false
		});
		const { snapshot } = (await findPublication(database.db, s.surveyId))!;
		expect(snapshot).toMatchObject({ version: 1, minCell: K, responses: 12, kind: 'survey' });
		const q = <T>(id: string) => snapshot.questions.find((x) => x.questionId === id) as T;
		// Nord 6, Süd 4, Ost 1, Sonstiges 1 (its text count 1 is dropped too).
		const district = q<ChoiceResult>(s.ids.district);
		expect(district.options.map((o) => [o.label, o.count])).toEqual([
			['Nord', 6],
			['Süd', null],
			['Ost', null],
			['Sonstiges', null]
		]);
		expect(district.respondents).toBe(12);
		expect(district.otherTexts).toBe(0);
		// Sauberkeit: gut 5, mittel 3, schlecht 2; Sicherheit: 2, 4, 4 – all under k.
		const square = q<MatrixResult>(s.ids.square);
		expect(square.rows[0]!.cells.map((c) => c.count)).toEqual([5, null, null]);
		expect(square.rows[1]!.cells.map((c) => c.count)).toEqual([null, null, null]);
		// Ratings 1:1, 2:1, 3:2, 4:4, 5:3: no bar is shown, the mean over 11 is.
		const rating = q<NumericResult>(s.ids.satisfaction);
		expect(rating.histogram.map((b) => b.cell.count)).toEqual([null, null, null, null, null]);
		expect(rating.mean).toBeCloseTo(40 / 11, 10);
		expect([rating.min, rating.max]).toEqual([null, null]);
		// Three wishes: fewer than k, so not even their number is published.
		expect(q<TextResult>(s.ids.wish).respondents).toBeNull();
		expect(JSON.stringify(snapshot)).not.toContain('"small"');
		expect(() => assertNoSmallCells(snapshot, K)).not.toThrow();
	});

	it('publishes the chosen cross-tab suppressed: no cell, total or row total under k', async () => {
		const { snapshot } = (await findPublication(database.db, s.surveyId))!;
		const [tab] = snapshot.crossTabs;
		expect(tab!.table.rowTitle).toBe('In welchem Ortsteil wohnen Sie?');
		expect(tab!.table.columnTitle).toBe('Womit sind Sie unterwegs?');
		// r11 chose no transport: 11 answered both. Nord 6 of them; Süd 3, Ost 1, Sonstiges 1.
		expect(tab!.table.total).toBe(11);
		expect(tab!.table.rowTotals.map((c) => c.count)).toEqual([6, null, null, null]);
		const numbers = [
			...tab!.table.cells.flat(),
			...tab!.table.rowTotals,
			...tab!.table.columnTotals
		].map((c) => c.count);
		expect(numbers.filter((n) => n !== null && n > 0 && n < K)).toEqual([]);
	});

	it('also hides a cell that the row total would give away by subtraction', async () => {
		const t = await oneSmallCellSurvey();
		await publishResults(deps(), planner, t.surveyId, input());
		const { snapshot } = (await findPublication(database.db, t.surveyId))!;
		const choice = snapshot.questions.find((x) => x.questionId === t.plainChoice) as ChoiceResult;
		// 7 respondents, 6 + 1: publishing 6 beside the 7 would reveal the 1, so the 6 goes too.
		expect(choice.respondents).toBe(7);
		expect(choice.options.map((o) => o.count)).toEqual([null, null]);
	});

	it('never publishes free text: not in the snapshot, the JSON document or the CSV', async () => {
		const t = await oneSmallCellSurvey();
		await publishResults(deps(), planner, t.surveyId, input());
		const { document, publication } = await published(t.surveyId);
		const text = publication.snapshot.questions.find((x) => x.questionId === t.shortText);
		expect(text).toMatchObject({ kind: 'text', respondents: 7, hidden: 0, themes: [] });
		expect(JSON.stringify(publication.snapshot)).not.toContain(MARKER);
		expect(JSON.stringify(document)).not.toContain(MARKER);
		expect(snapshotCsv(publication.snapshot, ',')).not.toContain(MARKER);
		expect(snapshotCsv(publication.snapshot, ';')).not.toContain(MARKER);
	});
});

describe('publishing, updating and withdrawing', () => {
	it('refuses a draft survey and writes nothing', async () => {
		const draft = await createResultsSurvey(database.db, 'Entwurf');
		await updateSurveySettings(database.db, draft.surveyId, { status: 'draft' });
		expect(await publishResults(deps(), planner, draft.surveyId, input())).toEqual({
			ok: false,
			reason: 'draft'
		});
		expect(await findPublication(database.db, draft.surveyId)).toBeUndefined();
		expect(await auditActions(draft.surveyId)).toEqual([]);
	});

	it('follows a poll’s results visibility, also after publishing; surveys have none', async () => {
		const db = database.db;
		const v = await createTestSurvey(db, { kind: 'poll', mode: 'open' });
		await updateSurveySettings(db, v.surveyId, { resultsVisibility: 'planners' });
		expect(await publishResults(deps(), planner, v.surveyId, input())).toEqual({
			ok: false,
			reason: 'visibility',
			visibility: 'planners'
		});
		await updateSurveySettings(db, v.surveyId, { resultsVisibility: 'after_close' });
		expect(await publishResults(deps(), planner, v.surveyId, input())).toMatchObject({
			reason: 'visibility',
			visibility: 'afterClose'
		});
		expect(await findPublication(db, v.surveyId)).toBeUndefined();
		await updateSurveySettings(db, v.surveyId, { closesAt: new Date(Date.now() - 60_000) });
		expect(await publishResults(deps(), planner, v.surveyId, input())).toEqual({
			ok: true,
			updated: false
		});
		expect((await lookupPublished(deps(), v.surveyId)).status).toBe('published');
		await updateSurveySettings(db, v.surveyId, { resultsVisibility: 'planners' });
		expect((await lookupPublished(deps(), v.surveyId)).status).toBe('missing');
		expect((await listDatasets(db)).map((d) => d.surveyId)).not.toContain(v.surveyId);
		const survey = await createResultsSurvey(db, 'Umfrage ohne Einstellung');
		await updateSurveySettings(db, survey.surveyId, { resultsVisibility: 'planners' });
		expect(await publishResults(deps(), planner, survey.surveyId, input())).toMatchObject({
			ok: true
		});
	});

	it('answers an unknown or malformed survey id with notFound', async () => {
		for (const id of ['00000000-0000-4000-8000-000000000000', 'kein-uuid']) {
			expect(await publishResults(deps(), planner, id, input())).toEqual({
				ok: false,
				reason: 'notFound'
			});
		}
	});

	it('refuses a cross-tab with a question that cannot split, naming the slot and side', async () => {
		const other = await createResultsSurvey(database.db);
		const crossTabs = [
			{ by: { questionId: other.ids.district }, target: { questionId: other.ids.transport } },
			{ by: { questionId: other.ids.district }, target: { questionId: other.ids.age } }
		];
		expect(await publishResults(deps(), planner, other.surveyId, input({ crossTabs }))).toEqual({
			ok: false,
			reason: 'crossTab',
			index: 1,
			field: 'target'
		});
		expect(await findPublication(database.db, other.surveyId)).toBeUndefined();
	});

	it('keeps issued and moves modified on republishing; withdrawing makes the addresses gone', async () => {
		const x = await createResultsSurvey(database.db);
		await publishResults(deps(), planner, x.surveyId, input());
		const first = (await published(x.surveyId)).document;
		await new Promise((r) => setTimeout(r, 20));
		const again = await publishResults(deps(), planner, x.surveyId, input({ title: 'Neu' }));
		expect(again).toEqual({ ok: true, updated: true });
		const second = (await published(x.surveyId)).document;
		expect(second.issued).toBe(first.issued);
		expect(Date.parse(second.modified)).toBeGreaterThan(Date.parse(first.modified));
		expect(second.title).toBe('Neu');

		expect(await withdrawResults(database.db, planner, x.surveyId)).toEqual({ ok: true });
		expect((await lookupPublished(deps(), x.surveyId)).status).toBe('withdrawn');
		expect(await withdrawResults(database.db, planner, x.surveyId)).toEqual({
			ok: false,
			reason: 'notPublished'
		});
		// Published again after a withdrawal: a new publication event, the same first issue.
		expect(await publishResults(deps(), planner, x.surveyId, input())).toEqual({
			ok: true,
			updated: false
		});
		expect((await published(x.surveyId)).document.issued).toBe(first.issued);
		expect(await auditActions(x.surveyId)).toEqual([
			'results.publish',
			'results.update',
			'results.withdraw',
			'results.publish'
		]);
	});

	it('publishes a poll like a survey: its one question, suppressed', async () => {
		const poll = await createTestSurvey(database.db, { kind: 'poll' });
		for (let i = 0; i < 9; i++) {
			await insertTextResponse(database.db, poll.surveyId, {
				[poll.questionIds[0]!]: { choice: i < 6 ? 'o1' : 'o2' }
			});
		}
		expect(await publishResults(deps(), planner, poll.surveyId, input())).toMatchObject({
			ok: true
		});
		const { snapshot } = (await findPublication(database.db, poll.surveyId))!;
		expect(snapshot.kind).toBe('poll');
		const [choice] = snapshot.questions as ChoiceResult[];
		// 6 and 3 of 9: the 3 is under k, and 9 − 6 would give it away.
		expect([choice!.respondents, ...choice!.options.map((o) => o.count)]).toEqual([9, null, null]);
	});

	it('answers missing for a survey never published', async () => {
		const never = await createResultsSurvey(database.db);
		expect(await lookupPublished(deps(), never.surveyId)).toEqual({ status: 'missing' });
		expect(await lookupPublished(deps(), 'kein-uuid')).toEqual({ status: 'missing' });
	});
});

describe('the published documents', () => {
	it('JSON: metadata after DCAT, the licence from the settings and the suppressed numbers', async () => {
		const { document } = await published(s.surveyId);
		const parsed = JSON.parse(JSON.stringify(document));
		const page = `http://localhost:4173/umfragen/${s.surveyId}/ergebnisse`;
		expect(parsed).toMatchObject({
			version: 1,
			title: 'Ergebnisse Marktplatz',
			description: 'Was Hennef über den Marktplatz denkt.',
			feedback: 'Wir pflanzen **Bäume**.',
			publisher: { name: 'Stadt Hennef (Sieg)' },
			licence: { id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
			attribution:
				'Quelle: Stadt Hennef (Sieg), Creative Commons Namensnennung 4.0 International (CC BY 4.0)',
			minCell: K,
			responses: 12,
			survey: { id: s.surveyId, kind: 'survey' },
			consultation: { title: 'Ergebnis-Testverfahren' },
			distributions: { html: page, json: `${page}.json`, csv: `${page}.csv` }
		});
		expect(Date.parse(parsed.issued)).not.toBeNaN();
		expect(parsed.questions).toHaveLength(9);
		expect(parsed.crossTabs).toHaveLength(1);
	});

	it('CSV: parses back to the snapshot’s numbers, suppressed as empty and flagged', async () => {
		const { publication } = await published(s.surveyId);
		const rows = csvRecords(snapshotCsv(publication.snapshot, ';').slice(1), ';');
		const district = rows.filter((r) => r.question_id === s.ids.district && r.measure === 'count');
		expect(district.map((r) => [r.category, r.count, r.suppressed])).toEqual([
			['Nord', '6', 'false'],
			['Süd', '', 'true'],
			['Ost', '', 'true'],
			['Sonstiges', '', 'true']
		]);
		expect(district[0]!.share).toBe('0,5');
		const counts = rows.filter((r) => r.count !== '').map((r) => Number(r.count));
		expect(counts.filter((n) => n > 0 && n < K)).toEqual([]);
		expect(rows.filter((r) => r.table === 'crosstab' && r.measure === 'total')).toHaveLength(1);
	});

	it('the catalogue lists exactly the published datasets, withdrawn ones not', async () => {
		const a = await createResultsSurvey(database.db, 'Katalog A');
		const b = await createResultsSurvey(database.db, 'Katalog B');
		await publishResults(deps(), planner, a.surveyId, input({ title: 'Datensatz A' }));
		await publishResults(deps(), planner, b.surveyId, input({ title: 'Datensatz B' }));
		await withdrawResults(database.db, planner, b.surveyId);
		const datasets = await listDatasets(database.db);
		const ids = datasets.map((d) => d.surveyId);
		expect(ids).toContain(a.surveyId);
		expect(ids).not.toContain(b.surveyId);
		for (const d of datasets) {
			expect((await lookupPublished(deps(), d.surveyId)).status).toBe('published');
		}
		const catalog = dcatCatalog(datasets, config);
		const urls = catalog['dcat:dataset'].map((d) => d['@id']);
		expect(urls).toContain(`http://localhost:4173/umfragen/${a.surveyId}/ergebnisse`);
		expect(urls.some((u) => u.includes(b.surveyId))).toBe(false);
		const entry = datasets.find((d) => d.surveyId === a.surveyId)!;
		expect(entry).toMatchObject({
			title: 'Datensatz A',
			consultation: { title: 'Ergebnis-Testverfahren' },
			licence: { id: 'CC-BY-4.0' }
		});
	});
});
