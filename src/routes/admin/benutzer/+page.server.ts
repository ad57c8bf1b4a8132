import type { PageServerLoad } from './$types';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { listUsers } from '$lib/server/auth/users.repository.ts';
import { ROLES, type Role } from '$lib/server/db/schema.ts';

const PAGE_SIZE = 25;

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const params = event.url.searchParams;
	const search = (params.get('q') ?? '').trim().slice(0, 100);
	const roleParam = params.get('rolle');
	const role = ROLES.includes(roleParam as Role) ? (roleParam as Role) : undefined;
	const page = Math.min(Math.max(1, Number.parseInt(params.get('seite') ?? '1', 10) || 1), 10_000);
	const { users, total } = await listUsers((await appContext()).db, {
		search: search || undefined,
		role,
		limit: PAGE_SIZE,
		offset: (page - 1) * PAGE_SIZE
	});
	return {
		users,
		total,
		search,
		role: role ?? '',
		page,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		roles: ROLES
	};
};
