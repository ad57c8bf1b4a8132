import { isUuid } from '$lib/server/db/ids.ts';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { fileAudience } from '$lib/server/consultations/consultations.repository.ts';
import { findFileById } from '$lib/server/media/files.repository.ts';
import { fileStorage } from '$lib/server/media/storage.ts';
import { contentDisposition, fileHeaders } from '$lib/server/media/headers.ts';

// Uploaded files (cover images, PDF documents). Files of unpublished consultations exist only for
// planners: everyone else gets the same 404 as for an unknown id.
export const GET: RequestHandler = async ({ params, locals, request }) => {
	const notFound: () => never = () => error(404, messages(locals.locale).error404);
	if (!isUuid(params.id)) notFound();
	const { db, config } = await appContext();
	const file = await findFileById(db, params.id);
	if (!file) notFound();
	const audience = await fileAudience(db, file.id);
	// Moderators review hidden map comments, photos included.
	const staff = locals.user?.roles.some((r) => r === 'planner' || r === 'moderator') ?? false;
	if (audience === 'restricted' && !staff) notFound();

	const headers = fileHeaders(file, audience);
	// Content never changes under an id (a new upload gets a new id), so the hash is a strong ETag.
	if (request.headers.get('if-none-match') === headers.etag) {
		return new Response(null, { status: 304, headers });
	}
	const opened = await fileStorage(config).open(file.storageKey);
	if (!opened) notFound();
	return new Response(opened.stream, {
		headers: {
			...headers,
			'content-length': String(opened.size),
			'content-disposition': contentDisposition(file)
		}
	});
};
