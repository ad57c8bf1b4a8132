import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { parseForm } from '$lib/server/http/forms.ts';
import { listTerms } from '$lib/server/meetings/bodies.repository.ts';
import { clerkAction, requireClerk } from '$lib/server/meetings/clerk.ts';
import { termForm } from '$lib/server/meetings/forms.ts';
import { createTerm } from '$lib/server/meetings/registry.service.ts';

export const load: PageServerLoad = async (event) => {
	requireClerk(event);
	const { db } = await appContext();
	return {
		terms: await listTerms(db),
		deleted: event.url.searchParams.get('erledigt') === 'deleted'
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { actorId, locale, form, deps, refuse } = await clerkAction(event);
		const parsed = parseForm(termForm, form, locale);
		if (!parsed.ok) return refuse(parsed.errors);
		const { id } = await createTerm(deps, actorId, parsed.data);
		redirect(303, `${localizePath(`/sitzungsdienst/wahlperioden/${id}`, locale)}?erledigt=created`);
	}
};
