import type { RequestHandler } from './$types';
import { appContext } from '$lib/server/app.ts';
import { dcatCatalog, listDatasets } from '$lib/server/results/open-data.ts';
import { PUBLIC_CACHE } from '$lib/server/results/published-route.ts';

// The catalogue a data portal (GovData, the state portals) harvests: DCAT-AP.de as JSON-LD.
export const GET: RequestHandler = async () => {
	const { db, config } = await appContext();
	const catalog = dcatCatalog(await listDatasets(db), config);
	return new Response(JSON.stringify(catalog, null, '\t'), {
		headers: {
			'content-type': 'application/ld+json; charset=utf-8',
			'cache-control': PUBLIC_CACHE,
			'access-control-allow-origin': '*'
		}
	});
};
