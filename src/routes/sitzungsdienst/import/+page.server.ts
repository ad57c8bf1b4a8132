import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath, messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireUser } from '$lib/server/auth/guards.ts';
import { parseForm } from '$lib/server/http/forms.ts';
import { startImport } from '$lib/server/meetings/oparl/import.ts';
import { importForm } from '$lib/server/meetings/oparl/import-form.ts';
import { listImports } from '$lib/server/meetings/oparl/imports.repository.ts';

// Clerk pages are open to the Sitzungsdienst and to admins; checked in the load and the action.
function requireClerk(event: RequestEvent) {
	const user = requireUser(event);
	if (!user.roles.includes('clerk') && !user.roles.includes('admin')) {
		error(403, messages(event.locals.locale).error403);
	}
	return user;
}

export const load: PageServerLoad = async (event) => {
	requireClerk(event);
	const { db } = await appContext();
	return { imports: await listImports(db), started: event.url.searchParams.has('gestartet') };
};

export const actions: Actions = {
	default: async (event) => {
		const clerk = requireClerk(event);
		const { locale } = event.locals;
		const parsed = parseForm(importForm, await event.request.formData(), locale);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		await startImport(await appContext(), clerk.id, parsed.data.endpoint);
		redirect(303, localizePath('/sitzungsdienst/import?gestartet', locale));
	}
};
