import type { PageServerLoad } from './$types';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { listAudit } from '$lib/server/audit/audit.repository.ts';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const page = Math.min(
		Math.max(1, Number.parseInt(event.url.searchParams.get('seite') ?? '1', 10) || 1),
		10_000
	);
	const { items, total } = await listAudit((await appContext()).db, {
		limit: PAGE_SIZE,
		offset: (page - 1) * PAGE_SIZE
	});
	return { items, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
};
