import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import type { AnswerMap } from '../../surveys/types.ts';
import { parseJson } from '../surveys/surveys.repository.ts';

export interface SubmittedRow {
	id: string;
	/** Epoch milliseconds: 200,000 Date objects less per 100,000 responses read. */
	submittedMs: number;
	answers: AnswerMap;
}

const BATCH = 5000;

/**
 * Submitted responses changed after `since` (all when null), in id order and in batches, so a
 * survey with 100,000 responses is read without one giant result in memory.
 */
export async function* submittedResponses(
	db: Db,
	surveyId: string,
	since: Date | null
): AsyncGenerator<SubmittedRow[]> {
	let after = '00000000-0000-0000-0000-000000000000';
	for (;;) {
		let query = db
			.selectFrom('survey_responses')
			.select([
				'id',
				sql<number>`(extract(epoch from coalesce(submitted_at, updated_at)) * 1000)::float8`.as(
					'ms'
				),
				'submitted_answers'
			])
			.where('survey_id', '=', surveyId)
			.where('status', '=', 'submitted')
			.where('id', '>', after)
			.orderBy('id')
			.limit(BATCH);
		if (since) query = query.where('updated_at', '>', since);
		const rows = await query.execute();
		if (rows.length === 0) return;
		yield rows.map((r) => ({
			id: r.id,
			submittedMs: Number(r.ms),
			answers: (parseJson(r.submitted_answers) ?? {}) as AnswerMap
		}));
		if (rows.length < BATCH) return;
		after = rows[rows.length - 1]!.id;
	}
}

/** How many submitted responses exist and the newest change: tells a cached cube whether it is current. */
export async function submittedState(
	db: Db,
	surveyId: string
): Promise<{ count: number; lastChange: Date | null }> {
	const row = await db
		.selectFrom('survey_responses')
		.select([sql<number>`count(*)::int`.as('n'), sql<Date | null>`max(updated_at)`.as('last')])
		.where('survey_id', '=', surveyId)
		.where('status', '=', 'submitted')
		.executeTakeFirstOrThrow();
	const last = row.last === null ? null : new Date(row.last);
	return { count: Number(row.n), lastChange: last };
}

/** Unfinished responses (never submitted) per page they stopped on, started within the range. */
export async function draftsPerPage(
	db: Db,
	surveyId: string,
	range: { from: Date | null; to: Date | null }
): Promise<{ page: number; count: number }[]> {
	let query = db
		.selectFrom('survey_responses')
		.select(['current_page', sql<number>`count(*)::int`.as('n')])
		.where('survey_id', '=', surveyId)
		.where('status', '=', 'draft')
		.groupBy('current_page');
	if (range.from) query = query.where('created_at', '>=', range.from);
	if (range.to) query = query.where('created_at', '<', range.to);
	const rows = await query.execute();
	return rows.map((r) => ({ page: r.current_page, count: Number(r.n) }));
}

export interface TextCoding {
	themes: { id: string; questionId: string; label: string }[];
	/** theme id → response ids coded with it */
	codings: Map<string, string[]>;
	/** question id → response ids whose answer is hidden as abusive */
	hidden: Map<string, string[]>;
}

export async function textCoding(db: Db, surveyId: string): Promise<TextCoding> {
	const themes = await db
		.selectFrom('result_themes')
		.select(['id', 'question_id', 'label'])
		.where('survey_id', '=', surveyId)
		.orderBy('label')
		.execute();
	const codings = new Map<string, string[]>(themes.map((t) => [t.id, []]));
	if (themes.length > 0) {
		const rows = await db
			.selectFrom('result_codings')
			.select(['theme_id', 'response_id'])
			.where(
				'theme_id',
				'in',
				themes.map((t) => t.id)
			)
			.execute();
		for (const r of rows) codings.get(r.theme_id)?.push(r.response_id);
	}
	const flags = await db
		.selectFrom('result_flags')
		.innerJoin('survey_questions', 'survey_questions.id', 'result_flags.question_id')
		.select(['result_flags.question_id', 'result_flags.response_id'])
		.where('survey_questions.survey_id', '=', surveyId)
		.execute();
	const hidden = new Map<string, string[]>();
	for (const f of flags) {
		const list = hidden.get(f.question_id) ?? [];
		list.push(f.response_id);
		hidden.set(f.question_id, list);
	}
	return {
		themes: themes.map((t) => ({ id: t.id, questionId: t.question_id, label: t.label })),
		codings,
		hidden
	};
}

/** Published surveys with the most submitted responses first: the ones worth caching at start. */
export async function busiestSurveys(db: Db, limit: number): Promise<string[]> {
	const rows = await db
		.selectFrom('survey_responses')
		.innerJoin('surveys', 'surveys.id', 'survey_responses.survey_id')
		.select(['survey_responses.survey_id', sql<number>`count(*)::int`.as('n')])
		.where('survey_responses.status', '=', 'submitted')
		.where('surveys.status', '=', 'published')
		.groupBy('survey_responses.survey_id')
		.orderBy('n', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => r.survey_id);
}
