import { recordAudit } from '../audit/audit.repository.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/index.ts';
import type { RecordingStatus } from '../../recordings/types.ts';
import { mediaStore } from '../media/media-store.ts';
import {
	findRecordingByMeeting,
	setRecordingSource,
	type Recording
} from './recordings.repository.ts';
import { cancelTranscode, queueTranscode } from './transcode-jobs.ts';

export type { RecordingStatus };

export const NO_RECORDING: RecordingStatus = {
	recordingId: null,
	state: 'none',
	progress: 0,
	etaSeconds: null,
	error: null,
	durationMs: null,
	renditions: [],
	sourceName: null,
	sourceBytes: null,
	archiveOnline: false,
	captions: false,
	startedAt: null
};

export function describeRecording(r: Recording | null): RecordingStatus {
	if (!r) return NO_RECORDING;
	return {
		recordingId: r.id,
		state: r.state,
		progress: r.progress,
		etaSeconds: r.etaSeconds,
		error: r.error,
		durationMs: r.durationMs,
		renditions: r.renditions.map(({ name, width, height }) => ({ name, width, height })),
		sourceName: r.sourceName,
		sourceBytes: r.sourceBytes,
		archiveOnline: r.outputPrefix !== null,
		captions: r.captionsKey !== null,
		startedAt: r.startedAt.toISOString()
	};
}

export async function recordingStatus(db: Db, meetingId: string): Promise<RecordingStatus> {
	return describeRecording(await findRecordingByMeeting(db, meetingId));
}

/** Stops the meeting's queued or running transcode; false when none was running. */
export async function cancelRecordingJob(
	ctx: AppContext,
	actorId: string,
	meetingId: string
): Promise<boolean> {
	const recording = await findRecordingByMeeting(ctx.db, meetingId);
	if (!recording || !(await cancelTranscode(ctx, recording.id))) return false;
	await recordAudit(ctx.db, {
		actorId,
		action: 'recording.cancel',
		targetType: 'meeting',
		targetId: meetingId,
		details: { recordingId: recording.id }
	});
	return true;
}

export type RetryResult = { ok: true } | { ok: false; reason: 'notRetryable' | 'sourceMissing' };

/** Queues the transcode again after it failed or was cancelled, from the kept original. */
export async function retryRecordingJob(
	ctx: AppContext,
	actorId: string,
	meetingId: string
): Promise<RetryResult> {
	const r = await findRecordingByMeeting(ctx.db, meetingId);
	if (!r || !['failed', 'cancelled'].includes(r.state))
		return { ok: false, reason: 'notRetryable' };
	if (!r.sourceKey || !r.sourceName || !(await mediaStore(ctx.config).stat(r.sourceKey))) {
		return { ok: false, reason: 'sourceMissing' };
	}
	const { sourceKey, sourceName } = r;
	await ctx.db.transaction().execute(async (trx) => {
		await setRecordingSource(trx, {
			meetingId,
			sourceKey,
			sourceName,
			sourceBytes: r.sourceBytes ?? 0,
			startedAt: r.startedAt,
			userId: actorId
		});
		await recordAudit(trx, {
			actorId,
			action: 'recording.retry',
			targetType: 'meeting',
			targetId: meetingId,
			details: { recordingId: r.id }
		});
	});
	await queueTranscode(ctx, r.id);
	return { ok: true };
}
