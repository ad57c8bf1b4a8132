import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import type { DB } from '../db/index.ts';
import { lockSurvey, touchSurvey } from './builder.repository.ts';
import { countResponses, findSurvey, type Survey } from './surveys.repository.ts';

// What every builder change shares: one transaction holding the survey's row lock, the rule lock
// once anyone has answered (a draft response counts), and refusals that roll back whatever was
// written before them.

export type BuilderFailure =
	| 'notFound'
	| 'archived'
	| 'locked'
	| 'pollShape'
	| 'pageNotEmpty'
	| 'lastPage'
	| 'conditionOrder'
	| 'referenced'
	| 'invalid'
	| 'versionExists'
	| 'notDraft'
	| 'noQuestions'
	| 'emptyPage'
	| 'pollQuestionType'
	| 'alreadyClosed'
	| 'notOpen'
	| 'notCodeMode';

export type Refusal = {
	ok: false;
	reason: BuilderFailure;
	/** Field messages (reason 'invalid'). */
	errors?: Record<string, string>;
	/** Question titles or page numbers the message names. */
	names?: string[];
	/** The existing newer version (reason 'versionExists'). */
	id?: string;
};
export type Outcome<T extends object = object> = ({ ok: true } & T) | Refusal;

export const refuse = (
	reason: BuilderFailure,
	extra: Omit<Refusal, 'ok' | 'reason'> = {}
): Refusal => ({ ok: false, reason, ...extra });

class Refused extends Error {
	readonly outcome: Refusal;
	constructor(outcome: Refusal) {
		super(outcome.reason);
		this.outcome = outcome;
	}
}

export interface EditScope {
	trx: Transaction<DB>;
	survey: Survey;
	/** Someone has answered: only texts and the closing time may change. */
	locked: boolean;
}

/**
 * Runs `fn` on the locked survey. `structural` changes are refused once responses exist; an
 * archived survey takes no changes at all. A refusal rolls the transaction back.
 */
export async function editSurvey<T extends object>(
	db: Kysely<DB>,
	surveyId: string,
	opts: { structural: boolean; allowArchived?: boolean },
	fn: (scope: EditScope) => Promise<Outcome<T>>
): Promise<Outcome<T>> {
	try {
		return await db.transaction().execute(async (trx) => {
			const survey = (await lockSurvey(trx, surveyId)) && (await findSurvey(trx, surveyId));
			if (!survey) throw new Refused(refuse('notFound'));
			if (survey.status === 'archived' && !opts.allowArchived)
				throw new Refused(refuse('archived'));
			const locked = (await countResponses(trx, surveyId)).total > 0;
			if (opts.structural && locked) throw new Refused(refuse('locked'));
			const outcome = await fn({ trx, survey, locked });
			if (!outcome.ok) throw new Refused(outcome);
			await touchSurvey(trx, surveyId);
			return outcome;
		});
	} catch (err) {
		if (err instanceof Refused) return err.outcome;
		throw err;
	}
}

export async function audit(
	db: Transaction<DB>,
	actorId: string,
	action: string,
	surveyId: string,
	details: Record<string, unknown> = {}
): Promise<void> {
	await recordAudit(db, {
		actorId,
		action: `survey.${action}`,
		targetType: 'survey',
		targetId: surveyId,
		details
	});
}
