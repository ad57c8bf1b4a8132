import { sql } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Db } from '../db/index.ts';
import { listChapterItems, setChapterStart } from '../meetings/chapters.repository.ts';
import { failure, type Failure, type MeetingDeps } from '../meetings/audit.ts';
import { lockMeeting } from '../meetings/meetings.repository.ts';
import type { LiveRangeKind } from '../../live/types.ts';
import {
	closeOpenRange,
	ensureLiveStream,
	findLiveStream,
	findOpenRange,
	listRanges,
	openRange,
	rotateStreamKey,
	updateLiveStream,
	type LiveStream
} from './live.repository.ts';

/**
 * The clerk's console actions. Each runs in one transaction with the meeting row locked (two
 * clerks' clicks queue up) and lands in the audit log. The time of a click is taken when the
 * request arrives, before any waiting: that instant is what the publisher compares segments
 * with (decide.ts, CLICK_MARGIN_MS).
 *
 * Fail closed: a broadcast starts in the state the clerk confirms by starting it; when the state
 * becomes unknown (worker restart, console gone quiet) an `unknown` range opens and counts as
 * non-public until a clerk confirms again.
 */

type Ok = { ok: true };
const ok: Ok = { ok: true };

export type BroadcastFailure = Failure<
	| 'notFound'
	| 'notStarted'
	| 'alreadyStarted'
	| 'ended'
	| 'recordingExists'
	| 'itemNotFound'
	| 'noNextItem'
	| 'currentItemNonPublic'
	| 'notOpen'
>;

const tx = <T>(deps: MeetingDeps, run: (trx: Db) => Promise<T>) =>
	deps.db.transaction().execute(run);

async function audit(
	trx: Db,
	actorId: string | null,
	action: string,
	meetingId: string,
	details: Record<string, unknown> = {}
): Promise<void> {
	await recordAudit(trx, {
		actorId,
		action: `meeting.live.${action}`,
		targetType: 'meeting',
		targetId: meetingId,
		details
	});
}

/** Locks the meeting and returns its stream (created on first use); null: no such meeting. */
async function lockStream(trx: Db, meetingId: string): Promise<LiveStream | null> {
	if (!(await lockMeeting(trx, meetingId))) return null;
	return ensureLiveStream(trx, meetingId);
}

/** The console's state: stream (with key) and ranges; creates the stream on first visit. */
export async function openConsole(deps: MeetingDeps, meetingId: string) {
	const stream = await ensureLiveStream(deps.db, meetingId);
	const ranges = await listRanges(deps.db, meetingId);
	return { stream, ranges };
}

/** Output folder of a live recording under media storage. */
export const liveOutputPrefix = (recordingId: string) => `recordings/${recordingId}/live`;

export function startBroadcast(
	deps: MeetingDeps,
	actorId: string,
	meetingId: string,
	now = new Date()
): Promise<Ok | BroadcastFailure> {
	return tx(deps, async (trx) => {
		const stream = await lockStream(trx, meetingId);
		if (!stream) return failure('notFound');
		if (stream.endedAt) return failure('ended');
		if (stream.startedAt) return failure('alreadyStarted');
		const existing = await trx
			.selectFrom('recordings')
			.select('id')
			.where('meeting_id', '=', meetingId)
			.where('deleted_at', 'is', null)
			.executeTakeFirst();
		if (existing) return failure('recordingExists');
		// A deleted recording keeps its row (meeting_id is unique): the live one takes it over.
		const recording = await trx
			.insertInto('recordings')
			.values({
				meeting_id: meetingId,
				state: 'processing',
				origin: 'live',
				started_at: now,
				created_by: actorId
			})
			.onConflict((oc) =>
				oc.column('meeting_id').doUpdateSet({
					state: 'processing',
					origin: 'live',
					started_at: now,
					source_key: null,
					source_name: null,
					source_bytes: null,
					output_prefix: null,
					duration_ms: null,
					renditions: '[]',
					progress: 0,
					error: null,
					job_id: null,
					expired_at: null,
					deleted_at: null,
					updated_at: sql`now()`
				})
			)
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.updateTable('recordings')
			.set({ output_prefix: liveOutputPrefix(recording.id) })
			.where('id', '=', recording.id)
			.execute();
		await trx.deleteFrom('recording_slots').where('recording_id', '=', recording.id).execute();
		await updateLiveStream(trx, meetingId, { startedAt: now, recordingId: recording.id });
		// Starting is the clerk's confirmation of the state the console shows.
		await closeOpenRange(trx, meetingId, 'unknown', now);
		await trx
			.updateTable('meetings')
			.set({ state: 'live', updated_at: sql`now()` })
			.where('id', '=', meetingId)
			.execute();
		await audit(trx, actorId, 'started', meetingId, { recordingId: recording.id });
		return ok;
	});
}

/**
 * Ends the broadcast: open ranges close, the meeting is held. The worker's publisher appends
 * the last segments begun before `now` and then turns the recording into the archive.
 */
export function endBroadcast(
	deps: MeetingDeps,
	actorId: string | null,
	meetingId: string,
	now = new Date(),
	reason: string | null = null
): Promise<Ok | BroadcastFailure> {
	return tx(deps, async (trx) => {
		const stream = await lockStream(trx, meetingId);
		if (!stream) return failure('notFound');
		if (!stream.startedAt) return failure('notStarted');
		if (stream.endedAt) return failure('ended');
		for (const kind of ['nonpublic', 'consent', 'unknown'] as const) {
			await closeOpenRange(trx, meetingId, kind, now);
		}
		await updateLiveStream(trx, meetingId, { endedAt: now, endReason: reason });
		await trx
			.updateTable('meetings')
			.set({ state: 'held', updated_at: sql`now()` })
			.where('id', '=', meetingId)
			.execute();
		await audit(trx, actorId, 'ended', meetingId, reason ? { reason } : {});
		return ok;
	});
}

/**
 * Makes an agenda item the current one ('next': the one after the current, or the first): its
 * chapter mark is set to now (unless it already has one; marks are corrected in the chapter
 * editor), and entering a non-public item opens a non-public range, leaving one closes it.
 */
export function goToItem(
	deps: MeetingDeps,
	actorId: string,
	meetingId: string,
	target: string | 'next',
	now = new Date()
): Promise<{ ok: true; itemId: string } | BroadcastFailure> {
	return tx(deps, async (trx) => {
		const stream = await lockStream(trx, meetingId);
		if (!stream) return failure('notFound');
		if (!stream.startedAt) return failure('notStarted');
		if (stream.endedAt) return failure('ended');
		const items = await listChapterItems(trx, meetingId);
		const at = items.findIndex((i) => i.id === stream.currentItemId);
		const item = target === 'next' ? items[at + 1] : items.find((i) => i.id === target);
		if (!item) return failure(target === 'next' ? 'noNextItem' : 'itemNotFound');
		const offsetMs = Math.max(0, now.getTime() - stream.startedAt.getTime());
		if (item.chapterStartMs === null) await setChapterStart(trx, item.id, offsetMs);
		if (!item.public) {
			await openRange(trx, {
				meetingId,
				kind: 'nonpublic',
				startsAt: now,
				source: 'item',
				userId: actorId
			});
		} else {
			const open = await findOpenRange(trx, meetingId, 'nonpublic');
			if (open?.source === 'item') await closeOpenRange(trx, meetingId, 'nonpublic', now);
		}
		await updateLiveStream(trx, meetingId, { currentItemId: item.id });
		await audit(trx, actorId, 'item', meetingId, {
			itemId: item.id,
			number: item.number,
			offsetMs,
			public: item.public
		});
		return { ok: true as const, itemId: item.id };
	});
}

/** "Nichtöffentlicher Teil beginnt/endet" and "Redner ohne Einwilligung: Start/Stopp". */
export function toggleRange(
	deps: MeetingDeps,
	actorId: string,
	meetingId: string,
	kind: Exclude<LiveRangeKind, 'unknown'>,
	on: boolean,
	opts: { personId?: string | null; now?: Date } = {}
): Promise<Ok | BroadcastFailure> {
	const now = opts.now ?? new Date();
	return tx(deps, async (trx) => {
		const stream = await lockStream(trx, meetingId);
		if (!stream) return failure('notFound');
		if (stream.endedAt) return failure('ended');
		if (on) {
			await openRange(trx, {
				meetingId,
				kind,
				startsAt: now,
				source: 'live',
				personId: opts.personId ?? null,
				userId: actorId
			});
		} else {
			if (kind === 'nonpublic' && stream.currentItemId) {
				const items = await listChapterItems(trx, meetingId);
				if (items.find((i) => i.id === stream.currentItemId)?.public === false) {
					return failure('currentItemNonPublic');
				}
			}
			if (!(await closeOpenRange(trx, meetingId, kind, now))) return failure('notOpen');
		}
		await audit(trx, actorId, `${kind}.${on ? 'begin' : 'end'}`, meetingId, {
			at: now.toISOString(),
			...(opts.personId ? { personId: opts.personId } : {})
		});
		return ok;
	});
}

/** The clerk confirms the state shown on the console: an open `unknown` range closes. */
export function confirmState(
	deps: MeetingDeps,
	actorId: string,
	meetingId: string,
	now = new Date()
): Promise<Ok | BroadcastFailure> {
	return tx(deps, async (trx) => {
		const stream = await lockStream(trx, meetingId);
		if (!stream) return failure('notFound');
		if (!(await closeOpenRange(trx, meetingId, 'unknown', now))) return failure('notOpen');
		await audit(trx, actorId, 'confirmed', meetingId, { at: now.toISOString() });
		return ok;
	});
}

/**
 * The state became unknown (worker restarted during a broadcast, console silent): non-public
 * from `at` until a clerk confirms. Called by the worker; no-op when one is already open.
 */
export async function markStateUnknown(
	db: Db,
	meetingId: string,
	at: Date,
	reason: string
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const stream = await lockStream(trx, meetingId);
		if (!stream?.startedAt || stream.endedAt) return;
		if (await findOpenRange(trx, meetingId, 'unknown')) return;
		await openRange(trx, {
			meetingId,
			kind: 'unknown',
			startsAt: at,
			source: 'system',
			note: reason
		});
		await audit(trx, null, 'unknown', meetingId, { at: at.toISOString(), reason });
	});
}

/** A new stream key; the old one is refused from now on. */
export function newStreamKey(
	deps: MeetingDeps,
	actorId: string,
	meetingId: string
): Promise<Ok | BroadcastFailure> {
	return tx(deps, async (trx) => {
		const stream = await lockStream(trx, meetingId);
		if (!stream) return failure('notFound');
		await rotateStreamKey(trx, meetingId);
		await audit(trx, actorId, 'key', meetingId);
		return ok;
	});
}

export async function findStream(deps: MeetingDeps, meetingId: string) {
	return findLiveStream(deps.db, meetingId);
}
