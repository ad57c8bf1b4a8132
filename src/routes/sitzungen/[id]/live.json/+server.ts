import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import { loadPublicLiveStatus } from '$lib/server/live/console-status.ts';
import { touchViewer } from '$lib/server/live/live.repository.ts';
import { findMeeting } from '$lib/server/meetings/meetings.repository.ts';

/**
 * The live page's poll every five seconds: phase, current public item, non-public flag, viewers.
 * `?v=` is a random token the page keeps in memory for one page view (no cookie, no storage): it
 * counts the viewer for a minute or two and identifies nobody.
 */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const m = messages(locals.locale);
	if (!isUuid(params.id)) error(404, m.error404);
	const token = url.searchParams.get('v');
	if (token !== null && !isUuid(token)) error(400, m.lvBadToken);
	const { db } = await appContext();
	if (!(await findMeeting(db, params.id))) error(404, m.error404);
	// Counted in any phase: tokens are forgotten after two minutes, and only live counts are shown.
	if (token) await touchViewer(db, params.id, token.toLowerCase());
	const status = await loadPublicLiveStatus(db, params.id);
	if (!status) error(404, m.lvNoStream);
	return json(status, { headers: { 'cache-control': 'no-store' } });
};
