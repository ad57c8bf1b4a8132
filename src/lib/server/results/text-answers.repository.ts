import { sql, type ExpressionBuilder } from 'kysely';
import type { DB, Db } from '../db/index.ts';
import type { AnswerField, TextAnswer, Theme, ThemeCounts } from '../../results/text-answers.ts';
import type { ThemeFilter } from '../../results/text-query.ts';

// Free-text answers live inside survey_responses.submitted_answers (jsonb, keyed by question id):
// `text` of short and long text answers, `other` of a choice answer with "Sonstiges". One answer
// is one (response, question) pair; themes belong to a question, so a coding (theme, response)
// names exactly one answer.

export type { AnswerField, TextAnswer, Theme, ThemeCounts, ThemeFilter };

export interface AnswerScope {
	surveyId: string;
	questionId: string;
	field: AnswerField;
}

export interface AnswerQuery extends AnswerScope {
	/** Case-insensitive substring; empty: every answer. */
	search: string;
	theme: ThemeFilter;
	/** false: answers hidden as abusive are left out. */
	showHidden: boolean;
}

/** Key of one answer: a response's answer to one question. */
export function answerKey(responseId: string, questionId: string): string {
	return `${responseId}:${questionId}`;
}

/** LIKE treats % and _ as wildcards and \ as its escape character; a search means them literally. */
export function likePattern(search: string): string {
	return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function answerText(scope: AnswerScope) {
	return sql<string>`(survey_responses.submitted_answers -> ${scope.questionId}::text ->> ${scope.field}::text)`;
}

/** Submitted answers of the question that have text, with their flag (if any) joined. */
function answers(db: Db, q: AnswerQuery) {
	const text = answerText(q);
	let rows = db
		.selectFrom('survey_responses')
		.leftJoin('result_flags', (j) =>
			j
				.onRef('result_flags.response_id', '=', 'survey_responses.id')
				.on('result_flags.question_id', '=', q.questionId)
		)
		.where('survey_responses.survey_id', '=', q.surveyId)
		.where('survey_responses.status', '=', 'submitted')
		.where(sql<boolean>`${text} <> ''`);
	if (q.search) rows = rows.where(sql<boolean>`${text} ilike ${likePattern(q.search)}`);
	if (!q.showHidden) rows = rows.where('result_flags.response_id', 'is', null);
	if (q.theme.kind === 'none') rows = rows.where((eb) => eb.not(eb.exists(codedIn(eb, q))));
	if (q.theme.kind === 'theme') {
		const themeId = q.theme.themeId;
		rows = rows.where((eb) =>
			eb.exists(
				eb
					.selectFrom('result_codings')
					.select('result_codings.theme_id')
					.whereRef('result_codings.response_id', '=', 'survey_responses.id')
					.where('result_codings.theme_id', '=', themeId)
			)
		);
	}
	return rows;
}

function codedIn(eb: ExpressionBuilder<DB, 'survey_responses'>, scope: AnswerScope) {
	return eb
		.selectFrom('result_codings')
		.innerJoin('result_themes', 'result_themes.id', 'result_codings.theme_id')
		.select('result_codings.theme_id')
		.whereRef('result_codings.response_id', '=', 'survey_responses.id')
		.where('result_themes.question_id', '=', scope.questionId);
}

/** One page of answers, newest first, and how many match in all. */
export async function listTextAnswers(
	db: Db,
	q: AnswerQuery,
	page: { limit: number; offset: number }
): Promise<{ items: TextAnswer[]; total: number }> {
	const [rows, count] = await Promise.all([
		answers(db, q)
			.select([
				'survey_responses.id',
				'survey_responses.submitted_at',
				'result_flags.reason',
				'result_flags.response_id as flagged'
			])
			.select(answerText(q).as('text'))
			.orderBy('survey_responses.submitted_at', 'desc')
			.orderBy('survey_responses.id', 'desc')
			.limit(page.limit)
			.offset(page.offset)
			.execute(),
		answers(db, q)
			.select(sql<number>`count(*)::int`.as('n'))
			.executeTakeFirstOrThrow()
	]);
	const themes = await codingsOf(
		db,
		q.questionId,
		rows.map((r) => r.id)
	);
	return {
		total: Number(count.n),
		items: rows.map((r) => ({
			responseId: r.id,
			text: r.text,
			submittedAt: r.submitted_at!,
			hiddenReason: r.flagged === null ? null : (r.reason ?? ''),
			themeIds: themes.get(r.id) ?? []
		}))
	};
}

export async function codingsOf(
	db: Db,
	questionId: string,
	responseIds: string[]
): Promise<Map<string, string[]>> {
	const byResponse = new Map<string, string[]>();
	if (!responseIds.length) return byResponse;
	const rows = await db
		.selectFrom('result_codings')
		.innerJoin('result_themes', 'result_themes.id', 'result_codings.theme_id')
		.select(['result_codings.response_id', 'result_codings.theme_id'])
		.where('result_themes.question_id', '=', questionId)
		.where('result_codings.response_id', 'in', responseIds)
		.execute();
	for (const r of rows) {
		byResponse.set(r.response_id, [...(byResponse.get(r.response_id) ?? []), r.theme_id]);
	}
	return byResponse;
}

/** Counts per theme for the current search and hidden filter (the theme filter is ignored). */
export async function countThemes(db: Db, q: Omit<AnswerQuery, 'theme'>): Promise<ThemeCounts> {
	const all: AnswerQuery = { ...q, theme: { kind: 'all' } };
	const matching = answers(db, all).select('survey_responses.id');
	const [themes, total, uncoded] = await Promise.all([
		db
			.selectFrom('result_themes')
			.leftJoin('result_codings', (j) =>
				j
					.onRef('result_codings.theme_id', '=', 'result_themes.id')
					.on('result_codings.response_id', 'in', matching)
			)
			.select(['result_themes.id', 'result_themes.label'])
			.select(sql<number>`count(result_codings.response_id)::int`.as('n'))
			.where('result_themes.question_id', '=', q.questionId)
			.groupBy(['result_themes.id', 'result_themes.label'])
			.execute(),
		answers(db, all)
			.select(sql<number>`count(*)::int`.as('n'))
			.executeTakeFirstOrThrow(),
		answers(db, { ...q, theme: { kind: 'none' } })
			.select(sql<number>`count(*)::int`.as('n'))
			.executeTakeFirstOrThrow()
	]);
	return {
		themes: byLabel(themes.map((t) => ({ id: t.id, label: t.label, count: Number(t.n) }))),
		uncoded: Number(uncoded.n),
		total: Number(total.n)
	};
}

/** The answer exists: a submitted response of the survey with text for this question. */
export async function findAnswer(
	db: Db,
	scope: AnswerScope,
	responseId: string
): Promise<{ hidden: boolean } | undefined> {
	const row = await answers(db, { ...scope, search: '', theme: { kind: 'all' }, showHidden: true })
		.select('result_flags.response_id as flagged')
		.where('survey_responses.id', '=', responseId)
		.executeTakeFirst();
	return row && { hidden: row.flagged !== null };
}

// German order (Ö beside O), which the database's collation may not know: PGlite and many
// servers run with C collation.
const collator = new Intl.Collator('de', { sensitivity: 'base' });
export function byLabel<T extends Theme>(themes: T[]): T[] {
	return themes.sort((a, b) => collator.compare(a.label, b.label));
}

/** Hides the answer, or changes the reason when it is hidden already. */
export async function flagAnswer(
	db: Db,
	f: { responseId: string; questionId: string; reason: string; by: string }
): Promise<void> {
	await db
		.insertInto('result_flags')
		.values({
			response_id: f.responseId,
			question_id: f.questionId,
			reason: f.reason,
			flagged_by: f.by
		})
		.onConflict((oc) =>
			oc.columns(['response_id', 'question_id']).doUpdateSet({ reason: f.reason, flagged_by: f.by })
		)
		.execute();
}

/** Returns whether the answer was hidden. */
export async function unflagAnswer(
	db: Db,
	responseId: string,
	questionId: string
): Promise<boolean> {
	const result = await db
		.deleteFrom('result_flags')
		.where('response_id', '=', responseId)
		.where('question_id', '=', questionId)
		.executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

/**
 * Answers planners hid as abusive, as `${responseId}:${questionId}`. Exports and views leave
 * their text out; the response itself still counts in the aggregates.
 */
export async function hiddenAnswerKeys(db: Db, surveyId: string): Promise<Set<string>> {
	const rows = await db
		.selectFrom('result_flags')
		.innerJoin('survey_responses', 'survey_responses.id', 'result_flags.response_id')
		.select(['result_flags.response_id', 'result_flags.question_id'])
		.where('survey_responses.survey_id', '=', surveyId)
		.execute();
	return new Set(rows.map((r) => answerKey(r.response_id, r.question_id)));
}
