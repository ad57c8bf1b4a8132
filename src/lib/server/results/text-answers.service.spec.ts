import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../db/index.ts';
import { createUser } from '../testing/factories.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import { parseTextQuery, type TextQuery } from '../../results/text-query.ts';
import { createThemeForm, hideForm } from './text-answers.forms.ts';
import { hiddenAnswerKeys } from './text-answers.repository.ts';
import {
	codeAnswer,
	createTheme,
	removeTheme,
	renameThemeLabel,
	setAnswerHidden,
	textAnswersView,
	type TextAnswersView
} from './text-answers.service.ts';
import { createTextSurvey, insertTextResponse, type TextSurvey } from './test-text-survey.ts';

let database: Database;
let planner: string;
beforeAll(async () => {
	database = await createTestDatabase();
	planner = (await createUser(database.db, { roles: ['planner'] })).id;
});
afterAll(async () => {
	await database?.close();
});

const query = (q: Partial<TextQuery> = {}): TextQuery => ({
	questionId: null,
	search: '',
	theme: { kind: 'all' },
	showHidden: false,
	page: 1,
	...q
});

async function view(surveyId: string, q: Partial<TextQuery>): Promise<TextAnswersView> {
	const v = await textAnswersView(database.db, surveyId, query(q));
	if (!v || 'ok' in v) throw new Error(`no view: ${JSON.stringify(v)}`);
	return v;
}

const texts = (v: TextAnswersView) => v.answers.map((a) => a.text);

/** Answers to the long text question, one minute apart, the first one oldest. */
async function answered(db: Db, s: TextSurvey, list: string[]): Promise<string[]> {
	const start = Date.now() - list.length * 60_000;
	const ids: string[] = [];
	for (const [i, text] of list.entries()) {
		const at = new Date(start + i * 60_000);
		ids.push(
			await insertTextResponse(db, s.surveyId, { [s.longText]: { text } }, { submittedAt: at })
		);
	}
	return ids;
}

async function themeId(s: TextSurvey, label: string, questionId = s.longText): Promise<string> {
	const v = await view(s.surveyId, { questionId });
	return v.themes.find((t) => t.label === label)!.id;
}

async function rowCounts(db: Db) {
	const count = async (table: 'result_themes' | 'result_codings' | 'result_flags' | 'audit_log') =>
		Number(
			(
				await db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	return {
		themes: await count('result_themes'),
		codings: await count('result_codings'),
		flags: await count('result_flags'),
		audit: await count('audit_log')
	};
}

describe('listing and search', () => {
	it('lists submitted texts newest first, "Sonstiges" texts of choice questions, nothing else', async () => {
		const db = database.db;
		const s = await createTextSurvey(db);
		await answered(db, s, ['Erste Antwort', 'Zweite Antwort']);
		await insertTextResponse(
			db,
			s.surveyId,
			{ [s.longText]: { text: 'Entwurf' } },
			{ draft: true }
		);
		await insertTextResponse(db, s.surveyId, { [s.rating]: { value: 3 } });
		await insertTextResponse(db, s.surveyId, {
			[s.otherSingle]: { choice: '__other', other: 'Uckerath' },
			[s.otherMultiple]: { choices: ['o1', '__other'], other: 'Lastenrad' }
		});
		await insertTextResponse(db, s.surveyId, { [s.otherSingle]: { choice: 'o1' } });

		const v = await view(s.surveyId, {});
		expect(v.questions.map((q) => [q.id, q.field])).toEqual([
			[s.shortText, 'text'],
			[s.longText, 'text'],
			[s.otherSingle, 'other'],
			[s.otherMultiple, 'other']
		]);
		expect(v.question?.id).toBe(s.shortText);
		expect(v.answers).toEqual([]);
		expect(texts(await view(s.surveyId, { questionId: s.longText }))).toEqual([
			'Zweite Antwort',
			'Erste Antwort'
		]);
		expect(texts(await view(s.surveyId, { questionId: s.otherSingle }))).toEqual(['Uckerath']);
		expect(texts(await view(s.surveyId, { questionId: s.otherMultiple }))).toEqual(['Lastenrad']);
	});

	it('searches case-insensitively, with umlauts, and takes % and _ literally', async () => {
		const db = database.db;
		const s = await createTextSurvey(db);
		await answered(db, s, [
			'Mehr Grün am Marktplatz',
			'GRÜNE Welle für Radfahrer',
			'Ärger über Parkplätze',
			'100% Tempo 30',
			'1000 Autos täglich',
			'Straße_Nord sanieren',
			'StraßeXNord ist laut',
			'Pfad C:\\Wege'
		]);
		const search = async (text: string) =>
			texts(await view(s.surveyId, { questionId: s.longText, search: text })).sort();
		expect(await search('grün')).toEqual(['GRÜNE Welle für Radfahrer', 'Mehr Grün am Marktplatz']);
		expect(await search('äRGER')).toEqual(['Ärger über Parkplätze']);
		expect(await search('100%')).toEqual(['100% Tempo 30']);
		expect(await search('%')).toEqual(['100% Tempo 30']);
		expect(await search('e_n')).toEqual(['Straße_Nord sanieren']);
		expect(await search('\\')).toEqual(['Pfad C:\\Wege']);
		expect(await search('Seilbahn')).toEqual([]);
		// What the address carries: decomposed umlauts and control characters are cleaned first.
		const fromAddress = (raw: string) => {
			const parsed = parseTextQuery(new URLSearchParams({ suche: raw }));
			return parsed.ok ? search(parsed.query.search) : Promise.reject(new Error(raw));
		};
		expect(await fromAddress('GRU\u0308N')).toEqual([
			'GRÜNE Welle für Radfahrer',
			'Mehr Grün am Marktplatz'
		]);
		expect(await fromAddress('\u0000Ärger')).toEqual(['Ärger über Parkplätze']);
	});

	it('pages by 50 with the total, newest first', async () => {
		const db = database.db;
		const s = await createTextSurvey(db);
		await answered(
			db,
			s,
			Array.from({ length: 120 }, (_, i) => `Antwort ${String(i + 1).padStart(3, '0')}`)
		);
		const first = await view(s.surveyId, { questionId: s.longText });
		expect([first.matching, first.pages, first.answers.length]).toEqual([120, 3, 50]);
		expect(first.answers[0]!.text).toBe('Antwort 120');
		expect(first.answers[49]!.text).toBe('Antwort 071');
		const last = await view(s.surveyId, { questionId: s.longText, page: 3 });
		expect(texts(last)).toHaveLength(20);
		expect(last.answers.at(-1)!.text).toBe('Antwort 001');
		const found = await view(s.surveyId, { questionId: s.longText, search: 'Antwort 1' });
		expect([found.matching, found.pages]).toEqual([21, 1]);
		expect((await view(s.surveyId, { questionId: s.longText, page: 9 })).answers).toEqual([]);
	});
});

describe('themes', () => {
	it('creates, refuses duplicates ignoring case, renames and deletes with its codings', async () => {
		const db = database.db;
		const s = await createTextSurvey(db);
		const [a] = await answered(db, s, ['Mehr Bänke']);
		const q = { surveyId: s.surveyId, questionId: s.longText };
		expect(
			await createTheme(
				db,
				planner,
				{ surveyId: s.surveyId, questionId: s.longText },
				'Sitzgelegenheiten'
			)
		).toEqual({
			ok: true
		});
		const before = await rowCounts(db);
		expect(
			await createTheme(
				db,
				planner,
				{ surveyId: s.surveyId, questionId: s.longText },
				'SITZGELEGENHEITEN'
			)
		).toEqual({
			ok: false,
			status: 409,
			field: 'label',
			message: 'rxThemeTaken'
		});
		expect(await rowCounts(db)).toEqual(before);
		// The same label on another question is another theme.
		expect(
			await createTheme(
				db,
				planner,
				{ surveyId: s.surveyId, questionId: s.shortText },
				'Sitzgelegenheiten'
			)
		).toEqual({
			ok: true
		});
		expect(
			await createTheme(db, planner, { surveyId: s.surveyId, questionId: s.longText }, 'Grün')
		).toEqual({ ok: true });
		const seats = await themeId(s, 'Sitzgelegenheiten');
		const green = await themeId(s, 'Grün');
		expect(
			await renameThemeLabel(
				db,
				planner,
				{ surveyId: s.surveyId, questionId: s.longText, themeId: seats },
				'grün'
			)
		).toMatchObject({ ok: false, status: 409 });
		expect(
			await renameThemeLabel(
				db,
				planner,
				{ surveyId: s.surveyId, questionId: s.longText, themeId: seats },
				'Bänke'
			)
		).toEqual({
			ok: true
		});
		expect(await codeAnswer(db, planner, { ...q, responseId: a! }, [seats, green])).toEqual({
			ok: true
		});
		expect((await view(s.surveyId, { questionId: s.longText })).counts.themes).toEqual([
			{ id: seats, label: 'Bänke', count: 1 },
			{ id: green, label: 'Grün', count: 1 }
		]);
		expect(
			await removeTheme(db, planner, {
				surveyId: s.surveyId,
				questionId: s.longText,
				themeId: seats
			})
		).toEqual({ ok: true });
		const after = await view(s.surveyId, { questionId: s.longText });
		expect(after.themes.map((t) => t.label)).toEqual(['Grün']);
		expect(after.answers[0]!.themeIds).toEqual([green]);
		const actions = await db
			.selectFrom('audit_log')
			.select('action')
			.where('actor_id', '=', planner)
			.where('target_id', 'in', [seats, a!])
			.orderBy('id')
			.execute();
		expect(actions.map((r) => r.action)).toEqual([
			'results.theme.created',
			'results.theme.renamed',
			'results.answer.coded',
			'results.theme.deleted'
		]);
	});

	it('counts answers per theme and without a theme, for the current search', async () => {
		const db = database.db;
		const s = await createTextSurvey(db);
		const [bus, rad1, rad2, both, none] = await answered(db, s, [
			'Bus öfter',
			'Radweg Siegtal',
			'Radweg Blankenberg',
			'Bus und Radweg',
			'Sonstiges Anliegen'
		]);
		await createTheme(db, planner, { surveyId: s.surveyId, questionId: s.longText }, 'ÖPNV');
		await createTheme(db, planner, { surveyId: s.surveyId, questionId: s.longText }, 'Radverkehr');
		const opnv = await themeId(s, 'ÖPNV');
		const rad = await themeId(s, 'Radverkehr');
		const code = (responseId: string, ids: string[]) =>
			codeAnswer(db, planner, { surveyId: s.surveyId, questionId: s.longText, responseId }, ids);
		await code(bus!, [opnv]);
		await code(rad1!, [rad]);
		await code(rad2!, [rad]);
		await code(both!, [opnv, rad]);
		// Coding again replaces: the answer ends with exactly these themes.
		await code(rad2!, [opnv]);
		await code(rad2!, [rad]);
		const all = await view(s.surveyId, { questionId: s.longText });
		expect(all.counts).toEqual({
			themes: [
				{ id: opnv, label: 'ÖPNV', count: 2 },
				{ id: rad, label: 'Radverkehr', count: 3 }
			],
			uncoded: 1,
			total: 5
		});
		const searched = await view(s.surveyId, { questionId: s.longText, search: 'bus' });
		expect(searched.counts.themes.map((t) => t.count)).toEqual([2, 1]);
		expect([searched.counts.uncoded, searched.counts.total]).toEqual([0, 2]);
		const onlyRad = await view(s.surveyId, {
			questionId: s.longText,
			theme: { kind: 'theme', themeId: rad }
		});
		expect(texts(onlyRad).sort()).toEqual([
			'Bus und Radweg',
			'Radweg Blankenberg',
			'Radweg Siegtal'
		]);
		expect(onlyRad.counts.total).toBe(5);
		const uncoded = await view(s.surveyId, { questionId: s.longText, theme: { kind: 'none' } });
		expect(uncoded.answers.map((a) => a.responseId)).toEqual([none]);
	});
});

describe('hiding', () => {
	it('leaves hidden answers out by default, shows them on request with the reason', async () => {
		const db = database.db;
		const s = await createTextSurvey(db);
		const [kind, rude] = await answered(db, s, ['Danke für die Umfrage', 'Beleidigung']);
		const ids = { surveyId: s.surveyId, questionId: s.longText };
		await createTheme(db, planner, { surveyId: s.surveyId, questionId: s.longText }, 'Lob');
		const praise = await themeId(s, 'Lob');
		await codeAnswer(db, planner, { ...ids, responseId: rude! }, [praise]);
		expect(
			await setAnswerHidden(db, planner, { ...ids, responseId: rude! }, 'beleidigend')
		).toEqual({ ok: true });
		const shown = await view(s.surveyId, { questionId: s.longText });
		expect(texts(shown)).toEqual(['Danke für die Umfrage']);
		expect(shown.counts.total).toBe(1);
		expect(shown.counts.themes[0]!.count).toBe(0);
		const all = await view(s.surveyId, { questionId: s.longText, showHidden: true });
		expect(all.answers.map((a) => [a.text, a.hiddenReason])).toEqual([
			['Beleidigung', 'beleidigend'],
			['Danke für die Umfrage', null]
		]);
		expect(await hiddenAnswerKeys(db, s.surveyId)).toEqual(new Set([`${rude}:${s.longText}`]));
		expect(await setAnswerHidden(db, planner, { ...ids, responseId: rude! }, null)).toEqual({
			ok: true
		});
		expect(await setAnswerHidden(db, planner, { ...ids, responseId: kind! }, null)).toMatchObject({
			ok: false,
			status: 409
		});
		expect(texts(await view(s.surveyId, { questionId: s.longText }))).toHaveLength(2);
		expect(await hiddenAnswerKeys(db, s.surveyId)).toEqual(new Set());
	});
});

describe('wrong ids', () => {
	it('refuses ids of other surveys, questions and themes and writes nothing', async () => {
		const db = database.db;
		const s = await createTextSurvey(db);
		const other = await createTextSurvey(db);
		const [mine] = await answered(db, s, ['Meine Antwort']);
		const [theirs] = await answered(db, other, ['Fremde Antwort']);
		await createTheme(
			db,
			planner,
			{ surveyId: other.surveyId, questionId: other.longText },
			'Fremdes Thema'
		);
		await createTheme(
			db,
			planner,
			{ surveyId: s.surveyId, questionId: s.shortText },
			'Andere Frage'
		);
		const foreignTheme = await themeId(other, 'Fremdes Thema');
		const otherQuestionTheme = await themeId(s, 'Andere Frage', s.shortText);
		const before = await rowCounts(db);
		const ids = { surveyId: s.surveyId, questionId: s.longText };
		const notFound = { ok: false, status: 404 };

		expect(
			await createTheme(db, planner, { surveyId: s.surveyId, questionId: other.longText }, 'X')
		).toMatchObject(notFound);
		expect(
			await createTheme(db, planner, { surveyId: s.surveyId, questionId: s.rating }, 'X')
		).toMatchObject(notFound);
		expect(
			await createTheme(db, planner, { surveyId: s.surveyId, questionId: s.plainChoice }, 'X')
		).toMatchObject(notFound);
		expect(
			await renameThemeLabel(
				db,
				planner,
				{ surveyId: s.surveyId, questionId: s.longText, themeId: foreignTheme },
				'X'
			)
		).toMatchObject(notFound);
		expect(
			await removeTheme(db, planner, {
				surveyId: s.surveyId,
				questionId: s.longText,
				themeId: foreignTheme
			})
		).toMatchObject(notFound);
		expect(await codeAnswer(db, planner, { ...ids, responseId: theirs! }, [])).toMatchObject(
			notFound
		);
		expect(
			await codeAnswer(db, planner, { ...ids, responseId: mine! }, [otherQuestionTheme])
		).toMatchObject({ ok: false, status: 400 });
		expect(await setAnswerHidden(db, planner, { ...ids, responseId: theirs! }, 'x')).toMatchObject(
			notFound
		);
		const missing = '00000000-0000-4000-8000-000000000000';
		expect(await setAnswerHidden(db, planner, { ...ids, responseId: missing }, 'x')).toMatchObject(
			notFound
		);
		expect(await rowCounts(db)).toEqual(before);

		expect(await textAnswersView(db, missing, query())).toBeUndefined();
		expect(await textAnswersView(db, s.surveyId, query({ questionId: s.rating }))).toMatchObject(
			notFound
		);
		expect(
			await textAnswersView(
				db,
				s.surveyId,
				query({ questionId: s.longText, theme: { kind: 'theme', themeId: foreignTheme } })
			)
		).toMatchObject(notFound);
	});

	it('cleans theme labels and reasons like answers, and bounds them', () => {
		const label = (v: string) => createThemeForm.safeParse({ label: v });
		expect(label('  Gru\u0308n\u0000 ').data).toEqual({ label: 'Grün' });
		expect(label(' \t ').error?.issues[0]?.message).toBe('rxThemeLabelRequired');
		expect(label('x'.repeat(81)).error?.issues[0]?.message).toBe('rxThemeLabelTooLong:80');
		expect(label('x'.repeat(80)).success).toBe(true);
		const responseId = '00000000-0000-4000-8000-000000000000';
		expect(hideForm.safeParse({ responseId }).data).toEqual({ responseId, reason: '' });
		expect(hideForm.safeParse({ responseId: 'x', reason: 'a' }).success).toBe(false);
	});

	it('reads the address strictly', () => {
		const parse = (q: string) => parseTextQuery(new URLSearchParams(q));
		expect(parse('')).toEqual({ ok: true, query: query() });
		expect(parse('frage=abc')).toEqual({ ok: false, message: 'rxQuestionUnknown' });
		expect(parse('thema=1%27%20or%201=1')).toEqual({ ok: false, message: 'rxThemeUnknown' });
		expect(parse('thema=ohne&ausgeblendet=1&seite=2&suche=%20Rad%20')).toEqual({
			ok: true,
			query: query({ theme: { kind: 'none' }, showHidden: true, page: 2, search: 'Rad' })
		});
		for (const page of ['0', '-1', '1.5', 'zwei', '99999999']) {
			expect(parse(`seite=${page}`)).toEqual({ ok: false, message: 'rxPageInvalid' });
		}
		expect(parse(`suche=${'a'.repeat(201)}`)).toEqual({ ok: false, message: 'rxSearchTooLong' });
	});
});
