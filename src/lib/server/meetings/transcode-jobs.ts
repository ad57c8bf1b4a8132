import type { AppContext } from '../context.ts';
import { enqueue } from '../jobs/queue.ts';
import { findRecording, markRecordingStopped, setRecordingJob } from './recordings.repository.ts';

/** Queues the transcode of a recording's current source and remembers the job for cancelling. */
export async function queueTranscode(ctx: AppContext, recordingId: string): Promise<string | null> {
	const jobId = await enqueue(ctx.boss, 'transcode-recording', { recordingId });
	await setRecordingJob(ctx.db, recordingId, jobId);
	return jobId;
}

/**
 * Stops a queued or running transcode. The recording's state is the signal: a running task
 * checks it while ffmpeg works and stops ffmpeg, in whichever process it runs. Returns false
 * when there was nothing to cancel.
 */
export async function cancelTranscode(ctx: AppContext, recordingId: string): Promise<boolean> {
	const recording = await findRecording(ctx.db, recordingId);
	if (!recording || !['queued', 'processing'].includes(recording.state)) return false;
	await markRecordingStopped(ctx.db, recordingId, 'cancelled', null);
	if (recording.jobId) await ctx.boss.cancel('transcode-recording', recording.jobId);
	return true;
}

/** Redraws the chapter thumbnails of the published archive (after chapter marks changed). */
export async function queueThumbnails(
	ctx: AppContext,
	recordingId: string
): Promise<string | null> {
	return enqueue(ctx.boss, 'recording-thumbnails', { recordingId });
}

/** Applies the recording's unapplied consent cuts and later non-public marks (recording-cuts). */
export async function queueCuts(ctx: AppContext, recordingId: string): Promise<string | null> {
	return enqueue(ctx.boss, 'recording-cuts', { recordingId });
}
