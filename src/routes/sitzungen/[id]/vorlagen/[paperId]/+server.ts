import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import { findPaperFile } from '$lib/server/meetings/agenda.repository.ts';
import { CLERK_ROLES } from '$lib/server/meetings/clerk.ts';
import { findFileById } from '$lib/server/media/files.repository.ts';
import { contentDisposition, fileHeaders } from '$lib/server/media/headers.ts';
import { fileStorage } from '$lib/server/media/storage.ts';

// A paper's PDF. Papers of non-public items exist only for the Sitzungsdienst: everyone else gets
// the same 404 as for an unknown id.
export const GET: RequestHandler = async ({ params, locals, request }) => {
	const notFound: () => never = () => error(404, messages(locals.locale).error404);
	if (!isUuid(params.id) || !isUuid(params.paperId)) notFound();
	const { db, config } = await appContext();
	const paper = await findPaperFile(db, params.id, params.paperId);
	if (!paper) notFound();
	const isClerk = CLERK_ROLES.some((r) => locals.user?.roles.includes(r));
	if (!paper.isPublic && !isClerk) notFound();
	const file = await findFileById(db, paper.fileId);
	if (!file) notFound();
	const headers = fileHeaders(file, paper.isPublic ? 'public' : 'restricted');
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
