import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import { OTHER, type Question } from '../../surveys/types.ts';
import type { SurveySummary } from './surveys.repository.ts';
import { surveyState } from './participation.ts';

export interface PollOptionResult {
	id: string;
	label: string;
	votes: number;
	/** Share of voters (not of selections): with multiple choice the shares add up to more than 1. */
	share: number;
}

export interface PollResults {
	voters: number;
	multiple: boolean;
	options: PollOptionResult[];
}

/** Counts submitted votes per option, in SQL on the stored answers (PostgreSQL and PGlite). */
export async function pollResults(
	db: Db,
	surveyId: string,
	question: Question,
	otherLabel: string
): Promise<PollResults> {
	if (question.type !== 'single' && question.type !== 'multiple')
		throw new Error('Abstimmungen haben eine Auswahlfrage');
	const base = db
		.selectFrom('survey_responses')
		.where('survey_id', '=', surveyId)
		.where('status', '=', 'submitted');
	const votersRow = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
	const choice =
		question.type === 'single'
			? sql<string>`submitted_answers -> ${question.id}::text ->> 'choice'`
			: sql<string>`jsonb_array_elements_text(submitted_answers -> ${question.id}::text -> 'choices')`;
	const { rows } = await sql<{ option: string; votes: number }>`
		select option, count(*)::int as votes from (
			select ${choice} as option from survey_responses
			where survey_id = ${surveyId} and status = 'submitted'
		) chosen where option is not null group by option`.execute(db);
	const voters = Number(votersRow.n);
	const count = new Map(rows.map((r) => [r.option, Number(r.votes)]));
	const options = [
		...question.config.options.map((o) => ({ id: o.id, label: o.label })),
		...(question.config.allowOther ? [{ id: OTHER, label: otherLabel }] : [])
	].map((o) => {
		const votes = count.get(o.id) ?? 0;
		return { ...o, votes, share: voters ? votes / voters : 0 };
	});
	return { voters, multiple: question.type === 'multiple', options };
}

export type ResultsAccess = 'visible' | 'afterVote' | 'afterClose' | 'planners';

/** Who may see a poll's result now, as the planner chose it. */
export function resultsAccess(
	poll: SurveySummary,
	opts: { planner: boolean; voted: boolean }
): ResultsAccess {
	if (opts.planner) return 'visible';
	if (poll.resultsVisibility === 'planners') return 'planners';
	if (poll.resultsVisibility === 'after_close')
		return surveyState(poll) === 'closed' ? 'visible' : 'afterClose';
	return opts.voted || surveyState(poll) === 'closed' ? 'visible' : 'afterVote';
}
