import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import type { AnswerMap } from '../../surveys/types.ts';
import { parseJson } from './surveys.repository.ts';

export interface StoredResponse {
	id: string;
	participantKey: string;
	status: 'draft' | 'submitted';
	answers: AnswerMap;
	submittedAnswers: AnswerMap | null;
	currentPage: number;
	resumeHash: string | null;
	submittedAt: Date | null;
}

export async function findResponse(
	db: Db,
	surveyId: string,
	participantKey: string
): Promise<StoredResponse | undefined> {
	const r = await db
		.selectFrom('survey_responses')
		.select([
			'id',
			'participant_key',
			'status',
			'answers',
			'submitted_answers',
			'current_page',
			'resume_hash',
			'submitted_at'
		])
		.where('survey_id', '=', surveyId)
		.where('participant_key', '=', participantKey)
		.executeTakeFirst();
	if (!r) return undefined;
	return {
		id: r.id,
		participantKey: r.participant_key,
		status: r.status,
		answers: parseJson(r.answers) as AnswerMap,
		submittedAnswers: parseJson(r.submitted_answers) as AnswerMap | null,
		currentPage: r.current_page,
		resumeHash: r.resume_hash,
		submittedAt: r.submitted_at
	};
}

export interface ResponseWrite {
	surveyId: string;
	participantKey: string;
	userId: string | null;
	surveyVersion: number;
	/** Code and open mode: the hash the stored row must carry, or the write is refused. */
	resumeHash: string | null;
}

/**
 * Claims a participant key for a new response. Returns false when the key is taken: the
 * unique constraint decides, so two people racing with one code cannot both get in.
 */
export async function claimResponse(db: Db, w: ResponseWrite): Promise<boolean> {
	const row = await db
		.insertInto('survey_responses')
		.values({
			survey_id: w.surveyId,
			participant_key: w.participantKey,
			user_id: w.userId,
			status: 'draft',
			answers: '{}',
			survey_version: w.surveyVersion,
			resume_hash: w.resumeHash,
			updated_at: new Date()
		})
		.onConflict((oc) => oc.columns(['survey_id', 'participant_key']).doNothing())
		.returning('id')
		.executeTakeFirst();
	return row !== undefined;
}

/**
 * Saves the working copy (idempotent: the same POST twice leaves the same row). With `submit`
 * the answers also become the submitted version. Returns false when the stored row belongs to
 * another resume code, which is then refused without writing.
 */
export async function saveResponse(
	db: Db,
	w: ResponseWrite & { answers: AnswerMap; currentPage: number; submit: boolean }
): Promise<boolean> {
	const answers = JSON.stringify(w.answers);
	const row = await db
		.insertInto('survey_responses')
		.values({
			survey_id: w.surveyId,
			participant_key: w.participantKey,
			user_id: w.userId,
			status: w.submit ? 'submitted' : 'draft',
			answers,
			submitted_answers: w.submit ? answers : null,
			submitted_at: w.submit ? new Date() : null,
			current_page: w.currentPage,
			survey_version: w.surveyVersion,
			resume_hash: w.resumeHash,
			updated_at: new Date()
		})
		.onConflict((oc) =>
			oc
				.columns(['survey_id', 'participant_key'])
				.doUpdateSet((eb) => ({
					answers: eb.ref('excluded.answers'),
					current_page: eb.ref('excluded.current_page'),
					updated_at: eb.ref('excluded.updated_at'),
					...(w.submit && {
						status: eb.ref('excluded.status'),
						submitted_answers: eb.ref('excluded.submitted_answers'),
						submitted_at: eb.ref('excluded.submitted_at')
					})
				}))
				.where(sql<boolean>`survey_responses.resume_hash is not distinct from excluded.resume_hash`)
		)
		.returning('id')
		.executeTakeFirst();
	return row !== undefined;
}
