import type { Db } from '../db/index.ts';

/** Key of one answer: a response's answer to one question. */
export function answerKey(responseId: string, questionId: string): string {
	return `${responseId}:${questionId}`;
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
