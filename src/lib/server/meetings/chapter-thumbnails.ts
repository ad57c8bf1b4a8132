import type { AppContext } from '../context.ts';

/**
 * New marks need new thumbnails (one per agenda item, taken at its chapter start).
 *
 * INTEGRATION POINT (worker): call `queueThumbnails(ctx, recordingId)` from transcode-jobs.ts
 * here once the worker branch provides it, and return true. Until then nothing is queued and
 * the thumbnails keep the marks of the last transcode.
 */
export async function queueChapterThumbnails(
	ctx: AppContext,
	recordingId: string
): Promise<boolean> {
	void ctx;
	void recordingId;
	return false;
}
