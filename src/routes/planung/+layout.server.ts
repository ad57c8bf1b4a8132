import type { LayoutServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards.ts';

// Guards every page under /planung; each load and action there checks the role again itself,
// because form actions do not run layout loads.
export const load: LayoutServerLoad = (event) => {
	requireRole(event, 'planner');
};
