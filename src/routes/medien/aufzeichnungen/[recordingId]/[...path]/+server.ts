import { error, type RequestEvent } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { archiveExpired, resolveArchiveFile } from '$lib/server/archive/archive-files.ts';
import { sendRepresentation } from '$lib/server/archive/http-file.ts';
import { mediaStore } from '$lib/server/media/media-store.ts';

// The HLS archive of a recording: playlists (rewritten with the recording's date-times and
// agenda date ranges), init segments, segments, poster, thumbnails and captions. The archive is
// public; everything the public may not see answers 404 like an unknown address, an expired
// recording 410.
async function serve(event: RequestEvent<{ recordingId: string; path: string }>) {
	const { db, config } = await appContext();
	const file = await resolveArchiveFile(
		{ db, store: mediaStore(config) },
		event.params.recordingId,
		event.params.path,
		event.url.searchParams.get('v')
	);
	if (!file) {
		// Retention ended: gone for good, which caches and crawlers should learn (RFC 9110 15.5.11).
		if (await archiveExpired(db, event.params.recordingId)) {
			error(410, messages(event.locals.locale).rtGone);
		}
		error(404, messages(event.locals.locale).error404);
	}
	return sendRepresentation(
		event.request.method === 'HEAD' ? 'HEAD' : 'GET',
		event.request.headers,
		file
	);
}

export const GET: RequestHandler = serve;
export const HEAD: RequestHandler = serve;
