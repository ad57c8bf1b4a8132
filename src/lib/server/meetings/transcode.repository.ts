import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import type { RecordingState } from '../db/schema.ts';
import { findRecording, markRecordingReady, type Recording } from './recordings.repository.ts';

/**
 * What the media worker reads and writes while it owns a recording. A job owns a recording while
 * `recordings.job_id` names it and the state is queued or processing; every write here is fenced
 * on that, so a cancelled or superseded job can never overwrite a newer state.
 */

const ACTIVE: RecordingState[] = ['queued', 'processing'];

/**
 * Takes the recording for a job: the one queueTranscode named, or, in the moment between
 * pg-boss handing out the job and queueTranscode storing its id, a recording with no job yet.
 * Null when the recording is gone, finished, cancelled or belongs to another job.
 */
export async function claimRecordingJob(
	db: Db,
	id: string,
	jobId: string
): Promise<Recording | null> {
	const row = await db
		.updateTable('recordings')
		.set({ job_id: jobId, state: 'processing', progress: 0, error: null, updated_at: sql`now()` })
		.where('id', '=', id)
		.where('deleted_at', 'is', null)
		.where('state', 'in', ACTIVE)
		.where((eb) => eb.or([eb('job_id', '=', jobId), eb('job_id', 'is', null)]))
		.returning('id')
		.executeTakeFirst();
	return row ? findRecording(db, id) : null;
}

/** Whether the job still owns the recording (the clerk may have cancelled or re-uploaded). */
export async function recordingStillOwned(db: Db, id: string, jobId: string): Promise<boolean> {
	const row = await db
		.selectFrom('recordings')
		.select(['state', 'job_id'])
		.where('id', '=', id)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return !!row && row.job_id === jobId && ACTIVE.includes(row.state);
}

/** Ends the job's run as failed with the clerk's message, unless it lost the recording before. */
export async function failRecordingJob(
	db: Db,
	id: string,
	jobId: string,
	message: string
): Promise<void> {
	await db
		.updateTable('recordings')
		.set({ state: 'failed', error: message, eta_seconds: null, updated_at: sql`now()` })
		.where('id', '=', id)
		.where('job_id', '=', jobId)
		.where('state', 'in', ACTIVE)
		.execute();
}

/**
 * Marks the recording ready with its new archive, under a row lock so a cancel cannot slip in
 * between the check and the write. Returns the archive it replaces (null for the first one), or
 * false when the job no longer owns the recording and the new archive must be thrown away.
 */
export async function finishRecordingJob(
	db: Db,
	id: string,
	jobId: string,
	result: Parameters<typeof markRecordingReady>[2]
): Promise<string | null | false> {
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('recordings')
			.select(['state', 'job_id', 'output_prefix'])
			.where('id', '=', id)
			.where('deleted_at', 'is', null)
			.forUpdate()
			.executeTakeFirst();
		if (!row || row.job_id !== jobId || !ACTIVE.includes(row.state)) return false;
		await markRecordingReady(trx, id, result);
		// The new archive replaces a live one or one with cuts: its playlists are the files again
		// (the old folder, returned here, is deleted by the caller; cuts must be applied anew).
		await trx.deleteFrom('recording_slots').where('recording_id', '=', id).execute();
		await trx
			.updateTable('recordings')
			.set({ origin: 'upload', expired_at: null })
			.where('id', '=', id)
			.execute();
		await trx
			.updateTable('live_ranges')
			.set({ applied_at: null })
			.where('meeting_id', '=', (eb) =>
				eb.selectFrom('recordings').select('meeting_id').where('id', '=', id)
			)
			.execute();
		return row.output_prefix;
	});
}

export interface ChapterMark {
	agendaItemId: string;
	startMs: number;
}

/**
 * Chapter marks that get a thumbnail: public agenda items only. A non-public item never gets
 * any media, so its picture is not even made.
 */
export async function listPublicChapterMarks(db: Db, meetingId: string): Promise<ChapterMark[]> {
	const rows = await db
		.selectFrom('agenda_items')
		.select(['id', 'chapter_start_ms'])
		.where('meeting_id', '=', meetingId)
		.where('public', '=', true)
		.where('deleted_at', 'is', null)
		.where('chapter_start_ms', 'is not', null)
		.orderBy('chapter_start_ms')
		.execute();
	return rows.map((r) => ({ agendaItemId: r.id, startMs: Number(r.chapter_start_ms) }));
}

/**
 * Reserves a meeting's recording row before its source exists (state `uploading`), so only one
 * of several starting processes makes the demo recording. Null when the meeting has one already.
 */
export async function reserveRecording(
	db: Db,
	meetingId: string,
	startedAt: Date
): Promise<string | null> {
	const row = await db
		.insertInto('recordings')
		.values({ meeting_id: meetingId, state: 'uploading', started_at: startedAt })
		.onConflict((oc) => oc.column('meeting_id').doNothing())
		.returning('id')
		.executeTakeFirst();
	return row?.id ?? null;
}

/** Gives a reservation back when its source could not be made. */
export async function releaseRecording(db: Db, id: string): Promise<void> {
	await db.deleteFrom('recordings').where('id', '=', id).where('state', '=', 'uploading').execute();
}
