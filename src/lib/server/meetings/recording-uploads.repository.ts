import { sql } from 'kysely';
import type { Db } from '../db/index.ts';

/** A resumable upload of a meeting's recording; bytes beyond `receivedBytes` are not counted. */
export interface RecordingUpload {
	id: string;
	meetingId: string;
	userId: string | null;
	originalName: string;
	totalBytes: number;
	receivedBytes: number;
	/** The recording start the clerk gave; null: the meeting's start. */
	startedAt: Date | null;
	createdAt: Date;
	updatedAt: Date;
	completedAt: Date | null;
}

/** What the clerk's recording page shows about the meeting itself. */
export interface MeetingHeader {
	id: string;
	name: string;
	bodyName: string;
	startsAt: Date;
	endsAt: Date | null;
	location: string | null;
}

function uploads(db: Db) {
	return db.selectFrom('recording_uploads').selectAll();
}

type Row = Awaited<ReturnType<ReturnType<typeof uploads>['executeTakeFirstOrThrow']>>;

// bigint comes back as a string from pg and as a number from PGlite.
const toUpload = (r: Row): RecordingUpload => ({
	id: r.id,
	meetingId: r.meeting_id,
	userId: r.user_id,
	originalName: r.original_name,
	totalBytes: Number(r.total_bytes),
	receivedBytes: Number(r.received_bytes),
	startedAt: r.started_at,
	createdAt: r.created_at,
	updatedAt: r.updated_at,
	completedAt: r.completed_at
});

/** A meeting that is not deleted, with its body's name; null for unknown or deleted ones. */
export async function findMeetingHeader(db: Db, meetingId: string): Promise<MeetingHeader | null> {
	const row = await db
		.selectFrom('meetings')
		.innerJoin('bodies', 'bodies.id', 'meetings.body_id')
		.select([
			'meetings.id',
			'meetings.name',
			'bodies.name as body_name',
			'meetings.starts_at',
			'meetings.ends_at',
			'meetings.location'
		])
		.where('meetings.id', '=', meetingId)
		.where('meetings.deleted_at', 'is', null)
		.executeTakeFirst();
	if (!row) return null;
	return {
		id: row.id,
		name: row.name,
		bodyName: row.body_name,
		startsAt: row.starts_at,
		endsAt: row.ends_at,
		location: row.location
	};
}

export async function insertUpload(
	db: Db,
	input: {
		meetingId: string;
		userId: string;
		originalName: string;
		totalBytes: number;
		startedAt: Date | null;
	}
): Promise<RecordingUpload> {
	const row = await db
		.insertInto('recording_uploads')
		.values({
			meeting_id: input.meetingId,
			user_id: input.userId,
			original_name: input.originalName,
			total_bytes: input.totalBytes,
			started_at: input.startedAt
		})
		.returningAll()
		.executeTakeFirstOrThrow();
	return toUpload(row);
}

export async function findUpload(db: Db, id: string): Promise<RecordingUpload | null> {
	const row = await uploads(db).where('id', '=', id).executeTakeFirst();
	return row ? toUpload(row) : null;
}

export async function setUploadStartedAt(
	db: Db,
	id: string,
	startedAt: Date | null
): Promise<void> {
	await db
		.updateTable('recording_uploads')
		.set({ started_at: startedAt, updated_at: sql`now()` })
		.where('id', '=', id)
		.execute();
}

/** Unfinished uploads of a meeting, newest first: the page offers to resume them. */
export async function listOpenUploads(db: Db, meetingId: string): Promise<RecordingUpload[]> {
	const rows = await uploads(db)
		.where('meeting_id', '=', meetingId)
		.where('completed_at', 'is', null)
		.orderBy('updated_at', 'desc')
		.execute();
	return rows.map(toUpload);
}

/**
 * Moves the offset from `from` to `to`, only if nobody else moved it first (another request for
 * the same upload, possibly in another process). Returns whether this caller won.
 */
export async function advanceUpload(
	db: Db,
	id: string,
	from: number,
	to: number
): Promise<boolean> {
	const result = await db
		.updateTable('recording_uploads')
		.set({ received_bytes: to, updated_at: sql`now()` })
		.where('id', '=', id)
		.where('received_bytes', '=', from)
		.where('completed_at', 'is', null)
		.where('total_bytes', '>=', to)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/**
 * Claims a fully received upload for publishing; false if another request holds the claim. A
 * claim older than `staleAfterMs` belonged to a process that died while publishing: taken over.
 */
export async function claimUpload(db: Db, id: string, staleAfterMs: number): Promise<boolean> {
	const stale = new Date(Date.now() - staleAfterMs);
	const result = await db
		.updateTable('recording_uploads')
		.set({ completed_at: sql`now()`, updated_at: sql`now()` })
		.where('id', '=', id)
		.where((eb) => eb.or([eb('completed_at', 'is', null), eb('completed_at', '<', stale)]))
		.whereRef('received_bytes', '=', 'total_bytes')
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** Gives a claim back after a failure that a later attempt may overcome (no ffprobe yet). */
export async function releaseUpload(db: Db, id: string): Promise<void> {
	await db
		.updateTable('recording_uploads')
		.set({ completed_at: null, updated_at: sql`now()` })
		.where('id', '=', id)
		.execute();
}

export async function deleteUpload(db: Db, id: string): Promise<void> {
	await db.deleteFrom('recording_uploads').where('id', '=', id).execute();
}

/** Uploads nobody touched since `before` (the page resumes them by name and size until then). */
export async function deleteStaleUploads(db: Db, before: Date): Promise<string[]> {
	const rows = await db
		.deleteFrom('recording_uploads')
		.where('updated_at', '<', before)
		.returning('id')
		.execute();
	return rows.map((r) => r.id);
}

/** The clerk's recording start time, for EXT-X-PROGRAM-DATE-TIME and OParl chapter times. */
export async function setRecordingStartedAt(db: Db, id: string, startedAt: Date): Promise<void> {
	await db
		.updateTable('recordings')
		.set({ started_at: startedAt, updated_at: sql`now()` })
		.where('id', '=', id)
		.execute();
}

export async function setRecordingCaptions(db: Db, id: string, key: string | null): Promise<void> {
	await db
		.updateTable('recordings')
		.set({ captions_key: key, updated_at: sql`now()` })
		.where('id', '=', id)
		.execute();
}
