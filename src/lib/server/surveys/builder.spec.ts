import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionType } from '../../surveys/types.ts';
import type { Database } from '../db/index.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import { createUser } from '../testing/factories.ts';
import { listAllSurveys } from './builder.repository.ts';
import type { QuestionFormInput } from './question-form.ts';
import {
	addPage,
	addQuestion,
	changeQuestionType,
	createSurvey,
	deletePage,
	deleteQuestion,
	moveQuestion,
	moveQuestionToPage,
	renamePage,
	saveQuestion,
	saveQuestionText,
	updateSettings
} from './builder.ts';
import { codesCsv, hashCode, normalizeCode } from './codes.ts';
import {
	archiveSurvey,
	closeSurvey,
	createNewVersion,
	createParticipationCodes,
	duplicateSurvey,
	publishSurvey
} from './survey-lifecycle.ts';
import { findSurvey, updateQuestion, type Survey } from './surveys.repository.ts';

let database: Database;
let planner: string;
let consultationId: string;

beforeAll(async () => {
	database = await createTestDatabase();
	planner = (await createUser(database.db, { roles: ['planner'] })).id;
	const row = await database.db
		.insertInto('consultations')
		.values({ slug: `markt-${randomBytes(3).toString('hex')}`, title: 'Marktplatz Blankenberg' })
		.returning('id')
		.executeTakeFirstOrThrow();
	consultationId = row.id;
});
afterAll(() => database?.close());

const db = () => database.db;

async function survey(id: string): Promise<Survey> {
	const s = await findSurvey(db(), id);
	if (!s) throw new Error('survey missing');
	return s;
}

async function newSurvey(kind: 'survey' | 'poll' = 'survey', mode: 'account' | 'code' = 'account') {
	const out = await createSurvey(db(), planner, {
		consultationId,
		kind,
		title: 'Mobilität 2030',
		mode
	});
	if (!out.ok) throw new Error(out.reason);
	return out.id;
}

async function question(
	surveyId: string,
	pageId: string,
	type: QuestionType,
	title = `Frage ${type}`
) {
	const out = await addQuestion(db(), surveyId, { pageId, type, title });
	if (!out.ok) throw new Error(out.reason);
	return out.id;
}

const text = { minLength: '0', maxLength: '500' };
const form = (input: Partial<QuestionFormInput>): QuestionFormInput => ({
	title: 'Frage',
	help: '',
	required: false,
	...input
});

/** A survey: page 1 with a single choice "Wie kommen Sie?", page 2 with a text shown for bus riders. */
async function withCondition() {
	const id = await newSurvey();
	const page1 = (await survey(id)).pages[0]!.id;
	await addPage(db(), id, 'Details');
	const page2 = (await survey(id)).pages[1]!.id;
	const choice = await question(id, page1, 'single', 'Wie kommen Sie?');
	expect(
		await saveQuestion(
			db(),
			id,
			choice,
			form({ title: 'Wie kommen Sie?', options: 'Bus\nRad\nAuto' }),
			'de'
		)
	).toEqual({ ok: true });
	const follow = await question(id, page2, 'long_text', 'Was fehlt am Bus?');
	const saved = await saveQuestion(
		db(),
		id,
		follow,
		form({
			title: 'Was fehlt am Bus?',
			...text,
			conditionQuestion: choice,
			conditionOptions: [`${choice}:o1`]
		}),
		'de'
	);
	expect(saved).toEqual({ ok: true });
	return { id, page1, page2, choice, follow };
}

async function respond(surveyId: string) {
	await db()
		.insertInto('survey_responses')
		.values({
			survey_id: surveyId,
			participant_key: `o:${randomBytes(8).toString('hex')}`,
			status: 'draft',
			answers: '{}',
			survey_version: 1,
			updated_at: new Date()
		})
		.execute();
}

async function auditActions(surveyId: string) {
	const rows = await db()
		.selectFrom('audit_log')
		.select('action')
		.where('target_id', '=', surveyId)
		.orderBy('id')
		.execute();
	return rows.map((r) => r.action);
}

describe('creating', () => {
	it('starts a survey with one empty page and a poll with one single choice question', async () => {
		const s = await survey(await newSurvey());
		expect(s).toMatchObject({
			kind: 'survey',
			status: 'draft',
			title: 'Mobilität 2030',
			mode: 'account',
			version: 1
		});
		expect(s.pages).toHaveLength(1);
		expect(s.questions).toHaveLength(0);

		const p = await survey(await newSurvey('poll'));
		expect(p.pages).toHaveLength(1);
		expect(p.questions).toMatchObject([
			{ type: 'single', title: 'Mobilität 2030', config: { options: [{ id: 'o1' }, { id: 'o2' }] } }
		]);
		expect(await auditActions(p.id)).toEqual(['survey.created']);
	});

	it('refuses an unknown or malformed consultation', async () => {
		const input = { kind: 'survey' as const, title: 'X', mode: 'open' as const };
		expect(
			await createSurvey(db(), planner, {
				...input,
				consultationId: '00000000-0000-4000-8000-000000000000'
			})
		).toMatchObject({ ok: false, reason: 'notFound' });
		expect(await createSurvey(db(), planner, { ...input, consultationId: 'abc' })).toMatchObject({
			ok: false,
			reason: 'notFound'
		});
	});
});

describe('editing structure', () => {
	it('adds every question type from its defaults and saves edits', async () => {
		const id = await newSurvey();
		const page = (await survey(id)).pages[0]!.id;
		const types: QuestionType[] = [
			'single',
			'multiple',
			'ranking',
			'matrix',
			'rating',
			'short_text',
			'long_text',
			'number',
			'budget'
		];
		for (const type of types) await question(id, page, type);
		const s = await survey(id);
		expect(s.questions.map((q) => q.type)).toEqual(types);
		const budget = s.questions.find((q) => q.type === 'budget')!;
		const saved = await saveQuestion(
			db(),
			id,
			budget.id,
			form({
				title: 'Verteilen Sie 100 Punkte',
				help: 'Wofür?',
				required: true,
				options: 'Bäume\nBänke',
				total: '100',
				unit: 'Punkte'
			}),
			'de'
		);
		expect(saved).toEqual({ ok: true });
		const after = (await survey(id)).questions.find((q) => q.id === budget.id)!;
		expect(after).toMatchObject({
			title: 'Verteilen Sie 100 Punkte',
			help: 'Wofür?',
			required: true,
			config: {
				options: [
					{ id: 'o1', label: 'Bäume' },
					{ id: 'o2', label: 'Bänke' }
				],
				total: 100,
				unit: 'Punkte'
			}
		});
	});

	it('keeps option ids whose label is unchanged and numbers new ones freshly', async () => {
		const id = await newSurvey();
		const page = (await survey(id)).pages[0]!.id;
		const q = await question(id, page, 'multiple');
		await saveQuestion(db(), id, q, form({ options: 'Bus\nRad\nAuto' }), 'de');
		await saveQuestion(db(), id, q, form({ options: 'Auto\nRad\nZu Fuß\nBahn' }), 'de');
		const config = (await survey(id)).questions[0]!.config as { options: unknown };
		expect(config.options).toEqual([
			{ id: 'o3', label: 'Auto' },
			{ id: 'o2', label: 'Rad' },
			{ id: 'o4', label: 'Zu Fuß' },
			{ id: 'o5', label: 'Bahn' }
		]);
	});

	it('moves questions up, down and to another page, and deletes them', async () => {
		const id = await newSurvey();
		const page1 = (await survey(id)).pages[0]!.id;
		const [a, b, c] = [
			await question(id, page1, 'short_text', 'A'),
			await question(id, page1, 'short_text', 'B'),
			await question(id, page1, 'short_text', 'C')
		];
		await moveQuestion(db(), id, c, 'up');
		expect((await survey(id)).questions.map((q) => q.title)).toEqual(['A', 'C', 'B']);
		await moveQuestion(db(), id, a, 'up'); // already first: nothing happens
		await moveQuestion(db(), id, a, 'down');
		expect((await survey(id)).questions.map((q) => q.title)).toEqual(['C', 'A', 'B']);
		await addPage(db(), id, '');
		const page2 = (await survey(id)).pages[1]!.id;
		expect(await moveQuestionToPage(db(), id, c, page2)).toEqual({ ok: true });
		const s = await survey(id);
		expect(s.questions.map((q) => [q.title, q.pageId])).toEqual([
			['A', page1],
			['B', page1],
			['C', page2]
		]);
		expect(await deleteQuestion(db(), id, b)).toEqual({ ok: true });
		expect((await survey(id)).questions.map((q) => q.title)).toEqual(['A', 'C']);
	});

	it('renames pages and deletes only empty ones, never the last', async () => {
		const id = await newSurvey();
		const page1 = (await survey(id)).pages[0]!.id;
		await question(id, page1, 'number');
		await addPage(db(), id, 'Zum Schluss');
		const page2 = (await survey(id)).pages[1]!.id;
		expect(await renamePage(db(), id, page2, 'Über Sie')).toEqual({ ok: true });
		expect((await survey(id)).pages.map((p) => p.title)).toEqual(['', 'Über Sie']);
		expect(await deletePage(db(), id, page1)).toMatchObject({ ok: false, reason: 'pageNotEmpty' });
		expect(await deletePage(db(), id, page2)).toEqual({ ok: true });
		const lone = await newSurvey();
		expect(await deletePage(db(), lone, (await survey(lone)).pages[0]!.id)).toMatchObject({
			reason: 'lastPage'
		});
	});

	it('refuses ids from another survey and writes nothing on bad input', async () => {
		const { id, choice, page1 } = await withCondition();
		const other = await newSurvey();
		const otherPage = (await survey(other)).pages[0]!.id;
		const otherQuestion = await question(other, otherPage, 'single');
		const before = await survey(id);
		expect(
			await saveQuestion(db(), id, otherQuestion, form({ options: 'A\nB' }), 'de')
		).toMatchObject({ reason: 'notFound' });
		expect(await deleteQuestion(db(), id, otherQuestion)).toMatchObject({ reason: 'notFound' });
		expect(await moveQuestionToPage(db(), id, choice, otherPage)).toMatchObject({
			reason: 'notFound'
		});
		expect(
			await addQuestion(db(), id, { pageId: otherPage, type: 'single', title: 'X' })
		).toMatchObject({ reason: 'notFound' });
		expect(await renamePage(db(), id, otherPage, 'X')).toMatchObject({ reason: 'notFound' });
		expect(await deleteQuestion(db(), id, 'not-a-uuid')).toMatchObject({ reason: 'notFound' });
		expect(await addPage(db(), 'not-a-uuid', '')).toMatchObject({ reason: 'notFound' });
		const bad = await saveQuestion(
			db(),
			id,
			choice,
			form({ title: '', options: 'Bus\nbus\n' + 'x'.repeat(300) }),
			'de'
		);
		expect(bad).toMatchObject({
			ok: false,
			reason: 'invalid',
			errors: { title: expect.any(String), options: expect.any(String) }
		});
		expect(await survey(id)).toEqual(before);
		expect(page1).toBe(before.pages[0]!.id);
	});
});

describe('conditions', () => {
	it('may point only at a choice question on an earlier page', async () => {
		const { id, page1, page2, choice, follow } = await withCondition();
		const s = await survey(id);
		expect(s.questions.find((q) => q.id === follow)!.condition).toEqual({
			questionId: choice,
			optionIds: ['o1']
		});

		const samePage = await question(id, page1, 'short_text', 'Gleiche Seite');
		const on = (q: string, options: string[]) =>
			form({ ...text, conditionQuestion: q, conditionOptions: options.map((o) => `${q}:${o}`) });
		const earlier =
			'Eine Bedingung kann nur auf eine Frage mit Einfach- oder Mehrfachauswahl auf einer früheren Seite verweisen.';
		expect(await saveQuestion(db(), id, samePage, on(choice, ['o1']), 'de')).toMatchObject({
			errors: { condition: earlier }
		});
		expect(await saveQuestion(db(), id, follow, on(follow, ['o1']), 'de')).toMatchObject({
			errors: { condition: 'Eine Frage kann nicht von sich selbst abhängen.' }
		});
		const later = await question(id, page2, 'single', 'Später');
		expect(await saveQuestion(db(), id, samePage, on(later, ['o1']), 'de')).toMatchObject({
			errors: { condition: earlier }
		});
		const textOnPage1 = await question(id, page1, 'short_text', 'Text');
		expect(
			await saveQuestion(
				db(),
				id,
				later,
				form({
					options: 'A\nB',
					conditionQuestion: textOnPage1,
					conditionOptions: [`${textOnPage1}:o1`]
				}),
				'de'
			)
		).toMatchObject({ errors: { condition: earlier } });
		expect(
			await saveQuestion(db(), id, later, form({ options: 'A\nB', ...on(choice, ['o9']) }), 'de')
		).toMatchObject({
			errors: { condition: 'Diese Antwort gibt es bei der gewählten Frage nicht.' }
		});
	});

	it('keeps conditions pointing backwards when questions move, change or go', async () => {
		const { id, page1, page2, choice, follow } = await withCondition();
		expect(await moveQuestionToPage(db(), id, choice, page2)).toMatchObject({
			ok: false,
			reason: 'conditionOrder',
			names: ['Was fehlt am Bus?']
		});
		expect(await moveQuestionToPage(db(), id, follow, page1)).toMatchObject({
			ok: false,
			reason: 'conditionOrder',
			names: ['Wie kommen Sie?']
		});
		expect(await deleteQuestion(db(), id, choice)).toMatchObject({
			ok: false,
			reason: 'referenced',
			names: ['Was fehlt am Bus?']
		});
		expect(await changeQuestionType(db(), id, choice, 'ranking')).toMatchObject({
			ok: false,
			reason: 'referenced'
		});
		expect(
			await saveQuestion(db(), id, choice, form({ options: 'Rad\nAuto' }), 'de')
		).toMatchObject({
			reason: 'invalid',
			errors: { options: expect.stringContaining('Was fehlt am Bus?') }
		});
		// Single to multiple keeps the options, so the condition still holds.
		expect(await changeQuestionType(db(), id, choice, 'multiple')).toEqual({ ok: true });
		expect((await survey(id)).questions[0]).toMatchObject({
			type: 'multiple',
			config: { options: [{ id: 'o1', label: 'Bus' }, { id: 'o2' }, { id: 'o3' }] }
		});
	});
});

describe('rule lock', () => {
	it('freezes rules once anyone has answered, leaving texts and the end editable', async () => {
		const { id, page1, choice, follow } = await withCondition();
		await respond(id);
		const before = await survey(id);
		const locked = { ok: false, reason: 'locked' };
		expect(
			await addQuestion(db(), id, { pageId: page1, type: 'single', title: 'Neu' })
		).toMatchObject(locked);
		expect(await addPage(db(), id, '')).toMatchObject(locked);
		expect(await deleteQuestion(db(), id, follow)).toMatchObject(locked);
		expect(await moveQuestion(db(), id, choice, 'down')).toMatchObject(locked);
		expect(await deletePage(db(), id, page1)).toMatchObject(locked);
		expect(await changeQuestionType(db(), id, choice, 'multiple')).toMatchObject(locked);
		expect(
			await saveQuestion(
				db(),
				id,
				choice,
				form({ title: 'Wie kommen Sie?', options: 'Bus\nRad\nAuto\nBahn' }),
				'de'
			)
		).toMatchObject(locked);
		expect(
			await saveQuestion(
				db(),
				id,
				choice,
				form({ title: 'Wie kommen Sie?', options: 'Bus\nRad\nAuto', required: true }),
				'de'
			)
		).toMatchObject(locked);
		const settings = {
			title: 'Mobilität 2030',
			intro: '',
			mode: 'account' as const,
			opensAt: null,
			closesAt: null,
			resultsVisibility: undefined
		};
		expect(await updateSettings(db(), id, { ...settings, mode: 'open' })).toMatchObject(locked);
		expect(
			await updateSettings(db(), id, { ...settings, opensAt: new Date('2030-01-01T00:00:00Z') })
		).toMatchObject(locked);
		expect(await survey(id)).toEqual(before);

		expect(
			await saveQuestion(
				db(),
				id,
				choice,
				form({
					title: 'Wie kommen Sie meistens?',
					help: 'Eine Antwort',
					options: 'Bus\nRad\nAuto'
				}),
				'de'
			)
		).toEqual({ ok: true });
		expect(
			await saveQuestionText(db(), id, follow, { title: 'Was fehlt Ihnen am Bus?', help: '' })
		).toEqual({ ok: true });
		const closesAt = new Date('2030-06-30T16:00:00Z');
		expect(
			await updateSettings(db(), id, {
				...settings,
				title: 'Mobilität 2030 (Bürgerbefragung)',
				intro: 'Danke!',
				closesAt
			})
		).toEqual({ ok: true });
		const after = await survey(id);
		expect(after).toMatchObject({
			title: 'Mobilität 2030 (Bürgerbefragung)',
			intro: 'Danke!',
			closesAt,
			mode: 'account'
		});
		expect(after.questions.map((q) => q.title)).toEqual([
			'Wie kommen Sie meistens?',
			'Was fehlt Ihnen am Bus?'
		]);
	});

	it('offers a new version: a draft copy numbered version + 1 that points back', async () => {
		const { id } = await withCondition();
		await respond(id);
		const out = await createNewVersion(db(), planner, id);
		if (!out.ok) throw new Error(out.reason);
		expect(out.version).toBe(2);
		const v2 = await survey(out.id);
		expect(v2).toMatchObject({
			title: 'Mobilität 2030',
			status: 'draft',
			version: 2,
			previousVersionId: id
		});
		expect(v2.questions).toHaveLength(2);
		// The new version takes structural changes again.
		expect(await addPage(db(), out.id, '')).toEqual({ ok: true });
		expect(await createNewVersion(db(), planner, id)).toMatchObject({
			ok: false,
			reason: 'versionExists',
			id: out.id
		});
		expect(await auditActions(out.id)).toContain('survey.version_created');
	});
});

describe('duplicating', () => {
	it('copies as a draft "Kopie: …", keeps option ids and points conditions at the copies', async () => {
		const { id, choice } = await withCondition();
		await publishSurvey(db(), planner, id);
		const out = await duplicateSurvey(db(), planner, id);
		if (!out.ok) throw new Error(out.reason);
		const [source, copy] = [await survey(id), await survey(out.id)];
		expect(copy).toMatchObject({
			title: 'Kopie: Mobilität 2030',
			status: 'draft',
			version: 1,
			previousVersionId: null,
			consultationId
		});
		expect(copy.pages.map((p) => p.title)).toEqual(source.pages.map((p) => p.title));
		expect(copy.questions.map((q) => q.config)).toEqual(source.questions.map((q) => q.config));
		const [copiedChoice, copiedFollow] = copy.questions;
		expect(copiedChoice!.id).not.toBe(choice);
		expect(copiedFollow!.condition).toEqual({ questionId: copiedChoice!.id, optionIds: ['o1'] });
		expect(copiedFollow!.pageId).toBe(copy.pages[1]!.id);
	});
});

describe('publishing, closing, archiving', () => {
	it('refuses a survey without questions or with an empty page', async () => {
		const id = await newSurvey();
		expect(await publishSurvey(db(), planner, id)).toMatchObject({
			ok: false,
			reason: 'noQuestions'
		});
		await question(id, (await survey(id)).pages[0]!.id, 'rating');
		await addPage(db(), id, '');
		expect(await publishSurvey(db(), planner, id)).toMatchObject({
			ok: false,
			reason: 'emptyPage',
			names: ['2']
		});
	});

	it('refuses a poll whose question is not single or multiple choice', async () => {
		const id = await newSurvey('poll');
		const q = (await survey(id)).questions[0]!;
		expect(await changeQuestionType(db(), id, q.id, 'number')).toMatchObject({
			ok: false,
			reason: 'pollQuestionType'
		});
		expect(
			await addQuestion(db(), id, { pageId: q.pageId, type: 'single', title: 'Zweite' })
		).toMatchObject({ reason: 'pollShape' });
		await updateQuestion(db(), q.id, {
			type: 'short_text',
			title: q.title,
			help: '',
			required: true,
			config: { minLength: 0, maxLength: 100 },
			condition: null
		});
		expect(await publishSurvey(db(), planner, id)).toMatchObject({
			ok: false,
			reason: 'pollQuestionType'
		});
	});

	it('publishes, closes now and archives, with audit entries', async () => {
		const id = await newSurvey('poll');
		expect(await closeSurvey(db(), planner, id)).toMatchObject({ reason: 'notOpen' });
		expect(await publishSurvey(db(), planner, id)).toEqual({ ok: true });
		expect((await survey(id)).status).toBe('published');
		expect(await publishSurvey(db(), planner, id)).toMatchObject({ reason: 'notDraft' });
		const now = new Date('2026-05-01T10:00:00Z');
		expect(await closeSurvey(db(), planner, id, new Date('2020-01-01T00:00:00Z'))).toEqual({
			ok: true
		});
		expect((await survey(id)).closesAt).toEqual(new Date('2020-01-01T00:00:00Z'));
		expect(await closeSurvey(db(), planner, id, now)).toMatchObject({ reason: 'notOpen' });
		expect(await archiveSurvey(db(), planner, id)).toEqual({ ok: true });
		expect((await survey(id)).status).toBe('archived');
		expect(
			await saveQuestionText(db(), id, (await survey(id)).questions[0]!.id, {
				title: 'X',
				help: ''
			})
		).toMatchObject({ reason: 'archived' });
		expect(await auditActions(id)).toEqual([
			'survey.created',
			'survey.published',
			'survey.closed',
			'survey.archived'
		]);
	});

	it('refuses to publish a survey whose end has passed', async () => {
		const id = await newSurvey('poll');
		await updateSettings(db(), id, {
			title: 'T',
			intro: '',
			mode: 'account',
			opensAt: null,
			closesAt: new Date('2020-01-01T00:00:00Z')
		});
		expect(await publishSurvey(db(), planner, id)).toMatchObject({ reason: 'alreadyClosed' });
	});
});

describe('participation codes', () => {
	it('creates N distinct codes, stores only their hashes and writes an Excel-ready CSV', async () => {
		const id = await newSurvey('survey', 'code');
		const out = await createParticipationCodes(db(), planner, id, 40);
		if (!out.ok) throw new Error(out.reason);
		expect(new Set(out.codes).size).toBe(40);
		const rows = await db()
			.selectFrom('participation_codes')
			.selectAll()
			.where('survey_id', '=', id)
			.execute();
		expect(rows).toHaveLength(40);
		const stored = JSON.stringify(rows);
		for (const code of out.codes) {
			expect(stored).not.toContain(code);
			expect(stored).not.toContain(normalizeCode(code)!);
		}
		expect(new Set(rows.map((r) => r.code_hash))).toEqual(
			new Set(out.codes.map((c) => hashCode(normalizeCode(c)!)))
		);

		const csv = codesCsv(out.codes, out.title);
		expect(csv.startsWith('\uFEFFNr;Teilnahmecode;Umfrage\r\n')).toBe(true);
		const lines = csv.slice(1).trimEnd().split('\r\n');
		expect(lines).toHaveLength(41);
		expect(lines[1]).toBe(`1;${out.codes[0]};"Mobilität 2030"`);
		expect(await auditActions(id)).toEqual(['survey.created', 'survey.codes_created']);
	});

	it('only for surveys in code mode', async () => {
		const id = await newSurvey('survey', 'account');
		expect(await createParticipationCodes(db(), planner, id, 5)).toMatchObject({
			ok: false,
			reason: 'notCodeMode'
		});
		expect(
			await db()
				.selectFrom('participation_codes')
				.select('id')
				.where('survey_id', '=', id)
				.execute()
		).toEqual([]);
	});
});

describe('listing', () => {
	it('lists every survey and poll with its consultation and submitted responses', async () => {
		const id = await newSurvey();
		await respond(id);
		const list = await listAllSurveys(db());
		const item = list.find((s) => s.id === id);
		expect(item).toMatchObject({
			title: 'Mobilität 2030',
			kind: 'survey',
			status: 'draft',
			consultationTitle: 'Marktplatz Blankenberg',
			responses: 0
		});
		await db()
			.updateTable('survey_responses')
			.set({ status: 'submitted', submitted_answers: '{}', submitted_at: new Date() })
			.where('survey_id', '=', id)
			.execute();
		expect((await listAllSurveys(db())).find((s) => s.id === id)?.responses).toBe(1);
	});
});
