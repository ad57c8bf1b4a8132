import { formatClock } from '../../archive/timecode.ts';
import { archiveVersion } from '../archive/playlist.ts';
import type { Db } from '../db/index.ts';
import type { MediaStore } from '../media/media-store.ts';
import { markField } from './chapter-marks.ts';
import { findArchiveMeeting, listChapterItems } from './chapters.repository.ts';
import { findRecordingByMeeting } from './recordings.repository.ts';
import { archiveBase } from './replay.ts';

export interface ChapterEditorItem {
	id: string;
	field: string;
	number: string;
	title: string;
	public: boolean;
}

export interface ChapterEditor {
	meeting: { id: string; name: string; bodyName: string };
	archive: { masterUrl: string; posterUrl: string | null; durationSeconds: number } | null;
	items: ChapterEditorItem[];
	/** The form's current values: each item's mark as a clock time, '' without one. */
	values: Record<string, string>;
}

/** Everything the clerk's chapter editor shows, or null for an unknown or deleted meeting. */
export async function loadChapterEditor(
	db: Db,
	store: MediaStore,
	meetingId: string
): Promise<ChapterEditor | null> {
	const meeting = await findArchiveMeeting(db, meetingId);
	if (!meeting) return null;
	const [recording, items] = await Promise.all([
		findRecordingByMeeting(db, meetingId),
		listChapterItems(db, meetingId)
	]);
	const prefix = recording?.outputPrefix;
	const archive =
		recording && prefix && recording.durationMs
			? {
					masterUrl: `${archiveBase(recording.id)}/master.m3u8`,
					posterUrl: (await store.stat(`${prefix}/poster.jpg`))
						? `${archiveBase(recording.id)}/poster.jpg?v=${archiveVersion(prefix)}`
						: null,
					durationSeconds: recording.durationMs / 1000
				}
			: null;
	return {
		meeting: { id: meeting.id, name: meeting.name, bodyName: meeting.bodyName },
		archive,
		items: items.map((i) => ({
			id: i.id,
			field: markField(i.id),
			number: i.number,
			title: i.title,
			public: i.public
		})),
		values: Object.fromEntries(
			items.map((i) => [
				markField(i.id),
				i.chapterStartMs === null ? '' : formatClock(i.chapterStartMs / 1000)
			])
		)
	};
}
