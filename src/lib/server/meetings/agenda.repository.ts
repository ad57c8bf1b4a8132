import { sql } from 'kysely';
import type { AgendaEntry, PaperItem } from '../../meetings/types.ts';
import type { Db } from '../db/index.ts';

// Agenda items (Tagesordnungspunkte) and their papers (Vorlagen). Position orders the agenda;
// moving swaps two neighbours. Deletes are soft.

export interface AgendaItemInput {
	number: string;
	title: string;
	public: boolean;
}

export interface PaperInput {
	name: string;
	reference: string | null;
	url: string | null;
	fileId: string | null;
}

export async function listAgenda(db: Db, meetingId: string): Promise<AgendaEntry[]> {
	const items = await db
		.selectFrom('agenda_items')
		.select(['id', 'number', 'title', 'public', 'position', 'chapter_start_ms'])
		.where('meeting_id', '=', meetingId)
		.where('deleted_at', 'is', null)
		.orderBy('position')
		.orderBy('id')
		.execute();
	const papers = await listPapersOfMeeting(db, meetingId);
	return items.map((i) => ({
		id: i.id,
		number: i.number,
		title: i.title,
		public: i.public,
		position: i.position,
		chapterStartMs: i.chapter_start_ms,
		papers: papers.get(i.id) ?? []
	}));
}

async function listPapersOfMeeting(db: Db, meetingId: string): Promise<Map<string, PaperItem[]>> {
	const rows = await db
		.selectFrom('agenda_item_papers as p')
		.innerJoin('agenda_items as i', 'i.id', 'p.agenda_item_id')
		.select(['p.id', 'p.agenda_item_id', 'p.name', 'p.reference', 'p.url', 'p.file_id'])
		.where('i.meeting_id', '=', meetingId)
		.where('p.deleted_at', 'is', null)
		.orderBy('p.position')
		.orderBy('p.id')
		.execute();
	const byItem = new Map<string, PaperItem[]>();
	for (const r of rows) {
		const list = byItem.get(r.agenda_item_id) ?? [];
		list.push({ id: r.id, name: r.name, reference: r.reference, url: r.url, fileId: r.file_id });
		byItem.set(r.agenda_item_id, list);
	}
	return byItem;
}

/** Appends the item at the end of the meeting's agenda. */
export async function insertAgendaItem(
	db: Db,
	meetingId: string,
	input: AgendaItemInput & { chapterStartMs?: number | null },
	id?: string
): Promise<string> {
	const row = await db
		.insertInto('agenda_items')
		.values({
			...(id ? { id } : {}),
			meeting_id: meetingId,
			number: input.number,
			title: input.title,
			public: input.public,
			chapter_start_ms: input.chapterStartMs ?? null,
			position: sql<number>`(select coalesce(max(position), 0) + 1 from agenda_items
				where meeting_id = ${meetingId})`
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateAgendaItem(
	db: Db,
	meetingId: string,
	itemId: string,
	input: AgendaItemInput
): Promise<boolean> {
	const r = await db
		.updateTable('agenda_items')
		.set({ number: input.number, title: input.title, public: input.public, updated_at: new Date() })
		.where('id', '=', itemId)
		.where('meeting_id', '=', meetingId)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return r.numUpdatedRows > 0n;
}

/**
 * Swaps the item with its live neighbour above or below. Returns false when the item is unknown;
 * at either end of the agenda nothing moves, which is not an error.
 */
export async function moveAgendaItem(
	db: Db,
	meetingId: string,
	itemId: string,
	direction: 'up' | 'down'
): Promise<boolean> {
	const items = await db
		.selectFrom('agenda_items')
		.select(['id', 'position'])
		.where('meeting_id', '=', meetingId)
		.where('deleted_at', 'is', null)
		.orderBy('position')
		.orderBy('id')
		.execute();
	const index = items.findIndex((i) => i.id === itemId);
	if (index < 0) return false;
	const other = items[direction === 'up' ? index - 1 : index + 1];
	if (!other) return true;
	// Renumber the whole agenda in its new order: positions stay distinct even if earlier data had
	// ties (imports), and the swap needs no temporary value.
	const order = items.map((i) => i.id);
	[order[index], order[items.indexOf(other)]] = [other.id, itemId];
	for (const [i, id] of order.entries()) {
		await db
			.updateTable('agenda_items')
			.set({ position: i + 1 })
			.where('id', '=', id)
			.execute();
	}
	return true;
}

/** The item and its papers. */
export async function softDeleteAgendaItem(
	db: Db,
	meetingId: string,
	itemId: string,
	now: Date
): Promise<{ number: string; title: string } | null> {
	const row = await db
		.updateTable('agenda_items')
		.set({ deleted_at: now, updated_at: now })
		.where('id', '=', itemId)
		.where('meeting_id', '=', meetingId)
		.where('deleted_at', 'is', null)
		.returning(['number', 'title'])
		.executeTakeFirst();
	if (!row) return null;
	await db
		.updateTable('agenda_item_papers')
		.set({ deleted_at: now, updated_at: now })
		.where('agenda_item_id', '=', itemId)
		.where('deleted_at', 'is', null)
		.execute();
	return row;
}

/** True when the item is a live item of this live meeting. */
export async function agendaItemBelongs(db: Db, meetingId: string, itemId: string) {
	const row = await db
		.selectFrom('agenda_items')
		.select('id')
		.where('id', '=', itemId)
		.where('meeting_id', '=', meetingId)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return !!row;
}

export async function insertPaper(db: Db, itemId: string, input: PaperInput): Promise<string> {
	const row = await db
		.insertInto('agenda_item_papers')
		.values({
			agenda_item_id: itemId,
			name: input.name,
			reference: input.reference,
			url: input.url,
			file_id: input.fileId,
			position: sql<number>`(select coalesce(max(position), 0) + 1 from agenda_item_papers
				where agenda_item_id = ${itemId})`
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** Scoped to the meeting, so a crafted form cannot reach another meeting's paper. */
export async function softDeletePaper(
	db: Db,
	meetingId: string,
	paperId: string,
	now: Date
): Promise<{ name: string; fileId: string | null } | null> {
	const row = await db
		.updateTable('agenda_item_papers')
		.set({ deleted_at: now, updated_at: now })
		.where('id', '=', paperId)
		.where('deleted_at', 'is', null)
		.where(
			'agenda_item_id',
			'in',
			db
				.selectFrom('agenda_items')
				.select('id')
				.where('meeting_id', '=', meetingId)
				.where('deleted_at', 'is', null)
		)
		.returning(['name', 'file_id'])
		.executeTakeFirst();
	return row ? { name: row.name, fileId: row.file_id } : null;
}

/**
 * A paper's PDF for download, with whether the public may see it: its item, meeting and body
 * are live and the item is public.
 */
export async function findPaperFile(
	db: Db,
	meetingId: string,
	paperId: string
): Promise<{ fileId: string; isPublic: boolean } | null> {
	const row = await db
		.selectFrom('agenda_item_papers as p')
		.innerJoin('agenda_items as i', 'i.id', 'p.agenda_item_id')
		.innerJoin('meetings as m', 'm.id', 'i.meeting_id')
		.innerJoin('bodies as b', 'b.id', 'm.body_id')
		.select(['p.file_id', 'i.public'])
		.where('p.id', '=', paperId)
		.where('m.id', '=', meetingId)
		.where('p.deleted_at', 'is', null)
		.where('i.deleted_at', 'is', null)
		.where('m.deleted_at', 'is', null)
		.where('b.deleted_at', 'is', null)
		.executeTakeFirst();
	if (!row?.file_id) return null;
	return { fileId: row.file_id, isPublic: row.public };
}
