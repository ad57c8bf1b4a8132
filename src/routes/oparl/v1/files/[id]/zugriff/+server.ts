import type { RequestHandler } from './$types';
import { appContext } from '$lib/server/app.ts';
import { oparlFileAccess } from '$lib/server/meetings/oparl/api.ts';
import { OPARL_HEADERS, oparlSite } from '$lib/server/meetings/oparl/api-http.ts';

// The access address of a File once it is deleted answers 410 Gone (OParl 1.1, deleted objects).
export const GET: RequestHandler = async ({ params }) => {
	const { db, config } = await appContext();
	const access = await oparlFileAccess(db, oparlSite(config), params.id);
	if (access.status === 302) {
		return new Response(null, { status: 302, headers: { location: access.location } });
	}
	const message = access.status === 410 ? 'The file was deleted' : 'The file does not exist';
	return new Response(JSON.stringify({ error: message }), {
		status: access.status,
		headers: OPARL_HEADERS
	});
};
