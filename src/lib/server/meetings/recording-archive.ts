import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Db } from '../db/index.ts';
import {
	extractPoster,
	extractThumbnails,
	type MediaProbe,
	type TranscodeProgress
} from '../media/ffmpeg.ts';
import { listPublicChapterMarks, recordingStillOwned } from './transcode.repository.ts';
import { reportRecordingProgress } from './recordings.repository.ts';

/** Building blocks of the archive jobs (media-worker/src/tasks): versions, stills, progress. */

/**
 * A new folder name per transcode, `v<UTC time>-<random>`: a re-transcode never writes into the
 * archive being served, and the URL cache of an old version can never serve new segments.
 */
export function newArchiveVersion(now = new Date()): string {
	const stamp = now
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d+Z$/, 'Z');
	return `v${stamp}-${randomBytes(3).toString('hex')}`;
}

export function archivePrefix(recordingId: string, version: string): string {
	return `recordings/${recordingId}/${version}`;
}

/** Poster and the thumbnails of the public chapter marks into `outDir` (layout in media-store). */
export async function writeStills(
	db: Db,
	meetingId: string,
	source: string,
	probe: MediaProbe,
	outDir: string,
	signal?: AbortSignal
): Promise<{ poster: boolean; thumbnails: number }> {
	const poster = await extractPoster(source, probe, path.join(outDir, 'poster.jpg'));
	const thumbnails = await writeThumbnails(db, meetingId, source, probe, outDir, signal);
	return { poster, thumbnails };
}

export async function writeThumbnails(
	db: Db,
	meetingId: string,
	source: string,
	probe: MediaProbe,
	outDir: string,
	signal?: AbortSignal
): Promise<number> {
	const marks = await listPublicChapterMarks(db, meetingId);
	const chapters = marks
		.filter((m) => m.startMs / 1000 < probe.durationSeconds)
		.map((m) => ({ id: m.agendaItemId, startSeconds: m.startMs / 1000 }));
	const written = await extractThumbnails(
		source,
		probe,
		chapters,
		path.join(outDir, 'thumbnails'),
		signal
	);
	return written.length;
}

// The clerk's progress bar polls; a write every two seconds keeps it live without load.
const PROGRESS_EVERY_MS = 2_000;

/** Remaining time from ffmpeg's speed, else from the pace so far. */
export function remainingSeconds(
	p: TranscodeProgress,
	durationSeconds: number,
	elapsedMs: number
): number | null {
	const left = Math.max(0, durationSeconds - p.seconds);
	if (p.speed && p.speed > 0) return left / p.speed;
	if (p.fraction <= 0.01) return null;
	return ((elapsedMs / 1000) * (1 - p.fraction)) / p.fraction;
}

/**
 * An onProgress callback that writes at most every two seconds and never two writes at once;
 * `flush` waits for the last one.
 */
export function progressWriter(
	db: Db,
	recordingId: string,
	jobId: string,
	durationSeconds: number,
	onError: (err: unknown) => void
) {
	const started = Date.now();
	let last = 0;
	let pending: Promise<void> = Promise.resolve();
	let busy = false;
	const report = (p: TranscodeProgress) => {
		const now = Date.now();
		if (busy || (now - last < PROGRESS_EVERY_MS && p.fraction < 1)) return;
		last = now;
		busy = true;
		const etaSeconds = remainingSeconds(p, durationSeconds, now - started);
		pending = reportRecordingProgress(db, recordingId, jobId, {
			// 1 only once the archive is published; the stills and the move still follow.
			fraction: Math.min(p.fraction, 0.99),
			etaSeconds
		})
			.catch(onError)
			.finally(() => (busy = false));
	};
	return { report, flush: () => pending };
}

// How often a running job looks at its recording: a cancel stops ffmpeg within about this long.
const WATCH_EVERY_MS = 1_500;

/**
 * Aborts the returned signal when the clerk cancels (state `cancelled`), a new upload takes the
 * recording over (another job id), or pg-boss gives up the job (its own signal).
 */
export function watchOwnership(
	db: Db,
	recordingId: string,
	jobId: string,
	jobSignal?: AbortSignal
) {
	const controller = new AbortController();
	let lost = false;
	const timer = setInterval(() => {
		recordingStillOwned(db, recordingId, jobId).then(
			(owned) => {
				if (owned || controller.signal.aborted) return;
				lost = true;
				controller.abort();
			},
			() => undefined
		);
	}, WATCH_EVERY_MS);
	const onJobAbort = () => controller.abort();
	jobSignal?.addEventListener('abort', onJobAbort, { once: true });
	return {
		signal: controller.signal,
		/** True when the recording was taken away (cancel or new upload), not a worker shutdown. */
		lost: () => lost,
		stop: () => {
			clearInterval(timer);
			jobSignal?.removeEventListener('abort', onJobAbort);
		}
	};
}
