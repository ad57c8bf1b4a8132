import type { PageServerLoad } from './$types';
import { appContext } from '$lib/server/app.ts';
import { requireClerk } from '$lib/server/meetings/clerk.ts';
import { listRetentionOverview } from '$lib/server/meetings/retention-sweep.ts';

// Clerks see which recordings leave the archive soon and which left it recently (issue #6).
export const load: PageServerLoad = async (event) => {
	requireClerk(event);
	const { db } = await appContext();
	const { upcoming, expired } = await listRetentionOverview(db);
	const row = (c: (typeof upcoming)[number]) => ({
		meetingId: c.meetingId,
		meetingName: c.meetingName,
		expiresAt: c.expiresAt,
		rule: c.rule
	});
	return { upcoming: upcoming.map(row), expired: expired.map(row) };
};
