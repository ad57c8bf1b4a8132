import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { appContext } from '$lib/server/app.ts';
import { checkHealth } from '$lib/server/health.ts';

export const GET: RequestHandler = async () => {
	const health = await checkHealth((await appContext()).db);
	return json(health, {
		status: health.status === 'ok' ? 200 : 503,
		headers: { 'cache-control': 'no-store' }
	});
};
