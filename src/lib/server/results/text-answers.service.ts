import { recordAudit } from '../audit/audit.repository.ts';
import type { Db } from '../db/index.ts';
import { findSurvey, type Survey } from '../surveys/surveys.repository.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { TextQuery } from '../../results/text-query.ts';
import {
	countThemes,
	findAnswer,
	flagAnswer,
	listTextAnswers,
	unflagAnswer,
	type AnswerScope
} from './text-answers.repository.ts';
import {
	deleteTheme,
	findTheme,
	insertTheme,
	isLabelTaken,
	listThemes,
	renameTheme,
	replaceCodings
} from './text-themes.repository.ts';
import type { TextAnswer, TextQuestion, Theme, ThemeCounts } from '../../results/text-answers.ts';

// What planners do with free-text answers: read and search them, code them with themes, hide
// abusive ones. Every write checks that the ids belong to this survey and question, and is
// audited in the same transaction.

export const PAGE_SIZE = 50;

export type Refusal = { ok: false; status: 400 | 404 | 409; field: string; message: MessageKey };
export type Outcome = { ok: true } | Refusal;

const refuse = (status: Refusal['status'], field: string, message: MessageKey): Refusal => ({
	ok: false,
	status,
	field,
	message
});

/** Questions with free text: text questions, and choice questions that offer "Sonstiges". */
export function textQuestions(survey: Survey): TextQuestion[] {
	return survey.questions.flatMap((q): TextQuestion[] => {
		if (q.type === 'short_text' || q.type === 'long_text') {
			return [{ id: q.id, title: q.title, field: 'text' }];
		}
		if ((q.type === 'single' || q.type === 'multiple') && q.config.allowOther) {
			return [{ id: q.id, title: q.title, field: 'other' }];
		}
		return [];
	});
}

/** The question as a scope for queries, or undefined when it is not a free-text question of the survey. */
export async function findTextScope(
	db: Db,
	surveyId: string,
	questionId: string
): Promise<AnswerScope | undefined> {
	const survey = await findSurvey(db, surveyId);
	const question = survey && textQuestions(survey).find((q) => q.id === questionId);
	return question && { surveyId, questionId, field: question.field };
}

export interface TextAnswersView {
	survey: { id: string; title: string };
	questions: TextQuestion[];
	/** null when the survey has no free-text question. */
	question: TextQuestion | null;
	themes: Theme[];
	counts: ThemeCounts;
	answers: TextAnswer[];
	/** Answers matching search, theme and hidden filter. */
	matching: number;
	page: number;
	pages: number;
}

/** undefined: no such survey; a refusal: the query names a question or theme it does not have. */
export async function textAnswersView(
	db: Db,
	surveyId: string,
	query: TextQuery
): Promise<TextAnswersView | Refusal | undefined> {
	const survey = await findSurvey(db, surveyId);
	if (!survey) return undefined;
	const questions = textQuestions(survey);
	const question = query.questionId
		? questions.find((q) => q.id === query.questionId)
		: questions[0];
	if (!question) {
		if (query.questionId) return refuse(404, 'frage', 'rxQuestionUnknown');
		return emptyView(survey, questions);
	}
	const themes = await listThemes(db, question.id);
	if (query.theme.kind === 'theme') {
		const themeId = query.theme.themeId;
		if (!themes.some((t) => t.id === themeId)) return refuse(404, 'thema', 'rxThemeUnknown');
	}
	const scope = { surveyId, questionId: question.id, field: question.field };
	const filter = { ...scope, search: query.search, showHidden: query.showHidden };
	const counts = await countThemes(db, filter);
	const list = await listTextAnswers(
		db,
		{ ...filter, theme: query.theme },
		{ limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE }
	);
	return {
		survey: { id: survey.id, title: survey.title },
		questions,
		question,
		themes,
		counts,
		answers: list.items,
		matching: list.total,
		page: query.page,
		pages: Math.max(1, Math.ceil(list.total / PAGE_SIZE))
	};
}

function emptyView(survey: Survey, questions: TextQuestion[]): TextAnswersView {
	return {
		survey: { id: survey.id, title: survey.title },
		questions,
		question: null,
		themes: [],
		counts: { themes: [], uncoded: 0, total: 0 },
		answers: [],
		matching: 0,
		page: 1,
		pages: 1
	};
}

async function audit(
	db: Db,
	actorId: string,
	action: string,
	target: { type: string; id: string },
	details: Record<string, unknown>
): Promise<void> {
	await recordAudit(db, {
		actorId,
		action: `results.${action}`,
		targetType: target.type,
		targetId: target.id,
		details
	});
}

// A concurrent request may take the label between the check and the insert; the unique index
// (question, lower(label)) then refuses it.
function isUniqueViolation(err: unknown): boolean {
	return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

/** Which question an action is about, as the page's form names it. */
export interface QuestionIds {
	surveyId: string;
	questionId: string;
}

export async function createTheme(
	db: Db,
	actorId: string,
	{ surveyId, questionId }: QuestionIds,
	label: string
): Promise<Outcome> {
	const scope = await findTextScope(db, surveyId, questionId);
	if (!scope) return refuse(404, 'frage', 'rxQuestionUnknown');
	try {
		return await db.transaction().execute(async (trx) => {
			if (await isLabelTaken(trx, questionId, label)) return refuse(409, 'label', 'rxThemeTaken');
			const id = await insertTheme(trx, { surveyId, questionId, label });
			await audit(
				trx,
				actorId,
				'theme.created',
				{ type: 'result_theme', id },
				{ questionId, label }
			);
			return { ok: true as const };
		});
	} catch (err) {
		if (isUniqueViolation(err)) return refuse(409, 'label', 'rxThemeTaken');
		throw err;
	}
}

export async function renameThemeLabel(
	db: Db,
	actorId: string,
	{ surveyId, questionId, themeId }: QuestionIds & { themeId: string },
	label: string
): Promise<Outcome> {
	const scope = await findTextScope(db, surveyId, questionId);
	if (!scope) return refuse(404, 'frage', 'rxQuestionUnknown');
	try {
		return await db.transaction().execute(async (trx) => {
			const theme = await findTheme(trx, questionId, themeId);
			if (!theme) return refuse(404, 'themeId', 'rxThemeUnknown');
			if (await isLabelTaken(trx, questionId, label, themeId)) {
				return refuse(409, 'label', 'rxThemeTaken');
			}
			await renameTheme(trx, themeId, label);
			const details = { questionId, from: theme.label, to: label };
			await audit(trx, actorId, 'theme.renamed', { type: 'result_theme', id: themeId }, details);
			return { ok: true as const };
		});
	} catch (err) {
		if (isUniqueViolation(err)) return refuse(409, 'label', 'rxThemeTaken');
		throw err;
	}
}

export async function removeTheme(
	db: Db,
	actorId: string,
	{ surveyId, questionId, themeId }: QuestionIds & { themeId: string }
): Promise<Outcome> {
	const scope = await findTextScope(db, surveyId, questionId);
	if (!scope) return refuse(404, 'frage', 'rxQuestionUnknown');
	return db.transaction().execute(async (trx) => {
		const theme = await findTheme(trx, questionId, themeId);
		if (!theme) return refuse(404, 'themeId', 'rxThemeUnknown');
		await deleteTheme(trx, themeId);
		const details = { questionId, label: theme.label };
		await audit(trx, actorId, 'theme.deleted', { type: 'result_theme', id: themeId }, details);
		return { ok: true as const };
	});
}

/** Sets the answer's themes to exactly `themeIds`; every one must be a theme of the question. */
export async function codeAnswer(
	db: Db,
	actorId: string,
	{ surveyId, questionId, responseId }: QuestionIds & { responseId: string },
	themeIds: string[]
): Promise<Outcome> {
	const scope = await findTextScope(db, surveyId, questionId);
	if (!scope) return refuse(404, 'frage', 'rxQuestionUnknown');
	if (!(await findAnswer(db, scope, responseId)))
		return refuse(404, 'responseId', 'rxAnswerUnknown');
	const known = new Set((await listThemes(db, questionId)).map((t) => t.id));
	if (!themeIds.every((id) => known.has(id))) return refuse(400, 'themeId', 'rxThemeUnknown');
	return db.transaction().execute(async (trx) => {
		const change = await replaceCodings(trx, { questionId, responseId, themeIds, by: actorId });
		if (change.added.length || change.removed.length) {
			const target = { type: 'survey_response', id: responseId };
			await audit(trx, actorId, 'answer.coded', target, { questionId, ...change });
		}
		return { ok: true as const };
	});
}

/** Hides (`reason` set) or shows (`reason` null) an answer. */
export async function setAnswerHidden(
	db: Db,
	actorId: string,
	{ surveyId, questionId, responseId }: QuestionIds & { responseId: string },
	reason: string | null
): Promise<Outcome> {
	const scope = await findTextScope(db, surveyId, questionId);
	if (!scope) return refuse(404, 'frage', 'rxQuestionUnknown');
	if (!(await findAnswer(db, scope, responseId)))
		return refuse(404, 'responseId', 'rxAnswerUnknown');
	return db.transaction().execute(async (trx) => {
		const target = { type: 'survey_response', id: responseId };
		if (reason === null) {
			if (!(await unflagAnswer(trx, responseId, questionId))) {
				return refuse(409, 'responseId', 'rxAnswerNotHidden');
			}
			await audit(trx, actorId, 'answer.shown', target, { questionId });
		} else {
			await flagAnswer(trx, { responseId, questionId, reason, by: actorId });
			await audit(trx, actorId, 'answer.hidden', target, { questionId, reason });
		}
		return { ok: true as const };
	});
}
