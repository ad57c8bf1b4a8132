import type { RequestEvent } from '@sveltejs/kit';
import { requireAnyRole } from '../auth/guards.ts';
import type { Role } from '../db/schema.ts';

/** Who may run the Sitzungsdienst pages. */
export const CLERK_ROLES: readonly Role[] = ['clerk', 'admin'];

/** Checked in every load and action under /sitzungsdienst (form actions skip layout loads). */
export function requireClerk(event: RequestEvent) {
	return requireAnyRole(event, CLERK_ROLES);
}
