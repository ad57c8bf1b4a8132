import type { PageServerLoad } from './$types';
import { appContext } from '$lib/server/app.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import { listBodies } from '$lib/server/meetings/bodies.repository.ts';
import { listMeetings } from '$lib/server/meetings/meetings.repository.ts';

export const load: PageServerLoad = async ({ url }) => {
	const { db } = await appContext();
	const raw = url.searchParams.get('gremium') ?? '';
	// An unknown or malformed filter shows everything rather than an error page.
	const bodyId = isUuid(raw) ? raw : undefined;
	const now = new Date();
	const [bodies, upcoming, past] = await Promise.all([
		listBodies(db),
		listMeetings(db, { when: 'upcoming', now, bodyId }),
		listMeetings(db, { when: 'past', now, bodyId })
	]);
	return { bodies, bodyId: bodyId ?? null, upcoming, past };
};
