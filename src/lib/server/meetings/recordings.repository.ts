import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import type { RecordingState, RenditionInfo } from '../db/schema.ts';

/** A meeting's recording as the archive, the worker and the clerk's pages see it. */
export interface Recording {
	id: string;
	meetingId: string;
	state: RecordingState;
	sourceKey: string | null;
	sourceName: string | null;
	sourceBytes: number | null;
	/** Folder of the published HLS archive in media storage, null until one is ready. */
	outputPrefix: string | null;
	startedAt: Date;
	durationMs: number | null;
	width: number | null;
	height: number | null;
	renditions: RenditionInfo[];
	progress: number;
	etaSeconds: number | null;
	jobId: string | null;
	error: string | null;
	captionsKey: string | null;
	updatedAt: Date;
	publishedAt: Date | null;
	/** upload: transcoded from a file; live: published slot by slot from the encoder. */
	origin: 'upload' | 'live';
	/** Retention ended: the files are gone (the page says so, OParl answers 410). */
	expiredAt: Date | null;
}

function recordings(db: Db) {
	return db.selectFrom('recordings').selectAll().where('deleted_at', 'is', null);
}

type Row = Awaited<ReturnType<ReturnType<typeof recordings>['executeTakeFirstOrThrow']>>;

const toRecording = (r: Row): Recording => ({
	id: r.id,
	meetingId: r.meeting_id,
	state: r.state,
	sourceKey: r.source_key,
	sourceName: r.source_name,
	sourceBytes: r.source_bytes === null ? null : Number(r.source_bytes),
	outputPrefix: r.output_prefix,
	startedAt: r.started_at,
	durationMs: r.duration_ms,
	width: r.width,
	height: r.height,
	renditions: r.renditions,
	progress: r.progress,
	etaSeconds: r.eta_seconds,
	jobId: r.job_id,
	error: r.error,
	captionsKey: r.captions_key,
	updatedAt: r.updated_at,
	publishedAt: r.published_at,
	origin: r.origin,
	expiredAt: r.expired_at
});

export async function findRecording(db: Db, id: string): Promise<Recording | null> {
	const row = await recordings(db).where('id', '=', id).executeTakeFirst();
	return row ? toRecording(row) : null;
}

export async function findRecordingByMeeting(db: Db, meetingId: string): Promise<Recording | null> {
	const row = await recordings(db).where('meeting_id', '=', meetingId).executeTakeFirst();
	return row ? toRecording(row) : null;
}

/**
 * A new source for a meeting's recording: creates the row or points the existing one at the new
 * upload. The published archive (output_prefix) stays online until the new one replaces it.
 */
export async function setRecordingSource(
	db: Db,
	input: {
		meetingId: string;
		sourceKey: string;
		sourceName: string;
		sourceBytes: number;
		startedAt: Date;
		userId: string | null;
	}
): Promise<Recording> {
	const row = await db
		.insertInto('recordings')
		.values({
			meeting_id: input.meetingId,
			state: 'queued',
			source_key: input.sourceKey,
			source_name: input.sourceName,
			source_bytes: input.sourceBytes,
			started_at: input.startedAt,
			created_by: input.userId
		})
		.onConflict((oc) =>
			oc.column('meeting_id').doUpdateSet({
				state: 'queued',
				source_key: input.sourceKey,
				source_name: input.sourceName,
				source_bytes: input.sourceBytes,
				progress: 0,
				eta_seconds: null,
				error: null,
				job_id: null,
				deleted_at: null,
				updated_at: sql`now()`
			})
		)
		.returningAll()
		.executeTakeFirstOrThrow();
	return toRecording(row);
}

export async function setRecordingJob(db: Db, id: string, jobId: string | null): Promise<void> {
	await db
		.updateTable('recordings')
		.set({ job_id: jobId, updated_at: sql`now()` })
		.where('id', '=', id)
		.execute();
}

/** Progress from ffmpeg's `-progress` output; only while the job still owns the recording. */
export async function reportRecordingProgress(
	db: Db,
	id: string,
	jobId: string,
	progress: { fraction: number; etaSeconds: number | null }
): Promise<void> {
	await db
		.updateTable('recordings')
		.set({
			state: 'processing',
			progress: Math.max(0, Math.min(1, progress.fraction)),
			eta_seconds: progress.etaSeconds === null ? null : Math.round(progress.etaSeconds),
			updated_at: sql`now()`
		})
		.where('id', '=', id)
		.where('job_id', '=', jobId)
		.where('state', 'in', ['queued', 'processing'])
		.execute();
}

export async function markRecordingReady(
	db: Db,
	id: string,
	result: {
		outputPrefix: string;
		durationMs: number;
		width: number | null;
		height: number | null;
		renditions: RenditionInfo[];
	}
): Promise<void> {
	await db
		.updateTable('recordings')
		.set({
			state: 'ready',
			output_prefix: result.outputPrefix,
			duration_ms: result.durationMs,
			width: result.width,
			height: result.height,
			renditions: JSON.stringify(result.renditions),
			progress: 1,
			eta_seconds: null,
			error: null,
			published_at: sql`coalesce(published_at, now())`,
			updated_at: sql`now()`
		})
		.where('id', '=', id)
		.execute();
	await db
		.updateTable('meetings')
		.set({ has_recording: true, updated_at: sql`now()` })
		.where('id', '=', (eb) => eb.selectFrom('recordings').select('meeting_id').where('id', '=', id))
		.execute();
}

/**
 * A live recording's renditions, measured when its first encoder session began (the master
 * playlist is built from them while the broadcast runs); size of the largest picture.
 */
export async function setLiveRenditions(
	db: Db,
	id: string,
	renditions: RenditionInfo[]
): Promise<void> {
	const video = renditions.filter((r) => r.name !== 'audio');
	const biggest = video.reduce<RenditionInfo | null>(
		(a, r) => (a && a.height >= r.height ? a : r),
		null
	);
	await db
		.updateTable('recordings')
		.set({
			renditions: JSON.stringify(renditions),
			width: biggest?.width ?? null,
			height: biggest?.height ?? null,
			updated_at: sql`now()`
		})
		.where('id', '=', id)
		.execute();
}

/** `failed` keeps the clerk's message; `cancelled` when the clerk stopped the job. */
export async function markRecordingStopped(
	db: Db,
	id: string,
	state: 'failed' | 'cancelled',
	message: string | null
): Promise<void> {
	await db
		.updateTable('recordings')
		.set({ state, error: message, eta_seconds: null, updated_at: sql`now()` })
		.where('id', '=', id)
		.execute();
}

/** A live broadcast that ended without a picture: no archive, nothing listed as recorded. */
export async function markLiveRecordingEmpty(db: Db, id: string, message: string): Promise<void> {
	await db
		.updateTable('recordings')
		.set({ state: 'failed', error: message, output_prefix: null, updated_at: sql`now()` })
		.where('id', '=', id)
		.execute();
}
