import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { parseForm } from '$lib/server/http/forms.ts';
import { requireClerk } from '$lib/server/meetings/clerk.ts';
import { startImport } from '$lib/server/meetings/oparl/import.ts';
import { importForm } from '$lib/server/meetings/oparl/import-form.ts';
import { listImports } from '$lib/server/meetings/oparl/imports.repository.ts';

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
