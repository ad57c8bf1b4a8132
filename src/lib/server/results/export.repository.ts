import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import type { AnswerMap } from '../../surveys/types.ts';
import { parseJson } from '../surveys/surveys.repository.ts';

/** Where the previous batch ended: created_at as PostgreSQL's own text (microseconds), and id. */
export interface ExportCursor {
	createdAt: string;
	id: string;
}

export interface ExportResponseRow {
	id: string;
	/** Null for a draft: it takes a number but is not exported. */
	answers: AnswerMap | null;
	/** ISO 8601 in UTC with milliseconds, as Date.toISOString writes it. */
	submittedAt: string | null;
	/** submitted_at as a wall-clock time in Berlin, 'YYYY-MM-DD HH:MM:SS'. */
	submittedLocal: string | null;
}

export interface ResponseBatch {
	rows: ExportResponseRow[];
	/** Where the next batch starts; null after the last. */
	next: ExportCursor | null;
}

/**
 * One batch of a survey's responses, drafts included, in the order of their first save. Keyset
 * paging keeps each batch as cheap as the first; the cursor carries created_at as text because a
 * JavaScript Date drops PostgreSQL's microseconds and would repeat or skip rows.
 */
export async function listResponseBatch(
	db: Db,
	surveyId: string,
	after: ExportCursor | null,
	limit: number
): Promise<ResponseBatch> {
	let query = db
		.selectFrom('survey_responses')
		.select([
			'id',
			'submitted_answers',
			// Formatted by the database: no Date object per row (`npm run bench:results`).
			sql<
				string | null
			>`to_char(submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('utc'),
			sql<string>`created_at::text`.as('created_text'),
			sql<
				string | null
			>`to_char(submitted_at at time zone 'Europe/Berlin', 'YYYY-MM-DD HH24:MI:SS')`.as('local')
		])
		.where('survey_id', '=', surveyId)
		.orderBy('created_at')
		.orderBy('id')
		.limit(limit);
	if (after) {
		query = query.where(
			sql<boolean>`(created_at, id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)`
		);
	}
	const found = await query.execute();
	const last = found.at(-1);
	return {
		rows: found.map((r) => ({
			id: r.id,
			answers: r.submitted_answers === null ? null : (parseJson(r.submitted_answers) as AnswerMap),
			submittedAt: r.utc,
			submittedLocal: r.local
		})),
		next: last && found.length === limit ? { createdAt: last.created_text, id: last.id } : null
	};
}
