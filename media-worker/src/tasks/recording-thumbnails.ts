import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../../src/lib/server/context.ts';
import type { ThumbnailsJob } from '../../../src/lib/server/jobs/queue.ts';
import { MediaRejectedError, probeMedia } from '../../../src/lib/server/media/ffmpeg.ts';
import { mediaStore } from '../../../src/lib/server/media/media-store.ts';
import { writeThumbnails } from '../../../src/lib/server/meetings/recording-archive.ts';
import { findRecording } from '../../../src/lib/server/meetings/recordings.repository.ts';
import { countSlots } from '../../../src/lib/server/live/live.repository.ts';
import { writeSlotThumbnails } from '../live/slot-thumbnails.ts';

/**
 * Redraws the chapter thumbnails of the published archive after the clerk moved chapter marks:
 * all of them into a fresh folder that then replaces `<version>/thumbnails` in one move, so a
 * removed mark or an item that became non-public loses its picture too.
 */
export async function recordingThumbnails(ctx: AppContext, data: ThumbnailsJob): Promise<void> {
	const log = ctx.log.child({ recordingId: data.recordingId });
	const recording = await findRecording(ctx.db, data.recordingId);
	const prefix = recording?.outputPrefix;
	if (!recording || !prefix) return;
	const store = mediaStore(ctx.config);
	const slotted = recording.origin === 'live' || (await countSlots(ctx.db, recording.id)) > 0;
	const source = recording.sourceKey ? await store.localPath(recording.sourceKey) : null;
	if (!source && !slotted) {
		log.warn('Vorschaubilder nicht erneuert: die Originaldatei fehlt');
		return;
	}
	const { maxUploadBytes, maxDurationSeconds } = ctx.config.media;
	const work = path.join(
		store.workDir,
		`thumbnails-${recording.id}-${randomBytes(4).toString('hex')}`
	);
	try {
		const limits = { maxBytes: maxUploadBytes, maxDurationSeconds };
		// A slot recording's pictures come from what is published (a live one has no source; a
		// cut archive must not show what was cut).
		const count = slotted
			? await writeSlotThumbnails(ctx.db, store, recording, work, limits)
			: await writeThumbnails(
					ctx.db,
					recording.meetingId,
					source!,
					await probeMedia(source!, limits),
					work
				);
		await mkdir(path.join(work, 'thumbnails'), { recursive: true });
		await store.publishFolder(path.join(work, 'thumbnails'), `${prefix}/thumbnails`);
		// A transcode may have published a newer version meanwhile and deleted this one; then the
		// move above recreated a stray folder of thumbnails only.
		const now = await findRecording(ctx.db, recording.id);
		if (now?.outputPrefix !== prefix) await store.deletePrefix(prefix);
		log.info('Vorschaubilder erneuert', { count });
	} catch (err) {
		if (!(err instanceof MediaRejectedError)) throw err;
		log.warn('Vorschaubilder nicht erneuert', { message: err.message });
	} finally {
		await rm(work, { recursive: true, force: true });
	}
}
