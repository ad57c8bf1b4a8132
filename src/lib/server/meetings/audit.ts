import { recordAudit } from '../audit/audit.repository.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/index.ts';

// Shared by the meeting services: every change by the Sitzungsdienst lands in the audit log in the
// same transaction as the change itself.

export type MeetingDeps = Pick<AppContext, 'db' | 'config'>;

export type MeetingTarget =
	'body' | 'legislative_term' | 'person' | 'membership' | 'meeting' | 'agenda_item' | 'paper';

/** One union member per reason, so callers can narrow reason by reason. */
export type Failure<R extends string> = R extends string ? { ok: false; reason: R } : never;
export const failure = <R extends string>(reason: R) => ({ ok: false, reason }) as Failure<R>;

export async function auditMeeting(
	db: Db,
	actorId: string,
	target: MeetingTarget,
	action: string,
	targetId: string,
	details: Record<string, unknown> = {}
): Promise<void> {
	await recordAudit(db, {
		actorId,
		action: `${target}.${action}`,
		targetType: target,
		targetId,
		details
	});
}
