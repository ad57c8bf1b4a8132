import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { appContext } from '$lib/server/app.ts';
import { loadConsoleStatus } from '$lib/server/live/console-status.ts';
import { consoleHeartbeat } from '$lib/server/live/console.service.ts';
import { meetingOr404, requireClerkApi } from '$lib/server/meetings/clerk-access.ts';

/**
 * The console's poll every two seconds. Each call is also the console's heartbeat: when it stops,
 * the state becomes unknown (non-public) after LIVE_CONSOLE_TIMEOUT_SECONDS.
 */
export const GET: RequestHandler = async (event) => {
	requireClerkApi(event);
	const ctx = await appContext();
	const meeting = await meetingOr404(ctx.db, event, event.params.id);
	await consoleHeartbeat(ctx, meeting.id);
	return json(await loadConsoleStatus(ctx.db, meeting.id, ctx.config.live.rtmpUrl), {
		headers: { 'cache-control': 'no-store' }
	});
};
