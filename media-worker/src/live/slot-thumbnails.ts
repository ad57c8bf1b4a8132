import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renditionIn } from '../../../src/lib/server/archive/slot-playlist.ts';
import type { Db } from '../../../src/lib/server/db/index.ts';
import { listLiveSessions, listSlots } from '../../../src/lib/server/live/live.repository.ts';
import { extractThumbnails, probeMedia } from '../../../src/lib/server/media/ffmpeg.ts';
import type { MediaStore } from '../../../src/lib/server/media/media-store.ts';
import { listPublicChapterMarks } from '../../../src/lib/server/meetings/transcode.repository.ts';
import type { Recording } from '../../../src/lib/server/meetings/recordings.repository.ts';

/**
 * Chapter thumbnails of a recording kept as slots (a live recording has no uploaded source):
 * for each public chapter mark the first camera slot a little after it, its init and segment
 * joined into one small MP4 in the work folder, one still from that. A chapter that begins in
 * a slate (non-public, consent, gap) until the next mark gets no picture.
 */

/** The thumbnail is taken this far into the chapter (as the archive transcode does). */
const INTO_CHAPTER_MS = 2_000;

export async function writeSlotThumbnails(
	db: Db,
	store: MediaStore,
	recording: Recording,
	outDir: string,
	limits: { maxBytes: number; maxDurationSeconds: number }
): Promise<number> {
	const prefix = recording.outputPrefix;
	if (!prefix) return 0;
	const [slots, marks, sessions] = await Promise.all([
		listSlots(db, recording.id),
		listPublicChapterMarks(db, recording.meetingId),
		recording.origin === 'live' ? listLiveSessions(db, recording.meetingId) : []
	]);
	const videos = recording.renditions.filter((r) => r.name !== 'audio').map((r) => r.name);
	const wanted = videos.includes('720p') ? '720p' : videos[0];
	if (!wanted) return 0;
	const available = new Map(sessions.map((s) => [s.dir, s.renditions]));
	const work = path.join(outDir, 'sources');
	await mkdir(work, { recursive: true });
	let count = 0;
	for (const [i, mark] of marks.entries()) {
		const until = marks[i + 1]?.startMs ?? Infinity;
		const target = mark.startMs + INTO_CHAPTER_MS;
		const slot = slots.find(
			(s) =>
				(s.kind === 'media' || s.kind === 'cut') &&
				s.startMs + s.durationMs > target &&
				s.startMs < until
		);
		if (!slot) continue;
		const r = renditionIn(slot.dir, wanted, { ladder: videos, available });
		// dir '' is the archive root of an uploaded recording that got cuts.
		const folder = slot.dir ? `${prefix}/${slot.dir}/${r}` : `${prefix}/${r}`;
		const init = await store.localPath(`${folder}/init.mp4`);
		const segment = await store.localPath(`${folder}/${slot.file}`);
		if (!init || !segment) continue;
		const source = path.join(work, `${mark.agendaItemId}.mp4`);
		await writeFile(source, Buffer.concat([await readFile(init), await readFile(segment)]));
		const probe = await probeMedia(source, limits);
		// extractThumbnails adds its own 2 s into the chapter; the still is clamped to the slot.
		const into = Math.max(0, target - slot.startMs) / 1000 - INTO_CHAPTER_MS / 1000;
		const written = await extractThumbnails(
			source,
			probe,
			[{ id: mark.agendaItemId, startSeconds: into }],
			path.join(outDir, 'thumbnails')
		);
		count += written.length;
	}
	return count;
}
