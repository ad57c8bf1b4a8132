import type { Db } from '../db/index.ts';

/**
 * The last day the meeting's recording was online (YYYY-MM-DD in Europe/Berlin), or null when
 * it has not expired. expired_at is the instant the period ended (midnight after a term's last
 * day), so the day before that instant is the one to name.
 */
export async function recordingExpiredOn(db: Db, meetingId: string): Promise<string | null> {
	const row = await db
		.selectFrom('recordings')
		.select('expired_at')
		.where('meeting_id', '=', meetingId)
		.where('deleted_at', 'is', null)
		.where('expired_at', 'is not', null)
		.executeTakeFirst();
	if (!row?.expired_at) return null;
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
		new Date(row.expired_at.getTime() - 1)
	);
}
