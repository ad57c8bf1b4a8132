import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../../src/lib/server/context.ts';
import { QUEUES, type TranscodeJob } from '../../../src/lib/server/jobs/queue.ts';
import {
	MediaRejectedError,
	canPassThrough,
	probeMedia,
	transcodeToHls,
	type HlsArchive
} from '../../../src/lib/server/media/ffmpeg.ts';
import { mediaStore } from '../../../src/lib/server/media/media-store.ts';
import {
	archivePrefix,
	newArchiveVersion,
	progressWriter,
	watchOwnership,
	writeStills
} from '../../../src/lib/server/meetings/recording-archive.ts';
import type { Recording } from '../../../src/lib/server/meetings/recordings.repository.ts';
import { isCutRange } from '../../../src/lib/server/live/cuts.ts';
import { listRanges } from '../../../src/lib/server/live/live.repository.ts';
import { queueCuts } from '../../../src/lib/server/meetings/transcode-jobs.ts';
import {
	claimRecordingJob,
	failRecordingJob,
	finishRecordingJob,
	recordingStillOwned
} from '../../../src/lib/server/meetings/transcode.repository.ts';

/** The part of a pg-boss job the task uses. */
export interface TranscodeTaskJob {
	id: string;
	data: TranscodeJob;
	retryCount: number;
	signal?: AbortSignal;
}

const GIVE_UP =
	'Die Umwandlung ist mehrmals fehlgeschlagen. Bitte die Datei prüfen und erneut hochladen oder den Betrieb informieren.';

/** One work folder per recording; a retried job starts by removing what a killed run left. */
function workFolder(ctx: AppContext, recordingId: string): string {
	return path.join(mediaStore(ctx.config).workDir, `transcode-${recordingId}`);
}

/**
 * Probes the uploaded source, transcodes it into a new archive version with poster and
 * thumbnails, publishes it and deletes the version it replaces. A refused file fails the
 * recording with the clerk's message and completes the job (retrying cannot help); other errors
 * are thrown so pg-boss retries with backoff. A cancel completes the job quietly.
 */
export async function transcodeRecording(ctx: AppContext, job: TranscodeTaskJob): Promise<void> {
	const { recordingId } = job.data;
	const log = ctx.log.child({ jobId: job.id, recordingId });
	const recording = await claimRecordingJob(ctx.db, recordingId, job.id);
	if (!recording) {
		log.info('Umwandlung übersprungen: Aufzeichnung erledigt, abgebrochen oder neu hochgeladen');
		return;
	}
	const work = workFolder(ctx, recordingId);
	await rm(work, { recursive: true, force: true });
	const watch = watchOwnership(ctx.db, recordingId, job.id, job.signal);
	try {
		await transcodeAndPublish(ctx, recording, job, work, watch.signal);
	} catch (err) {
		if (err instanceof MediaRejectedError) {
			log.warn('Aufzeichnung abgelehnt', { reason: err.reason, message: err.message });
			await failRecordingJob(ctx.db, recordingId, job.id, err.message);
			return;
		}
		// Cancelled or taken over by a new upload: whichever noticed first (our watch or pg-boss's
		// lost claim) stopped ffmpeg, and there is nothing left to retry.
		if (watch.lost() || !(await recordingStillOwned(ctx.db, recordingId, job.id))) {
			log.info('Umwandlung abgebrochen');
			return;
		}
		if (job.retryCount >= QUEUES['transcode-recording'].retryLimit) {
			await failRecordingJob(ctx.db, recordingId, job.id, GIVE_UP);
		}
		throw err;
	} finally {
		watch.stop();
		await rm(work, { recursive: true, force: true });
	}
}

async function transcodeAndPublish(
	ctx: AppContext,
	recording: Recording,
	job: TranscodeTaskJob,
	work: string,
	signal: AbortSignal
): Promise<void> {
	const store = mediaStore(ctx.config);
	const source = recording.sourceKey ? await store.localPath(recording.sourceKey) : null;
	if (!source) throw new MediaRejectedError('notAFile', 'Die hochgeladene Datei fehlt.');
	const { maxUploadBytes, maxDurationSeconds } = ctx.config.media;
	const probe = await probeMedia(source, { maxBytes: maxUploadBytes, maxDurationSeconds });
	const passthrough = await canPassThrough(source, probe);
	const version = newArchiveVersion();
	const outDir = path.join(work, version);
	const progress = progressWriter(ctx.db, recording.id, job.id, probe.durationSeconds, (err) =>
		ctx.log.warn('Fortschritt nicht gespeichert', { err })
	);
	const archive = await transcodeToHls(source, outDir, {
		probe,
		passthrough,
		signal,
		onProgress: progress.report,
		onCommand: (command) => ctx.log.debug('ffmpeg', { jobId: job.id, command })
	});
	await progress.flush();
	await writeStills(ctx.db, recording.meetingId, source, probe, outDir, signal);
	if (signal.aborted) throw new Error('Umwandlung abgebrochen');
	const prefix = archivePrefix(recording.id, version);
	await publish(ctx, recording, job.id, outDir, prefix, archive);
}

/**
 * Moves the finished folder into place, marks the recording ready and only then deletes the
 * version it replaces, so the archive stays online throughout.
 */
async function publish(
	ctx: AppContext,
	{ id: recordingId, meetingId }: Recording,
	jobId: string,
	outDir: string,
	prefix: string,
	archive: HlsArchive
): Promise<void> {
	const store = mediaStore(ctx.config);
	await store.publishFolder(outDir, prefix);
	const top = archive.renditions.find((r) => r.width > 0);
	const previous = await finishRecordingJob(ctx.db, recordingId, jobId, {
		outputPrefix: prefix,
		durationMs: Math.round(archive.durationSeconds * 1000),
		width: top?.width ?? null,
		height: top?.height ?? null,
		renditions: archive.renditions
	});
	if (previous === false) {
		// Cancelled or superseded while publishing: the new archive must not stay behind.
		await store.deletePrefix(prefix);
		return;
	}
	if (previous && previous !== prefix) await store.deletePrefix(previous);
	// Consent and later non-public marks belong to the meeting: a new archive is cut again.
	const marks = await listRanges(ctx.db, meetingId);
	if (marks.some((r) => r.endsAt && isCutRange(r))) await queueCuts(ctx, recordingId);
	ctx.log.info('Aufzeichnung bereit', {
		recordingId,
		prefix,
		renditions: archive.renditions.length
	});
}
