import type { PageServerLoad } from './$types';
import { appContext } from '$lib/server/app.ts';
import { listCurrentConsultations } from '$lib/server/consultations/consultations.repository.ts';
import {
	listRecordedMeetings,
	listUpcomingMeetings
} from '$lib/server/meetings/meetings.repository.ts';

export const load: PageServerLoad = async () => {
	const { db } = await appContext();
	const [consultations, upcoming, recorded] = await Promise.all([
		listCurrentConsultations(db),
		listUpcomingMeetings(db, new Date()),
		listRecordedMeetings(db)
	]);
	return { consultations, upcoming, recorded };
};
