import { error, type RequestEvent } from '@sveltejs/kit';
import { messages } from '../../i18n/index.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { isUuid } from '../db/ids.ts';
import type { Db } from '../db/index.ts';
import { CLERK_ROLES, requireClerk } from './clerk.ts';
import { findMeetingHeader, type MeetingHeader } from './recording-uploads.repository.ts';

/** Pages of the Sitzungsdienst: anonymous visitors go to the login page, others need the role. */
export { requireClerk };

const isClerk = (user: SessionUser) => CLERK_ROLES.some((role) => user.roles.includes(role));

/** Endpoints called by script answer 401/403 instead of redirecting to the login page. */
export function requireClerkApi(event: RequestEvent): SessionUser {
	const m = messages(event.locals.locale);
	const user = event.locals.user;
	if (!user) error(401, m.error403);
	if (!isClerk(user)) error(403, m.error403);
	return user;
}

/** The meeting named in the address; 404 for a malformed id, an unknown or a deleted meeting. */
export async function meetingOr404(
	db: Db,
	event: RequestEvent,
	id: string | undefined
): Promise<MeetingHeader> {
	const meeting = id && isUuid(id) ? await findMeetingHeader(db, id.toLowerCase()) : null;
	if (!meeting) error(404, messages(event.locals.locale).error404);
	return meeting;
}

/**
 * Requests with a body that SvelteKit's CSRF check does not look at (it checks form encodings
 * only): the chunk PATCH and the DELETE must come from a page of our own origin.
 */
export function requireSameOrigin(event: RequestEvent): void {
	if (event.request.headers.get('origin') !== event.url.origin) {
		error(403, messages(event.locals.locale).error403);
	}
}
