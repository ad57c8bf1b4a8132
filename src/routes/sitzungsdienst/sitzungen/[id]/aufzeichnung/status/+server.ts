import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { appContext } from '$lib/server/app.ts';
import { meetingOr404, requireClerkApi } from '$lib/server/meetings/clerk-access.ts';
import { recordingStatus } from '$lib/server/meetings/recording-status.ts';

/** The recording's state for the page's poll every two seconds while a job runs. */
export const GET: RequestHandler = async (event) => {
	requireClerkApi(event);
	const ctx = await appContext();
	const meeting = await meetingOr404(ctx.db, event, event.params.id);
	return json(await recordingStatus(ctx.db, meeting.id), {
		headers: { 'cache-control': 'no-store' }
	});
};
