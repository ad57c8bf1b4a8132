import fsp from 'node:fs/promises';
import path from 'node:path';
import { recordAudit } from '../audit/audit.repository.ts';
import type { AppContext } from '../context.ts';
import {
	FfmpegMissingError,
	MediaRejectedError,
	probeMedia,
	type MediaRejection
} from '../media/ffmpeg.ts';
import { isContainerComplete } from '../media/container-check.ts';
import { mediaStore } from '../media/media-store.ts';
import { findRecordingByMeeting, setRecordingSource } from './recordings.repository.ts';
import {
	claimUpload,
	deleteStaleUploads,
	deleteUpload,
	findMeetingHeader,
	findUpload,
	releaseUpload,
	setRecordingStartedAt
} from './recording-uploads.repository.ts';
import { cancelTranscode, queueTranscode } from './transcode-jobs.ts';

/** Why ffprobe refused a file, or `truncated`: the file ends before its own sizes say it does. */
export type UploadRejection = MediaRejection | 'truncated';

export type PublishResult =
	| { ok: true; recordingId: string }
	| { ok: false; reason: 'rejected'; rejection: UploadRejection; message: string }
	| { ok: false; reason: 'ffmpegMissing'; message: string }
	| { ok: false; reason: 'busy' | 'notFound' };

/** Where an upload's bytes collect until it is complete. */
export function uploadPartPath(workDir: string, uploadId: string): string {
	return path.join(workDir, 'uploads', `${uploadId}.part`);
}

class TruncatedError extends Error {
	constructor() {
		super('Die Datei ist unvollständig: Sie endet, bevor die Aufnahme zu Ende ist.');
	}
}

// Probing a file takes seconds; a claim this old belonged to a process that died meanwhile.
const CLAIM_STALE_MS = 10 * 60_000;

/**
 * Publishes a fully received upload: probe (hardened), then `uploads/<id>/source`, the
 * recording's new source, a transcode job and an audit entry. A refused file is deleted with its
 * upload, and nothing is queued.
 */
export async function publishUpload(
	ctx: AppContext,
	uploadId: string,
	actorId: string
): Promise<PublishResult> {
	const upload = await findUpload(ctx.db, uploadId);
	const meeting = upload && (await findMeetingHeader(ctx.db, upload.meetingId));
	if (!upload || !meeting) return { ok: false, reason: 'notFound' };
	if (!(await claimUpload(ctx.db, uploadId, CLAIM_STALE_MS))) return { ok: false, reason: 'busy' };
	const store = mediaStore(ctx.config);
	const part = uploadPartPath(store.workDir, uploadId);
	try {
		// Bytes past the end may remain from an attempt that sent more than it announced.
		await fsp.truncate(part, upload.totalBytes);
		const probe = await probeMedia(part, {
			maxBytes: ctx.config.media.maxUploadBytes,
			maxDurationSeconds: ctx.config.media.maxDurationSeconds
		});
		if (!(await isContainerComplete(part, probe.formatName))) {
			throw new TruncatedError();
		}
	} catch (err) {
		if (err instanceof MediaRejectedError || err instanceof TruncatedError) {
			await deleteUpload(ctx.db, uploadId);
			await fsp.rm(part, { force: true });
			const rejection = err instanceof TruncatedError ? 'truncated' : err.reason;
			ctx.log.info('Aufzeichnung abgelehnt', { uploadId, reason: rejection });
			return { ok: false, reason: 'rejected', rejection, message: err.message };
		}
		await releaseUpload(ctx.db, uploadId);
		if (err instanceof FfmpegMissingError) {
			return { ok: false, reason: 'ffmpegMissing', message: err.message };
		}
		throw err;
	}
	const sourceKey = `uploads/${uploadId}/source`;
	await store.publishFile(part, sourceKey);
	const previous = await findRecordingByMeeting(ctx.db, upload.meetingId);
	// A job still working on the old source would overwrite the new archive when it finishes.
	if (previous) await cancelTranscode(ctx, previous.id);
	const recording = await ctx.db.transaction().execute(async (trx) => {
		const rec = await setRecordingSource(trx, {
			meetingId: upload.meetingId,
			sourceKey,
			sourceName: upload.originalName,
			sourceBytes: upload.totalBytes,
			startedAt: upload.startedAt ?? meeting.startsAt,
			userId: actorId
		});
		await setRecordingStartedAt(trx, rec.id, upload.startedAt ?? meeting.startsAt);
		await deleteUpload(trx, uploadId);
		await recordAudit(trx, {
			actorId,
			action: 'recording.upload',
			targetType: 'meeting',
			targetId: upload.meetingId,
			details: { recordingId: rec.id, name: upload.originalName, bytes: upload.totalBytes }
		});
		return rec;
	});
	await queueTranscode(ctx, recording.id);
	if (previous?.sourceKey && previous.sourceKey !== sourceKey) {
		await deleteSourceKey(ctx, previous.sourceKey);
	}
	return { ok: true, recordingId: recording.id };
}

/** Removes an uploaded original (`uploads/<id>/source`) with its folder. */
async function deleteSourceKey(ctx: AppContext, key: string): Promise<void> {
	const match = /^uploads\/([0-9a-f-]{36})\/source$/.exec(key);
	if (match) await mediaStore(ctx.config).deletePrefix(`uploads/${match[1]}`);
}

/**
 * Unfinished uploads untouched for `maxAgeMs` go with their bytes (run by purge-expired), and so do
 * `.part` files that no upload row names any more (a crash between the two deletes).
 */
export async function purgeStaleUploads(ctx: AppContext, maxAgeMs: number): Promise<number> {
	const before = new Date(Date.now() - maxAgeMs);
	const dir = path.join(mediaStore(ctx.config).workDir, 'uploads');
	const ids = await deleteStaleUploads(ctx.db, before);
	for (const id of ids)
		await fsp.rm(uploadPartPath(mediaStore(ctx.config).workDir, id), { force: true });
	const names = await fsp.readdir(dir).catch(() => [] as string[]);
	for (const name of names) {
		const id = /^([0-9a-f-]{36})\.part$/.exec(name)?.[1];
		if (!id) continue;
		const stat = await fsp.stat(path.join(dir, name)).catch(() => null);
		if (stat && stat.mtime < before && !(await findUpload(ctx.db, id))) {
			await fsp.rm(path.join(dir, name), { force: true });
			ids.push(id);
		}
	}
	return ids.length;
}
