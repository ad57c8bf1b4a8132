import { recordAudit } from '../audit/audit.repository.ts';
import type { Db } from '../db/index.ts';
import { failure, type Failure, type MeetingDeps } from '../meetings/audit.ts';
import { lockMeeting } from '../meetings/meetings.repository.ts';
import { markStateUnknown } from './broadcast.service.ts';
import {
	ensureLiveStream,
	findLiveStream,
	findRange,
	touchConsole,
	updateLiveStream,
	updateRange
} from './live.repository.ts';
import { parseRangeTimes, type RangeTimeError } from './range-times.ts';

/**
 * Console actions beyond the broadcast itself (broadcast.service.ts): whether viewers see the
 * consent slate live, and corrections of a range's times afterwards. Same rules: the meeting
 * row locked, one transaction, an audit entry.
 */

const audit = (trx: Db, actorId: string, action: string, meetingId: string, details = {}) =>
	recordAudit(trx, {
		actorId,
		action: `meeting.live.${action}`,
		targetType: 'meeting',
		targetId: meetingId,
		details
	});

export function setConsentSlateLive(
	deps: MeetingDeps,
	actorId: string,
	meetingId: string,
	on: boolean
): Promise<{ ok: true } | Failure<'notFound' | 'ended'>> {
	return deps.db.transaction().execute(async (trx) => {
		if (!(await lockMeeting(trx, meetingId))) return failure('notFound');
		const stream = await ensureLiveStream(trx, meetingId);
		if (stream.endedAt) return failure('ended');
		await updateLiveStream(trx, meetingId, { consentSlateLive: on });
		await audit(trx, actorId, `consentSlate.${on ? 'on' : 'off'}`, meetingId);
		return { ok: true as const };
	});
}

export type CorrectRangeResult =
	| { ok: true; recordingId: string | null }
	| Failure<'notFound' | 'rangeNotFound' | 'notStarted' | 'unknownRange'>
	| { ok: false; reason: 'invalid'; errors: Partial<Record<'start' | 'end', RangeTimeError>> };

/**
 * New start and end of a range (HH:MM:SS on the meeting day). The range's `applied_at` is
 * cleared, so the caller queues the cuts job to redo the archive after the commit.
 * An `unknown` range is the system's record of a lost console: a clerk confirms it, never
 * edits it away.
 */
export function correctRange(
	deps: MeetingDeps,
	actorId: string,
	meetingId: string,
	rangeId: string,
	input: { start: string; end: string },
	now = new Date()
): Promise<CorrectRangeResult> {
	return deps.db.transaction().execute(async (trx): Promise<CorrectRangeResult> => {
		if (!(await lockMeeting(trx, meetingId))) return failure('notFound');
		const stream = await findLiveStream(trx, meetingId);
		const range = await findRange(trx, rangeId);
		if (!stream || !range || range.meetingId !== meetingId) return failure('rangeNotFound');
		if (range.kind === 'unknown') return failure('unknownRange');
		if (!stream.startedAt) return failure('notStarted');
		const times = parseRangeTimes(
			input,
			{ startedAt: stream.startedAt, endedAt: stream.endedAt },
			now
		);
		if (!times.ok) return { ok: false, reason: 'invalid', errors: times.errors };
		// Reopening a closed range would leave two open ones of a kind.
		if (times.endsAt === null && range.endsAt !== null) {
			return { ok: false, reason: 'invalid', errors: { end: 'endMissing' } };
		}
		await updateRange(trx, range.id, { startsAt: times.startsAt, endsAt: times.endsAt });
		await audit(trx, actorId, 'range.corrected', meetingId, {
			rangeId: range.id,
			kind: range.kind,
			from: { startsAt: range.startsAt.toISOString(), endsAt: range.endsAt?.toISOString() ?? null },
			to: { startsAt: times.startsAt.toISOString(), endsAt: times.endsAt?.toISOString() ?? null }
		});
		return { ok: true, recordingId: stream.recordingId };
	});
}

/**
 * The console's heartbeat (each poll and each page load). A console that comes back after
 * staying silent longer than LIVE_CONSOLE_TIMEOUT_SECONDS during a broadcast finds the state
 * unknown: nobody watched it, so it counts as non-public until a clerk confirms.
 */
export async function consoleHeartbeat(
	deps: MeetingDeps,
	meetingId: string,
	now = new Date()
): Promise<void> {
	const stream = await ensureLiveStream(deps.db, meetingId);
	const seen = stream.consoleSeenAt?.getTime();
	const running = stream.startedAt && !stream.endedAt;
	if (running && seen !== undefined && now.getTime() - seen > deps.config.live.consoleTimeoutMs) {
		await markStateUnknown(deps.db, meetingId, now, 'console silent');
	}
	await touchConsole(deps.db, meetingId, now);
}
