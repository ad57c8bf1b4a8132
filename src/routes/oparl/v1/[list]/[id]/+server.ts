import type { RequestHandler } from './$types';
import { appContext } from '$lib/server/app.ts';
import { oparlObject } from '$lib/server/meetings/oparl/api.ts';
import { oparlResponse, oparlSite } from '$lib/server/meetings/oparl/api-http.ts';

export const GET: RequestHandler = async ({ params }) => {
	const { db, config } = await appContext();
	return oparlResponse(await oparlObject(db, oparlSite(config), params.list, params.id));
};
