import { sql } from 'kysely';
import type { Db } from '../db/index.ts';

/** An agenda item as the archive sees it: its place on the agenda and its chapter mark. */
export interface ChapterItem {
	id: string;
	number: string;
	title: string;
	public: boolean;
	position: number;
	chapterStartMs: number | null;
	updatedAt: Date;
}

/** The meeting's live (not deleted) agenda items in agenda order. */
export async function listChapterItems(db: Db, meetingId: string): Promise<ChapterItem[]> {
	const rows = await db
		.selectFrom('agenda_items')
		.select(['id', 'number', 'title', 'public', 'position', 'chapter_start_ms', 'updated_at'])
		.where('meeting_id', '=', meetingId)
		.where('deleted_at', 'is', null)
		.orderBy('position', 'asc')
		.orderBy('number', 'asc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		number: r.number,
		title: r.title,
		public: r.public,
		position: r.position,
		chapterStartMs: r.chapter_start_ms === null ? null : Number(r.chapter_start_ms),
		updatedAt: r.updated_at
	}));
}

export async function setChapterStart(
	db: Db,
	itemId: string,
	chapterStartMs: number | null
): Promise<void> {
	await db
		.updateTable('agenda_items')
		.set({ chapter_start_ms: chapterStartMs, updated_at: sql`now()` })
		.where('id', '=', itemId)
		.execute();
}

/** A meeting that is not deleted, with what the archive pages show of it. */
export async function findArchiveMeeting(
	db: Db,
	meetingId: string
): Promise<{ id: string; name: string; bodyName: string; startsAt: Date } | null> {
	const row = await db
		.selectFrom('meetings')
		.innerJoin('bodies', 'bodies.id', 'meetings.body_id')
		.select(['meetings.id', 'meetings.name', 'bodies.name as body_name', 'meetings.starts_at'])
		.where('meetings.id', '=', meetingId)
		.where('meetings.deleted_at', 'is', null)
		.executeTakeFirst();
	return row
		? { id: row.id, name: row.name, bodyName: row.body_name, startsAt: row.starts_at }
		: null;
}
