import type { LayoutServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards.ts';

// Guards the pages; every action under /admin checks the role again itself, because form
// actions do not run layout loads.
export const load: LayoutServerLoad = (event) => {
	requireRole(event, 'admin');
};
