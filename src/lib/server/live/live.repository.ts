import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import {
	EMPTY_HEALTH,
	type IngestHealth,
	type LiveRangeKind,
	type LiveRangeSource,
	type SlotKind
} from '../../live/types.ts';

/**
 * Live streaming state in the database: a meeting's stream (key, broadcast start/end, current
 * agenda item, console heartbeat, encoder health), its ranges (non-public, consent, unknown),
 * the encoder sessions, and the recording's slots. The worker's publisher and the clerk's
 * console meet only here.
 */

export interface LiveStream {
	meetingId: string;
	streamKey: string;
	keyCreatedAt: Date;
	startedAt: Date | null;
	endedAt: Date | null;
	endReason: string | null;
	currentItemId: string | null;
	recordingId: string | null;
	consoleSeenAt: Date | null;
	ingest: IngestHealth;
	ingestUpdatedAt: Date | null;
	consentSlateLive: boolean;
	updatedAt: Date;
}

export interface LiveRange {
	id: string;
	meetingId: string;
	kind: LiveRangeKind;
	startsAt: Date;
	endsAt: Date | null;
	personId: string | null;
	source: LiveRangeSource;
	note: string | null;
	appliedAt: Date | null;
	createdAt: Date;
}

export interface RecordingSlot {
	seq: number;
	startMs: number;
	durationMs: number;
	kind: SlotKind;
	/** Folder under the recording's output prefix; rendition R's file is `<dir>/<R>/<file>`. */
	dir: string;
	file: string;
}

export interface LiveSession {
	id: string;
	meetingId: string;
	recordingId: string | null;
	dir: string;
	mediaStartedAt: Date | null;
	endedAt: Date | null;
	endReason: string | null;
	renditions: string[];
}

/** 160 random bits in base32 (lower case, no padding): easy to paste, never guessed. */
export function newStreamKey(): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
	const bytes = randomBytes(32);
	let out = '';
	for (let i = 0; i < 32; i++) out += alphabet[bytes[i]! & 31];
	return out;
}

function streams(db: Db) {
	return db.selectFrom('live_streams').selectAll();
}
type StreamRow = Awaited<ReturnType<ReturnType<typeof streams>['executeTakeFirstOrThrow']>>;

const toStream = (r: StreamRow): LiveStream => ({
	meetingId: r.meeting_id,
	streamKey: r.stream_key,
	keyCreatedAt: r.key_created_at,
	startedAt: r.started_at,
	endedAt: r.ended_at,
	endReason: r.end_reason,
	currentItemId: r.current_item_id,
	recordingId: r.recording_id,
	consoleSeenAt: r.console_seen_at,
	ingest: { ...EMPTY_HEALTH, ...r.ingest },
	ingestUpdatedAt: r.ingest_updated_at,
	consentSlateLive: r.consent_slate_live,
	updatedAt: r.updated_at
});

export async function findLiveStream(db: Db, meetingId: string): Promise<LiveStream | null> {
	const row = await streams(db).where('meeting_id', '=', meetingId).executeTakeFirst();
	return row ? toStream(row) : null;
}

/** The stream an encoder's key belongs to (the ingest's authorisation). */
export async function findLiveStreamByKey(db: Db, key: string): Promise<LiveStream | null> {
	if (!/^[a-z2-7]{32}$/.test(key)) return null;
	const row = await streams(db).where('stream_key', '=', key).executeTakeFirst();
	return row ? toStream(row) : null;
}

/** The meeting's stream, created with a fresh key on first use. */
export async function ensureLiveStream(db: Db, meetingId: string): Promise<LiveStream> {
	await db
		.insertInto('live_streams')
		.values({ meeting_id: meetingId, stream_key: newStreamKey() })
		.onConflict((oc) => oc.column('meeting_id').doNothing())
		.execute();
	const stream = await findLiveStream(db, meetingId);
	if (!stream) throw new Error(`Livestream fehlt nach dem Anlegen: ${meetingId}`);
	return stream;
}

/** A new key; the old one stops working at once (a running encoder keeps its connection). */
export async function rotateStreamKey(db: Db, meetingId: string): Promise<string> {
	const key = newStreamKey();
	await db
		.updateTable('live_streams')
		.set({ stream_key: key, key_created_at: sql`now()`, updated_at: sql`now()` })
		.where('meeting_id', '=', meetingId)
		.execute();
	return key;
}

/** Streams whose broadcast has begun and not ended (the worker resumes or guards these). */
export async function listRunningStreams(db: Db): Promise<LiveStream[]> {
	const rows = await streams(db)
		.where('started_at', 'is not', null)
		.where('ended_at', 'is', null)
		.execute();
	return rows.map(toStream);
}

export async function updateLiveStream(
	db: Db,
	meetingId: string,
	set: Partial<{
		startedAt: Date | null;
		endedAt: Date | null;
		endReason: string | null;
		currentItemId: string | null;
		recordingId: string | null;
		consentSlateLive: boolean;
	}>
): Promise<void> {
	const values: Record<string, unknown> = { updated_at: sql`now()` };
	if ('startedAt' in set) values.started_at = set.startedAt;
	if ('endedAt' in set) values.ended_at = set.endedAt;
	if ('endReason' in set) values.end_reason = set.endReason;
	if ('currentItemId' in set) values.current_item_id = set.currentItemId;
	if ('recordingId' in set) values.recording_id = set.recordingId;
	if ('consentSlateLive' in set) values.consent_slate_live = set.consentSlateLive;
	await db.updateTable('live_streams').set(values).where('meeting_id', '=', meetingId).execute();
}

/** The console's heartbeat: a console that stops asking makes the state unknown (fail closed). */
export async function touchConsole(db: Db, meetingId: string, at = new Date()): Promise<void> {
	await db
		.updateTable('live_streams')
		.set({ console_seen_at: at })
		.where('meeting_id', '=', meetingId)
		.execute();
}

export async function setIngestHealth(
	db: Db,
	meetingId: string,
	health: Partial<IngestHealth>
): Promise<void> {
	await db
		.updateTable('live_streams')
		.set({
			ingest: sql`ingest || ${JSON.stringify(health)}::jsonb`,
			ingest_updated_at: sql`now()`
		})
		.where('meeting_id', '=', meetingId)
		.execute();
}

// ---------------------------------------------------------------------------------------------
// Ranges

function ranges(db: Db) {
	return db.selectFrom('live_ranges').selectAll().where('deleted_at', 'is', null);
}
type RangeRow = Awaited<ReturnType<ReturnType<typeof ranges>['executeTakeFirstOrThrow']>>;

const toRange = (r: RangeRow): LiveRange => ({
	id: r.id,
	meetingId: r.meeting_id,
	kind: r.kind,
	startsAt: r.starts_at,
	endsAt: r.ends_at,
	personId: r.person_id,
	source: r.source,
	note: r.note,
	appliedAt: r.applied_at,
	createdAt: r.created_at
});

/** Every range of the meeting in time order (deleted ones left out). */
export async function listRanges(db: Db, meetingId: string): Promise<LiveRange[]> {
	const rows = await ranges(db)
		.where('meeting_id', '=', meetingId)
		.orderBy('starts_at', 'asc')
		.orderBy('created_at', 'asc')
		.execute();
	return rows.map(toRange);
}

export async function findRange(db: Db, id: string): Promise<LiveRange | null> {
	const row = await ranges(db).where('id', '=', id).executeTakeFirst();
	return row ? toRange(row) : null;
}

export async function findOpenRange(
	db: Db,
	meetingId: string,
	kind: LiveRangeKind
): Promise<LiveRange | null> {
	const row = await ranges(db)
		.where('meeting_id', '=', meetingId)
		.where('kind', '=', kind)
		.where('ends_at', 'is', null)
		.executeTakeFirst();
	return row ? toRange(row) : null;
}

/** Opens a range unless one of the kind is already open (then that one is returned). */
export async function openRange(
	db: Db,
	input: {
		meetingId: string;
		kind: LiveRangeKind;
		startsAt: Date;
		source: LiveRangeSource;
		personId?: string | null;
		note?: string | null;
		userId?: string | null;
	}
): Promise<LiveRange> {
	const open = await findOpenRange(db, input.meetingId, input.kind);
	if (open) return open;
	const row = await db
		.insertInto('live_ranges')
		.values({
			meeting_id: input.meetingId,
			kind: input.kind,
			starts_at: input.startsAt,
			source: input.source,
			person_id: input.personId ?? null,
			note: input.note ?? null,
			created_by: input.userId ?? null
		})
		.returningAll()
		.executeTakeFirstOrThrow();
	return toRange(row);
}

/** Closes the open range of a kind at `at`; returns it, or null when none was open. */
export async function closeOpenRange(
	db: Db,
	meetingId: string,
	kind: LiveRangeKind,
	at: Date
): Promise<LiveRange | null> {
	const row = await db
		.updateTable('live_ranges')
		.set({ ends_at: sql`greatest(starts_at, ${at}::timestamptz)`, updated_at: sql`now()` })
		.where('meeting_id', '=', meetingId)
		.where('kind', '=', kind)
		.where('ends_at', 'is', null)
		.where('deleted_at', 'is', null)
		.returningAll()
		.executeTakeFirst();
	return row ? toRange(row) : null;
}

/** A correction afterwards (times, note); `applied_at` is cleared so the archive is redone. */
export async function updateRange(
	db: Db,
	id: string,
	set: { startsAt: Date; endsAt: Date | null; note?: string | null }
): Promise<void> {
	await db
		.updateTable('live_ranges')
		.set({
			starts_at: set.startsAt,
			ends_at: set.endsAt,
			...(set.note === undefined ? {} : { note: set.note }),
			applied_at: null,
			updated_at: sql`now()`
		})
		.where('id', '=', id)
		.execute();
}

export async function markRangeApplied(db: Db, id: string, at = new Date()): Promise<void> {
	await db.updateTable('live_ranges').set({ applied_at: at }).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------
// Sessions

function sessions(db: Db) {
	return db.selectFrom('live_sessions').selectAll();
}
type SessionRow = Awaited<ReturnType<ReturnType<typeof sessions>['executeTakeFirstOrThrow']>>;

const toSession = (r: SessionRow): LiveSession => ({
	id: r.id,
	meetingId: r.meeting_id,
	recordingId: r.recording_id,
	dir: r.dir,
	mediaStartedAt: r.media_started_at,
	endedAt: r.ended_at,
	endReason: r.end_reason,
	renditions: r.renditions
});

export async function createLiveSession(
	db: Db,
	input: { meetingId: string; recordingId: string | null; dir: string; renditions: string[] }
): Promise<LiveSession> {
	const row = await db
		.insertInto('live_sessions')
		.values({
			meeting_id: input.meetingId,
			recording_id: input.recordingId,
			dir: input.dir,
			renditions: JSON.stringify(input.renditions)
		})
		.returningAll()
		.executeTakeFirstOrThrow();
	return toSession(row);
}

export async function updateLiveSession(
	db: Db,
	id: string,
	set: Partial<{
		recordingId: string | null;
		mediaStartedAt: Date;
		endedAt: Date;
		endReason: string;
		renditions: string[];
	}>
): Promise<void> {
	const values: Record<string, unknown> = {};
	if ('recordingId' in set) values.recording_id = set.recordingId;
	if (set.mediaStartedAt) values.media_started_at = set.mediaStartedAt;
	if (set.endedAt) values.ended_at = set.endedAt;
	if (set.endReason) values.end_reason = set.endReason;
	if (set.renditions) values.renditions = JSON.stringify(set.renditions);
	if (Object.keys(values).length === 0) return;
	await db.updateTable('live_sessions').set(values).where('id', '=', id).execute();
}

export async function listLiveSessions(db: Db, meetingId: string): Promise<LiveSession[]> {
	const rows = await sessions(db)
		.where('meeting_id', '=', meetingId)
		.orderBy('created_at', 'asc')
		.execute();
	return rows.map(toSession);
}

// ---------------------------------------------------------------------------------------------
// Slots

function toSlot(r: {
	seq: number;
	start_ms: string | number;
	duration_ms: number;
	kind: SlotKind;
	dir: string;
	file: string;
}): RecordingSlot {
	return {
		seq: r.seq,
		startMs: Number(r.start_ms),
		durationMs: r.duration_ms,
		kind: r.kind,
		dir: r.dir,
		file: r.file
	};
}

export async function listSlots(db: Db, recordingId: string): Promise<RecordingSlot[]> {
	const rows = await db
		.selectFrom('recording_slots')
		.select(['seq', 'start_ms', 'duration_ms', 'kind', 'dir', 'file'])
		.where('recording_id', '=', recordingId)
		.orderBy('seq', 'asc')
		.execute();
	return rows.map(toSlot);
}

export async function lastSlot(db: Db, recordingId: string): Promise<RecordingSlot | null> {
	const row = await db
		.selectFrom('recording_slots')
		.select(['seq', 'start_ms', 'duration_ms', 'kind', 'dir', 'file'])
		.where('recording_id', '=', recordingId)
		.orderBy('seq', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row ? toSlot(row) : null;
}

export async function countSlots(db: Db, recordingId: string): Promise<number> {
	const row = await db
		.selectFrom('recording_slots')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('recording_id', '=', recordingId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/**
 * Appends slots at the end of the recording. They must continue the time axis without a hole
 * or an overlap (each starts where the previous ended) and continue the sequence; anything else
 * is a bug in the caller and throws before anything is written.
 */
export async function appendSlots(
	db: Db,
	recordingId: string,
	slots: Omit<RecordingSlot, 'seq'>[]
): Promise<RecordingSlot[]> {
	if (slots.length === 0) return [];
	const last = await lastSlot(db, recordingId);
	let seq = last ? last.seq + 1 : 0;
	let end = last ? last.startMs + last.durationMs : 0;
	const rows: RecordingSlot[] = [];
	for (const s of slots) {
		if (s.startMs !== end) {
			throw new Error(`Slot ${seq} beginnt bei ${s.startMs} ms, erwartet ${end} ms`);
		}
		if (!(s.durationMs > 0)) throw new Error(`Slot ${seq} ohne Dauer`);
		rows.push({ ...s, seq });
		seq += 1;
		end = s.startMs + s.durationMs;
	}
	await db
		.insertInto('recording_slots')
		.values(
			rows.map((r) => ({
				recording_id: recordingId,
				seq: r.seq,
				start_ms: r.startMs,
				duration_ms: r.durationMs,
				kind: r.kind,
				dir: r.dir,
				file: r.file
			}))
		)
		.execute();
	return rows;
}

/** Points existing slots at replacement files (a cut, or a slate for a later non-public mark). */
export async function replaceSlots(
	db: Db,
	recordingId: string,
	replacements: { seq: number; kind: SlotKind; dir: string; file: string }[]
): Promise<void> {
	for (const r of replacements) {
		await db
			.updateTable('recording_slots')
			.set({ kind: r.kind, dir: r.dir, file: r.file })
			.where('recording_id', '=', recordingId)
			.where('seq', '=', r.seq)
			.execute();
	}
}

// ---------------------------------------------------------------------------------------------
// Viewers

/** A player page's heartbeat; tokens are random per page view and forgotten after two minutes. */
export async function touchViewer(db: Db, meetingId: string, token: string): Promise<void> {
	await db
		.insertInto('live_viewers')
		.values({ meeting_id: meetingId, token })
		.onConflict((oc) => oc.columns(['meeting_id', 'token']).doUpdateSet({ seen_at: sql`now()` }))
		.execute();
}

/** Player pages seen within `windowMs`; older tokens are deleted on the way. */
export async function countViewers(db: Db, meetingId: string, windowMs = 45_000): Promise<number> {
	await db
		.deleteFrom('live_viewers')
		.where('seen_at', '<', sql<Date>`now() - interval '2 minutes'`)
		.execute();
	const row = await db
		.selectFrom('live_viewers')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('meeting_id', '=', meetingId)
		.where('seen_at', '>=', new Date(Date.now() - windowMs))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
