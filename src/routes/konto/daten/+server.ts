import type { RequestHandler } from './$types';
import { appContext } from '$lib/server/app.ts';
import { requireUser } from '$lib/server/auth/guards.ts';
import { exportAccountData } from '$lib/server/privacy/account-data.ts';

export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const data = await exportAccountData((await appContext()).db, user.id);
	const date = new Date().toISOString().slice(0, 10);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="mitreden-meine-daten-${date}.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
