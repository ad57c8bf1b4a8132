export type { Replay, ReplayItem } from '../../archive/types.ts';
import { archiveVersion } from '../archive/playlist.ts';
import type { Db } from '../db/index.ts';
import type { MediaStore } from '../media/media-store.ts';
import type { Replay, ReplayItem } from '../../archive/types.ts';
import { computeChapters, type Chapter } from './chapters.ts';
import { findArchiveMeeting, listChapterItems } from './chapters.repository.ts';
import { findRecordingByMeeting, type Recording } from './recordings.repository.ts';

export const archiveBase = (recordingId: string) => `/medien/aufzeichnungen/${recordingId}`;

/** The published archive of a meeting and its chapters (all items, public or not), or null. */
export async function loadArchiveChapters(
	db: Db,
	meetingId: string
): Promise<{ recording: Recording; chapters: Chapter[]; durationMs: number } | null> {
	if (!(await findArchiveMeeting(db, meetingId))) return null;
	const recording = await findRecordingByMeeting(db, meetingId);
	if (!recording?.outputPrefix || !recording.durationMs) return null;
	const items = await listChapterItems(db, meetingId);
	const durationMs = recording.durationMs;
	return { recording, chapters: computeChapters(items, durationMs), durationMs };
}

function toReplayItem(
	item: { id: string; number: string; title: string; public: boolean },
	chapter: Chapter | undefined
): ReplayItem {
	const visible = item.public && chapter !== undefined;
	return {
		id: item.id,
		number: item.number,
		title: item.public ? item.title : null,
		public: item.public,
		top: visible ? chapter.top : null,
		start: visible ? chapter.startMs / 1000 : null,
		duration: visible ? chapter.durationMs / 1000 : null
	};
}

/** The replay of a meeting for its public page, or null while it has no published archive. */
export async function loadReplay(
	db: Db,
	store: MediaStore,
	meetingId: string
): Promise<Replay | null> {
	const archive = await loadArchiveChapters(db, meetingId);
	if (!archive) return null;
	const { recording, chapters } = archive;
	const prefix = recording.outputPrefix ?? '';
	const base = archiveBase(recording.id);
	const v = archiveVersion(prefix);
	const hasPoster = (await store.stat(`${prefix}/poster.jpg`)) !== null;
	const items = await listChapterItems(db, meetingId);
	return {
		meetingId,
		recordingId: recording.id,
		masterUrl: `${base}/master.m3u8`,
		posterUrl: hasPoster ? `${base}/poster.jpg?v=${v}` : null,
		captionsUrl: recording.captionsKey ? `${base}/untertitel.vtt` : null,
		chaptersVttUrl: `/sitzungen/${meetingId}/kapitel.vtt`,
		chaptersJsonUrl: `/sitzungen/${meetingId}/kapitel.json`,
		durationSeconds: archive.durationMs / 1000,
		startedAt: recording.startedAt.toISOString(),
		items: items.map((item) =>
			toReplayItem(
				item,
				chapters.find((c) => c.itemId === item.id)
			)
		)
	};
}
