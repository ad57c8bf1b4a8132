import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import { chaptersJson } from '$lib/server/meetings/chapters.ts';
import { loadArchiveChapters } from '$lib/server/meetings/replay.ts';

// The meeting's public chapters as JSON: seconds on the recording and wall-clock times.
export const GET: RequestHandler = async ({ params, locals }) => {
	if (!isUuid(params.id)) error(404, messages(locals.locale).error404);
	const { db, config } = await appContext();
	const archive = await loadArchiveChapters(db, params.id);
	if (!archive) error(404, messages(locals.locale).error404);
	const document = chaptersJson({
		meetingId: params.id,
		recordingId: archive.recording.id,
		startedAt: archive.recording.startedAt,
		durationMs: archive.durationMs,
		chapters: archive.chapters,
		meetingUrl: `${config.origin}/sitzungen/${params.id}`
	});
	return json(document, {
		headers: { 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=60' }
	});
};
