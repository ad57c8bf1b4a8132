import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { deepLinkStart } from '$lib/archive/deep-link.ts';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { listAppliedCuts } from '$lib/server/live/cut-marks.ts';
import { mediaStore } from '$lib/server/media/media-store.ts';
import { loadPublicMeeting } from '$lib/server/meetings/public-meeting.ts';
import { loadLivePage } from '$lib/server/live/console-status.ts';
import { loadReplay } from '$lib/server/meetings/replay.ts';
import { recordingExpiredOn } from '$lib/server/meetings/retention-public.ts';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const { db, config } = await appContext();
	const meeting = await loadPublicMeeting(db, params.id);
	if (!meeting) error(404, messages(locals.locale).error404);
	// The replay (issue #4, player): null until the meeting's archive is online.
	const replay = meeting.recording ? await loadReplay(db, mediaStore(config), params.id) : null;
	const startAt = replay
		? deepLinkStart(url.searchParams, replay.items, replay.durationSeconds)
		: null;
	// The live broadcast (issue #6): null for meetings that have no live stream.
	const [live, cuts, expiredOn] = await Promise.all([
		replay ? null : loadLivePage(db, params.id),
		replay ? listAppliedCuts(db, params.id) : [],
		meeting.recording ? null : recordingExpiredOn(db, params.id)
	]);
	return { ...meeting, replay, startAt, live, cuts, expiredOn };
};
