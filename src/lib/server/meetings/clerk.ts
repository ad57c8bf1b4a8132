import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { messages } from '../../i18n/index.ts';
import { appContext } from '../app.ts';
import { requireAnyRole } from '../auth/guards.ts';
import { isUuid } from '../db/ids.ts';
import type { Role } from '../db/schema.ts';
import type { FormErrors } from '../http/forms.ts';
import { echoForm } from './forms.ts';

/** Who may run the Sitzungsdienst pages. */
export const CLERK_ROLES: readonly Role[] = ['clerk', 'admin'];

/** Checked in every load and action under /sitzungsdienst (form actions skip layout loads). */
export function requireClerk(event: RequestEvent) {
	return requireAnyRole(event, CLERK_ROLES);
}

/** The route's [id] (or another param), or a 404 when it is not a uuid. */
export function routeId(event: RequestEvent, param = 'id'): string {
	const value = (event.params as Record<string, string | undefined>)[param] ?? '';
	if (!isUuid(value)) error(404, messages(event.locals.locale).error404);
	return value;
}

export function notFound(event: RequestEvent): never {
	error(404, messages(event.locals.locale).error404);
}

/** Role check and the submitted form, shared by every Sitzungsdienst action. */
export async function clerkAction(event: RequestEvent) {
	const user = requireClerk(event);
	const locale = event.locals.locale;
	const form = await event.request.formData();
	return {
		actorId: user.id,
		locale,
		m: messages(locale),
		form,
		deps: await appContext(),
		refuse: (errors: FormErrors, status = 400, section?: string) =>
			fail(status, { errors, values: echoForm(form), section })
	};
}
