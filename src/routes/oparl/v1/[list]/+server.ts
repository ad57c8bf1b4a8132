import type { RequestHandler } from './$types';
import { appContext } from '$lib/server/app.ts';
import { oparlList } from '$lib/server/meetings/oparl/api.ts';
import { oparlResponse, oparlSite } from '$lib/server/meetings/oparl/api-http.ts';

export const GET: RequestHandler = async ({ params, url }) => {
	const { db, config } = await appContext();
	return oparlResponse(await oparlList(db, oparlSite(config), params.list, url.searchParams));
};
