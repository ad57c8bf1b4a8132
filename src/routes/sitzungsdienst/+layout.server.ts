import type { LayoutServerLoad } from './$types';
import { requireClerk } from '$lib/server/meetings/clerk.ts';

// Guards every page under /sitzungsdienst; each load and action there checks the role again
// itself, because form actions do not run layout loads.
export const load: LayoutServerLoad = (event) => {
	requireClerk(event);
};
