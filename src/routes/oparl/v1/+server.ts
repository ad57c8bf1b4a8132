import type { RequestHandler } from './$types';
import { appContext } from '$lib/server/app.ts';
import { oparlSystem } from '$lib/server/meetings/oparl/api.ts';
import { oparlResponse, oparlSite } from '$lib/server/meetings/oparl/api-http.ts';

// OParl 1.1 entry point: the System object.
export const GET: RequestHandler = async () => {
	const { db, config } = await appContext();
	return oparlResponse(await oparlSystem(db, oparlSite(config)));
};
