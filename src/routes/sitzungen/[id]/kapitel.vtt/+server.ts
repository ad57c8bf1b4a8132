import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import { chaptersVtt } from '$lib/server/meetings/chapters.ts';
import { loadArchiveChapters } from '$lib/server/meetings/replay.ts';

// The meeting's public chapters as WebVTT (kind="chapters"), for players and other tools.
export const GET: RequestHandler = async ({ params, locals }) => {
	if (!isUuid(params.id)) error(404, messages(locals.locale).error404);
	const archive = await loadArchiveChapters((await appContext()).db, params.id);
	if (!archive) error(404, messages(locals.locale).error404);
	return new Response(chaptersVtt(archive.chapters), {
		headers: {
			'content-type': 'text/vtt; charset=utf-8',
			'x-content-type-options': 'nosniff',
			// Clerks edit the marks; a minute of staleness is fine for a public chapter list.
			'cache-control': 'public, max-age=60'
		}
	});
};
