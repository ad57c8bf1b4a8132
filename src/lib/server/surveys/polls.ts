import type { AnswerError } from '../../surveys/answer-messages.ts';
import type { Question } from '../../surveys/types.ts';
import type { AppContext } from '../context.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { parseAnswers, type AnswerInput } from './answers.ts';
import {
	resolveParticipant,
	surveyState,
	type Credential,
	type ParticipationFailure
} from './participation.ts';
import { findResponse, saveResponse } from './responses.repository.ts';
import type { Survey } from './surveys.repository.ts';

export function pollQuestion(poll: Survey): Question | undefined {
	return poll.questions[0];
}

export type VoteOutcome =
	| { ok: true; choice: string[] }
	| {
			ok: false;
			reason: ParticipationFailure | 'closed' | 'conflict' | 'invalid';
			errors?: Record<string, AnswerError>;
	  };

/** One vote: a single-question response, submitted at once. Accounts may change their vote. */
export async function castVote(
	ctx: AppContext,
	poll: Survey,
	opts: {
		user: SessionUser | null;
		credential: Credential;
		clientAddress: string;
		input: AnswerInput;
	}
): Promise<VoteOutcome> {
	const question = pollQuestion(poll);
	if (!question || surveyState(poll) !== 'open') return { ok: false, reason: 'closed' };
	const parsed = parseAnswers([question], opts.input, {});
	const answer = parsed.answers[question.id];
	if (Object.keys(parsed.errors).length || !answer) {
		return {
			ok: false,
			reason: 'invalid',
			errors: Object.keys(parsed.errors).length
				? parsed.errors
				: { [question.id]: { code: 'required' } }
		};
	}
	const resolved = await resolveParticipant(ctx, poll, { ...opts, start: true });
	if (!resolved.ok) return resolved;
	const p = resolved.participant;
	const saved = await saveResponse(ctx.db, {
		surveyId: poll.id,
		participantKey: p.key,
		userId: p.userId,
		surveyVersion: poll.version,
		resumeHash: p.resumeHash,
		answers: parsed.answers,
		currentPage: 0,
		submit: true
	});
	if (!saved) return { ok: false, reason: 'conflict' };
	return {
		ok: true,
		choice:
			'choice' in answer ? [answer.choice as string] : (answer as { choices: string[] }).choices
	};
}

export async function accountVote(
	ctx: AppContext,
	poll: Survey,
	user: SessionUser | null
): Promise<string[] | null> {
	if (!user || poll.mode !== 'account') return null;
	const question = pollQuestion(poll);
	const stored = await findResponse(ctx.db, poll.id, `u:${user.id}`);
	const answer = question && stored?.submittedAnswers?.[question.id];
	if (!answer) return null;
	return 'choice' in answer ? [answer.choice] : 'choices' in answer ? answer.choices : null;
}
