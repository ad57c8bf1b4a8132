import type { PageServerLoad } from './$types';
import { appContext } from '$lib/server/app.ts';
import { listBodies } from '$lib/server/meetings/bodies.repository.ts';
import { requireClerk } from '$lib/server/meetings/clerk.ts';
import { listClerkMeetings } from '$lib/server/meetings/meetings.repository.ts';

export const load: PageServerLoad = async (event) => {
	requireClerk(event);
	const { db } = await appContext();
	const now = new Date();
	const [upcoming, past, bodies] = await Promise.all([
		listClerkMeetings(db, { when: 'upcoming', now }),
		listClerkMeetings(db, { when: 'past', now }),
		listBodies(db)
	]);
	const deleted = event.url.searchParams.get('erledigt') === 'meetingDeleted';
	return { upcoming, past, hasBodies: bodies.length > 0, deleted };
};
