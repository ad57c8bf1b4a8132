import { sql } from 'kysely';
import type { ClerkMeetingRow, MeetingItem, MeetingState } from '../../meetings/types.ts';
import type { Db } from '../db/index.ts';

// Meetings (Sitzungen). Deleted meetings (and meetings of deleted bodies) stay in the table for
// OParl's deleted lists; every query here for pages leaves them out.

export interface MeetingSummary {
	id: string;
	name: string;
	bodyName: string;
	startsAt: Date;
	location: string | null;
	state: MeetingState;
}

export interface MeetingInput {
	bodyId: string;
	name: string;
	startsAt: Date;
	endsAt: Date | null;
	location: string | null;
	state: MeetingState;
	legislativeTermId: string | null;
}

function meetingsWithBody(db: Db) {
	return db
		.selectFrom('meetings')
		.innerJoin('bodies', 'bodies.id', 'meetings.body_id')
		.select([
			'meetings.id',
			'meetings.name',
			'meetings.body_id',
			'bodies.name as body_name',
			'meetings.starts_at',
			'meetings.ends_at',
			'meetings.location',
			'meetings.state',
			'meetings.legislative_term_id'
		])
		.where('meetings.deleted_at', 'is', null)
		.where('bodies.deleted_at', 'is', null);
}

type Row = {
	id: string;
	name: string;
	body_id: string;
	body_name: string;
	starts_at: Date;
	ends_at: Date | null;
	location: string | null;
	state: string;
	legislative_term_id: string | null;
};

const toSummary = (r: Row): MeetingSummary => ({
	id: r.id,
	name: r.name,
	bodyName: r.body_name,
	startsAt: r.starts_at,
	location: r.location,
	state: r.state as MeetingState
});

const toItem = (r: Row): MeetingItem => ({
	...toSummary(r),
	bodyId: r.body_id,
	endsAt: r.ends_at,
	legislativeTermId: r.legislative_term_id
});

/** Live meetings first, then what is scheduled from now on. */
export async function listUpcomingMeetings(
	db: Db,
	now: Date,
	limit = 5
): Promise<MeetingSummary[]> {
	const rows = await meetingsWithBody(db)
		.where((eb) =>
			eb.or([
				eb('meetings.state', '=', 'live'),
				eb.and([eb('meetings.state', '=', 'scheduled'), eb('meetings.starts_at', '>=', now)])
			])
		)
		.orderBy('meetings.starts_at', 'asc')
		.limit(limit)
		.execute();
	return rows.map(toSummary);
}

/** Meetings whose archive is online: a recording with a published HLS folder. */
export async function listRecordedMeetings(db: Db, limit = 5): Promise<MeetingSummary[]> {
	const rows = await meetingsWithBody(db)
		.innerJoin('recordings', 'recordings.meeting_id', 'meetings.id')
		.where('recordings.output_prefix', 'is not', null)
		.where('recordings.deleted_at', 'is', null)
		.orderBy('meetings.starts_at', 'desc')
		.limit(limit)
		.execute();
	return rows.map(toSummary);
}

/**
 * The public list: `upcoming` from now on (and live ones), `past` newest first. Cancelled meetings
 * stay listed (marked), so nobody wonders where a meeting went.
 */
export async function listMeetings(
	db: Db,
	opts: { when: 'upcoming' | 'past'; now: Date; bodyId?: string; limit?: number }
): Promise<MeetingItem[]> {
	let q = meetingsWithBody(db);
	if (opts.bodyId) q = q.where('meetings.body_id', '=', opts.bodyId);
	q =
		opts.when === 'upcoming'
			? q
					.where((eb) =>
						eb.or([eb('meetings.starts_at', '>=', opts.now), eb('meetings.state', '=', 'live')])
					)
					.orderBy('meetings.starts_at', 'asc')
			: q
					.where('meetings.starts_at', '<', opts.now)
					.where('meetings.state', '!=', 'live')
					.orderBy('meetings.starts_at', 'desc');
	const rows = await q
		.orderBy('meetings.id')
		.limit(opts.limit ?? 200)
		.execute();
	return rows.map(toItem);
}

/** The clerk's overview: every live meeting with its recording's state. */
export async function listClerkMeetings(
	db: Db,
	opts: { when: 'upcoming' | 'past'; now: Date }
): Promise<ClerkMeetingRow[]> {
	const meetings = await listMeetings(db, { ...opts, limit: 500 });
	if (!meetings.length) return [];
	const recs = await db
		.selectFrom('recordings')
		.select(['meeting_id', 'state', 'output_prefix'])
		.where('deleted_at', 'is', null)
		.where(
			'meeting_id',
			'in',
			meetings.map((m) => m.id)
		)
		.execute();
	const byMeeting = new Map(recs.map((r) => [r.meeting_id, r]));
	return meetings.map((m) => {
		const rec = byMeeting.get(m.id);
		return {
			...m,
			recordingState: rec?.state ?? 'none',
			archiveOnline: !!rec?.output_prefix
		};
	});
}

export async function findMeeting(db: Db, id: string): Promise<MeetingItem | null> {
	const row = await meetingsWithBody(db).where('meetings.id', '=', id).executeTakeFirst();
	return row ? toItem(row) : null;
}

/** Locks the meeting row for the rest of the transaction, so concurrent edits queue up. */
export async function lockMeeting(db: Db, id: string): Promise<boolean> {
	const row = await db
		.selectFrom('meetings')
		.select('id')
		.where('id', '=', id)
		.where('deleted_at', 'is', null)
		.forUpdate()
		.executeTakeFirst();
	return !!row;
}

const meetingValues = (input: MeetingInput) => ({
	body_id: input.bodyId,
	name: input.name,
	starts_at: input.startsAt,
	ends_at: input.endsAt,
	location: input.location,
	state: input.state,
	legislative_term_id: input.legislativeTermId
});

export async function insertMeeting(db: Db, input: MeetingInput, id?: string): Promise<string> {
	const row = await db
		.insertInto('meetings')
		.values({ ...(id ? { id } : {}), ...meetingValues(input) })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateMeeting(db: Db, id: string, input: MeetingInput): Promise<boolean> {
	const r = await db
		.updateTable('meetings')
		.set({ ...meetingValues(input), updated_at: new Date() })
		.where('id', '=', id)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return r.numUpdatedRows > 0n;
}

export async function touchMeeting(db: Db, id: string): Promise<void> {
	await db.updateTable('meetings').set({ updated_at: new Date() }).where('id', '=', id).execute();
}

/** The meeting, its agenda items and their papers are deleted together (OParl lists all three). */
export async function softDeleteMeeting(db: Db, id: string, now: Date): Promise<boolean> {
	const r = await db
		.updateTable('meetings')
		.set({ deleted_at: now, updated_at: now })
		.where('id', '=', id)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	if (r.numUpdatedRows === 0n) return false;
	await db
		.updateTable('agenda_item_papers')
		.set({ deleted_at: now, updated_at: now })
		.where('deleted_at', 'is', null)
		.where(
			'agenda_item_id',
			'in',
			db.selectFrom('agenda_items').select('id').where('meeting_id', '=', id)
		)
		.execute();
	await db
		.updateTable('agenda_items')
		.set({ deleted_at: now, updated_at: now })
		.where('meeting_id', '=', id)
		.where('deleted_at', 'is', null)
		.execute();
	return true;
}

/** For the clerk's overview: how many meetings each body has (deleted ones not counted). */
export async function countMeetingsByBody(db: Db): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('meetings')
		.select(['body_id', sql<number>`count(*)::int`.as('n')])
		.where('deleted_at', 'is', null)
		.groupBy('body_id')
		.execute();
	return new Map(rows.map((r) => [r.body_id, Number(r.n)]));
}
