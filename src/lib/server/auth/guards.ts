import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { localizePath, messages } from '../../i18n/index.ts';
import type { Role } from '../db/schema.ts';
import type { SessionUser } from './sessions.ts';

/** Anonymous visitors are sent to the login page and brought back afterwards. */
export function requireUser(event: RequestEvent): SessionUser {
	const user = event.locals.user;
	if (!user) {
		const back = event.url.pathname + event.url.search;
		redirect(
			303,
			`${localizePath('/anmelden', event.locals.locale)}?weiter=${encodeURIComponent(back)}`
		);
	}
	return user;
}

/** Checked on the server for every load and action; hiding a button is never the protection. */
export function requireRole(event: RequestEvent, role: Role): SessionUser {
	const user = requireUser(event);
	if (!user.roles.includes(role)) error(403, messages(event.locals.locale).error403);
	return user;
}

/** Like requireRole, for pages that several roles share (the Sitzungsdienst: clerk or admin). */
export function requireAnyRole(event: RequestEvent, roles: readonly Role[]): SessionUser {
	const user = requireUser(event);
	if (!roles.some((r) => user.roles.includes(r)))
		error(403, messages(event.locals.locale).error403);
	return user;
}

/** Only local paths, so a crafted `?weiter=` cannot send people to another site. */
export function safeReturnPath(value: string | null, fallback: string): string {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
		return fallback;
	return value;
}
