import { error, type RequestEvent } from '@sveltejs/kit';
import { messages } from '../../i18n/index.ts';
import { requireUser } from '../auth/guards.ts';
import type { SessionUser } from '../auth/sessions.ts';

/** The Sitzungsdienst's pages are for clerks and admins; checked in every load and action. */
export function requireClerk(event: RequestEvent): SessionUser {
	const user = requireUser(event);
	if (!user.roles.some((r) => r === 'clerk' || r === 'admin')) {
		error(403, messages(event.locals.locale).error403);
	}
	return user;
}
