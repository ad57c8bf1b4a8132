import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { loadPublicMeeting } from '$lib/server/meetings/public-meeting.ts';

export const load: PageServerLoad = async ({ params, locals }) => {
	const { db } = await appContext();
	const meeting = await loadPublicMeeting(db, params.id);
	if (!meeting) error(404, messages(locals.locale).error404);
	return meeting;
};
