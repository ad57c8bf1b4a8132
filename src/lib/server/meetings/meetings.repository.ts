import type { Db } from '../db/index.ts';

export interface MeetingSummary {
	id: string;
	name: string;
	bodyName: string;
	startsAt: Date;
	location: string | null;
	state: 'scheduled' | 'live' | 'held' | 'cancelled';
}

function meetingsWithBody(db: Db) {
	return db
		.selectFrom('meetings')
		.innerJoin('bodies', 'bodies.id', 'meetings.body_id')
		.select([
			'meetings.id',
			'meetings.name',
			'bodies.name as body_name',
			'meetings.starts_at',
			'meetings.location',
			'meetings.state'
		]);
}

type Row = {
	id: string;
	name: string;
	body_name: string;
	starts_at: Date;
	location: string | null;
	state: MeetingSummary['state'];
};

const toSummary = (r: Row): MeetingSummary => ({
	id: r.id,
	name: r.name,
	bodyName: r.body_name,
	startsAt: r.starts_at,
	location: r.location,
	state: r.state
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

export async function listRecordedMeetings(db: Db, limit = 5): Promise<MeetingSummary[]> {
	const rows = await meetingsWithBody(db)
		.where('meetings.has_recording', '=', true)
		.where('meetings.state', '=', 'held')
		.orderBy('meetings.starts_at', 'desc')
		.limit(limit)
		.execute();
	return rows.map(toSummary);
}
