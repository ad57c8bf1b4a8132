import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import { parseCsv } from '../testing/parse-csv.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import { sheetCells, unzip } from '../testing/unzip.ts';
import { createTestSurvey } from '../surveys/test-survey.ts';
import { findSurvey } from '../surveys/surveys.repository.ts';
import { exportColumns } from './export-columns.ts';
import {
	exportPage,
	parseExportQuery,
	surveyCodebook,
	surveyExport,
	type ExportFormat,
	type ExportOptions
} from './export.service.ts';
import { wallClockSerial } from './xlsx.ts';
import {
	createExportSurvey,
	insertExportResponse,
	type ExportSurvey
} from './test-export-survey.ts';

let database: Database;
let fixture: ExportSurvey;

const IDEA = 'Zeile 1\nZeile "2"; mit Komma, und Semikolon';
const LABELS: ExportOptions = { separator: ',', mode: 'labels' };
const CODES: ExportOptions = { separator: ';', mode: 'codes' };

beforeAll(async () => {
	database = await createTestDatabase();
	const db = database.db;
	fixture = await createExportSurvey(db);
	const { surveyId, q } = fixture;
	const t0 = Date.parse('2026-06-01T08:00:00Z');
	await insertExportResponse(
		db,
		surveyId,
		{
			[q.place!]: { choice: 'o2' },
			[q.wish!]: { text: '=HYPERLINK("http://x")' },
			[q.way!]: { choice: 'o1' },
			[q.goals!]: { choices: ['o1', 'o3'] },
			[q.rank!]: { order: ['o2', 'o1'] },
			[q.matrix!]: { rows: { r1: 'o3', r2: '__na' } },
			[q.rating!]: { value: 4 },
			[q.km!]: { value: 7.5 },
			[q.budget!]: { allocation: { o1: 70, o2: 30 } },
			[q.idea!]: { text: IDEA }
		},
		new Date(t0),
		new Date('2026-07-01T10:00:00Z')
	);
	// A draft started in between: it takes number 2 and is not exported.
	await insertExportResponse(
		db,
		surveyId,
		{ [q.place!]: { choice: 'o1' } },
		new Date(t0 + 1),
		null
	);
	const third = await insertExportResponse(
		db,
		surveyId,
		{
			[q.place!]: { choice: 'o1' },
			[q.wish!]: { text: 'Beleidigung' },
			[q.way!]: { choice: '__other', other: 'Roller' },
			[q.goals!]: { choices: ['o2', '__other'], other: 'Beleidigung zwei' }
		},
		new Date(t0 + 2),
		new Date('2026-12-01T08:00:00Z')
	);
	await db
		.insertInto('result_flags')
		.values([
			{ response_id: third, question_id: q.wish!, reason: 'Beleidigung', flagged_by: null },
			{ response_id: third, question_id: q.goals!, reason: 'Beleidigung', flagged_by: null }
		])
		.execute();
});
afterAll(async () => {
	await database?.close();
});

async function download(format: ExportFormat, options: ExportOptions, surveyId = fixture.surveyId) {
	const file = await surveyExport(database.db, surveyId, format, options, 'de');
	if (!file) throw new Error('no export');
	return { file, bytes: Buffer.from(await new Response(file.body).arrayBuffer()) };
}

const CODES_HEADER = [
	'nr',
	'submitted_at',
	'submitted_local',
	'q1',
	'q2',
	'q3',
	'q3_other_text',
	'q4_o1',
	'q4_o2',
	'q4_o3',
	'q4_other',
	'q4_other_text',
	'q5_o1',
	'q5_o2',
	'q5_o3',
	'q6_r1',
	'q6_r2',
	'q7',
	'q8',
	'q9_o1',
	'q9_o2',
	'q10'
];
// prettier-ignore
const FIRST_CODES = ['1', '2026-07-01T10:00:00.000Z', '2026-07-01 12:00:00', 'o2', `'=HYPERLINK("http://x")`, 'o1', '', '1', '0', '1', '0', '', '2', '1', '', 'o3', 'na', '4', '7,5', '70', '30', IDEA];
// prettier-ignore
const THIRD_CODES = ['3', '2026-12-01T08:00:00.000Z', '2026-12-01 09:00:00', 'o1', '', 'other', 'Roller', '0', '1', '0', '1', '', '', '', '', '', '', '', '', '', '', ''];

describe('survey export as CSV', () => {
	it('has one column per question or option, with stable codes', async () => {
		const survey = await findSurvey(database.db, fixture.surveyId);
		expect(exportColumns(survey!.questions, 'de').map((c) => c.code)).toEqual(CODES_HEADER);
	});

	it('writes labels with a comma: counts of respondents per option, ranks, hidden answers empty', async () => {
		const { file, bytes } = await download('csv', LABELS);
		expect(file.contentType).toBe('text/csv; charset=utf-8; header=present');
		expect(file.asciiName).toMatch(/^antworten-testumfrage-\d{4}-\d{2}-\d{2}\.csv$/);
		const text = bytes.toString('utf8');
		expect(text.startsWith('\uFEFF')).toBe(true);
		expect(text.endsWith('\r\n')).toBe(true);
		const [header, first, third, ...rest] = parseCsv(text.slice(1), ',');
		expect(rest).toEqual([]);
		expect(header!.slice(0, 8)).toEqual([
			'Nr.',
			'Abgegeben (UTC)',
			'Abgegeben (Ortszeit)',
			'Wie kommen Sie in die Innenstadt?',
			'Was wünschen Sie sich?',
			'Womit fahren Sie?',
			'Womit fahren Sie? – Sonstiges (Text)',
			'Wohin fahren Sie? – Arbeit'
		]);
		expect(header![10]).toBe('Wohin fahren Sie? – Sonstiges');
		expect(header![15]).toBe('Wie sicher ist es? – Schulweg');
		expect(first).toEqual(
			FIRST_CODES.map(
				(v, i) =>
					({ 3: 'Option 2', 5: 'Auto', 15: 'sicher', 16: 'keine Angabe', 18: '7.5' })[i] ?? v
			)
		);
		expect(third).toEqual(THIRD_CODES.map((v, i) => ({ 3: 'Option 1', 5: 'Sonstiges' })[i] ?? v));
	});

	it('writes codes with a semicolon and decimal commas, and guards formulas', async () => {
		const text = (await download('csv', CODES)).bytes.toString('utf8');
		expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
		const [header, first, third] = parseCsv(text.slice(1), ';');
		expect(header).toEqual(CODES_HEADER);
		expect(first).toEqual(FIRST_CODES);
		expect(third).toEqual(THIRD_CODES);
	});

	it('gives a codebook that names every column', async () => {
		const file = await surveyCodebook(database.db, fixture.surveyId, CODES, 'de');
		const text = Buffer.from(await new Response(file!.body).arrayBuffer()).toString('utf8');
		expect(text.startsWith('\uFEFF')).toBe(true);
		const rows = parseCsv(text.slice(1), ';');
		expect(rows[0]).toEqual(['Code', 'Spaltenüberschrift', 'Frage', 'Fragetyp', 'Werte']);
		expect(rows.slice(1).map((r) => r[0])).toEqual(CODES_HEADER);
		expect(rows.find((r) => r[0] === 'q3')).toEqual([
			'q3',
			'Womit fahren Sie?',
			'Womit fahren Sie?',
			'Einfachauswahl',
			'o1 = Auto; o2 = Rad; other = Sonstiges'
		]);
	});
});

describe('survey export as XLSX', () => {
	it('is a ZIP with data descriptors whose sheets hold the same values, numbers as numbers', async () => {
		const { file, bytes } = await download('xlsx', { separator: ',', mode: 'codes' });
		expect(file.asciiName).toMatch(/\.xlsx$/);
		const entries = unzip(bytes);
		expect([...entries.keys()]).toEqual([
			'[Content_Types].xml',
			'_rels/.rels',
			'xl/workbook.xml',
			'xl/_rels/workbook.xml.rels',
			'xl/styles.xml',
			'xl/worksheets/sheet1.xml',
			'xl/worksheets/sheet2.xml'
		]);
		expect(entries.get('xl/worksheets/sheet1.xml')!.flags & 0x0008).toBe(0x0008);
		expect(entries.get('xl/workbook.xml')!.data.toString()).toContain('<sheet name="Codebuch"');
		const cells = sheetCells(entries.get('xl/worksheets/sheet1.xml')!.data.toString());
		expect(cells.get('A1')).toEqual({ value: 'nr', type: 's', style: '1' });
		expect(cells.get('A2')).toEqual({ value: '1', type: 'n', style: null });
		expect(cells.get('C2')).toEqual({
			value: String(wallClockSerial('2026-07-01 12:00:00')),
			type: 'n',
			style: '2'
		});
		expect(wallClockSerial('2026-07-01 12:00:00')).toBe(46204.5);
		expect(cells.get('E2')!.value).toBe('=HYPERLINK("http://x")');
		expect(cells.get('E2')!.type).toBe('s');
		expect(cells.get('S2')).toEqual({ value: '7.5', type: 'n', style: null });
		expect(cells.get('V2')!.value).toBe(IDEA);
		expect(cells.get('A3')!.value).toBe('3');
		expect(cells.get('E3')).toBeUndefined();
		expect(cells.get('G3')!.value).toBe('Roller');
		expect(cells.has('A4')).toBe(false);
		const codebook = sheetCells(entries.get('xl/worksheets/sheet2.xml')!.data.toString());
		expect(codebook.get('A1')!.value).toBe('Code');
		expect(codebook.get(`A${CODES_HEADER.length + 1}`)!.value).toBe('q10');
	});
});

describe('survey export as JSON', () => {
	it('has the survey, a codebook and one object per response keyed by code', async () => {
		const parsed = JSON.parse((await download('json', LABELS)).bytes.toString('utf8'));
		expect(parsed.survey).toMatchObject({
			id: fixture.surveyId,
			title: 'Testumfrage',
			values: 'labels'
		});
		expect(parsed.codebook.map((c: { code: string }) => c.code)).toEqual(CODES_HEADER);
		expect(parsed.responses).toHaveLength(2);
		const [first, third] = parsed.responses;
		expect(first).toMatchObject({
			nr: 1,
			q1: 'Option 2',
			q4_o1: 1,
			q4_o2: 0,
			q5_o1: 2,
			q5_o3: null
		});
		expect(first).toMatchObject({ q6_r2: 'keine Angabe', q8: 7.5, q9_o1: 70, q10: IDEA });
		expect(third).toMatchObject({ nr: 3, q2: null, q3: 'Sonstiges', q3_other_text: 'Roller' });
		expect(third).toMatchObject({ q4_other: 1, q4_other_text: null, q7: null });
	});
});

describe('export edge cases', () => {
	it('exports a survey without responses as the header alone', async () => {
		const empty = await createTestSurvey(database.db);
		const csv = (await download('csv', LABELS, empty.surveyId)).bytes.toString('utf8');
		expect(parseCsv(csv.slice(1), ',')).toEqual([
			[
				'Nr.',
				'Abgegeben (UTC)',
				'Abgegeben (Ortszeit)',
				'Wie kommen Sie in die Innenstadt?',
				'Was wünschen Sie sich?'
			]
		]);
		const json = JSON.parse((await download('json', LABELS, empty.surveyId)).bytes.toString());
		expect(json.responses).toEqual([]);
		const xlsx = unzip((await download('xlsx', LABELS, empty.surveyId)).bytes);
		const cells = sheetCells(xlsx.get('xl/worksheets/sheet1.xml')!.data.toString());
		expect([...cells.keys()]).toEqual(['A1', 'B1', 'C1', 'D1', 'E1']);
		const page = await exportPage(database.db, empty.surveyId, 'de');
		expect(page).toMatchObject({ responses: 0, estimatedBytes: 0 });
	});

	it('answers undefined for an unknown or malformed survey id', async () => {
		for (const id of [crypto.randomUUID(), 'kein-uuid', "1' or '1'='1"]) {
			expect(await surveyExport(database.db, id, 'csv', LABELS, 'de')).toBeUndefined();
			expect(await exportPage(database.db, id, 'de')).toBeUndefined();
		}
	});

	it('refuses an unknown separator or cell content in German', () => {
		const parse = (q: string) => parseExportQuery(new URLSearchParams(q), 'de');
		expect(parse('')).toEqual({ ok: true, options: { separator: ',', mode: 'labels' } });
		expect(parse('trenner=semikolon&werte=codes')).toEqual({ ok: true, options: CODES });
		expect(parse('trenner=tab')).toEqual({
			ok: false,
			message: 'Unbekanntes Trennzeichen. Möglich sind „komma“ und „semikolon“.'
		});
		expect(parse('trenner=komma&trenner=semikolon').ok).toBe(false);
		expect(parse('werte=json')).toEqual({
			ok: false,
			message: 'Unbekannter Zelleninhalt. Möglich sind „beschriftungen“ und „codes“.'
		});
	});

	it('keeps the number of a response when a draft started before it is submitted later', async () => {
		const survey = await createTestSurvey(database.db);
		const q = survey.questionIds[0]!;
		const t0 = Date.parse('2026-06-01T08:00:00Z');
		const first = { [q]: { choice: 'o1' } };
		await insertExportResponse(database.db, survey.surveyId, first, new Date(t0), new Date(t0));
		const draft = await insertExportResponse(
			database.db,
			survey.surveyId,
			first,
			new Date(t0 + 1),
			null
		);
		await insertExportResponse(
			database.db,
			survey.surveyId,
			first,
			new Date(t0 + 2),
			new Date(t0 + 2)
		);
		const numbers = async () =>
			JSON.parse((await download('json', LABELS, survey.surveyId)).bytes.toString()).responses.map(
				(r: { nr: number }) => r.nr
			);
		expect(await numbers()).toEqual([1, 3]);
		await database.db
			.updateTable('survey_responses')
			.set({
				status: 'submitted',
				submitted_answers: JSON.stringify(first),
				submitted_at: new Date()
			})
			.where('id', '=', draft)
			.execute();
		expect(await numbers()).toEqual([1, 2, 3]);
	});

	it('reads every response once across batches, even with timestamps a microsecond apart', async () => {
		const many = await createTestSurvey(database.db);
		const answers = JSON.stringify({ [many.questionIds[0]!]: { choice: 'o1' } });
		await sql`insert into survey_responses (survey_id, participant_key, status, answers, submitted_answers, submitted_at, survey_version, created_at)
			select ${many.surveyId}, 'bulk-' || i, 'submitted', ${answers}::jsonb, ${answers}::jsonb, now(), 1,
				timestamptz '2026-06-01 10:00:00+00' + i * interval '1 microsecond'
			from generate_series(1, 2500) as i`.execute(database.db);
		const json = JSON.parse((await download('json', LABELS, many.surveyId)).bytes.toString());
		const numbers = json.responses.map((r: { nr: number }) => r.nr);
		expect(numbers).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
		const page = await exportPage(database.db, many.surveyId, 'de');
		expect(page!.responses).toBe(2500);
		expect(page!.estimatedBytes).toBeGreaterThan(2500 * 40);
	});
});
