import type { PageServerLoad } from './$types';
import { appContext } from '$lib/server/app.ts';
import { listDatasets } from '$lib/server/results/open-data.ts';

export const load: PageServerLoad = async () => {
	return { datasets: await listDatasets((await appContext()).db) };
};
