import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { parseForm } from '$lib/server/http/forms.ts';
import { findTerm } from '$lib/server/meetings/bodies.repository.ts';
import { clerkAction, notFound, requireClerk, routeId } from '$lib/server/meetings/clerk.ts';
import { confirmForm, termForm } from '$lib/server/meetings/forms.ts';
import { deleteTerm, editTerm } from '$lib/server/meetings/registry.service.ts';

export const load: PageServerLoad = async (event) => {
	requireClerk(event);
	const { db } = await appContext();
	const term = await findTerm(db, routeId(event));
	if (!term) notFound(event);
	return { term, created: event.url.searchParams.get('erledigt') === 'created' };
};

export const actions: Actions = {
	save: async (event) => {
		const { actorId, locale, m, form, deps, refuse } = await clerkAction(event);
		const id = routeId(event);
		const parsed = parseForm(termForm, form, locale);
		if (!parsed.ok) return refuse(parsed.errors);
		if (!(await editTerm(deps, actorId, id, parsed.data)).ok) notFound(event);
		return { message: m.termSaved };
	},
	delete: async (event) => {
		const { actorId, locale, m, form, deps, refuse } = await clerkAction(event);
		const id = routeId(event);
		if (!parseForm(confirmForm, form, locale).ok)
			return refuse({ confirm: m.meetConfirmRequired }, 400, 'delete');
		if (!(await deleteTerm(deps, actorId, id)).ok) notFound(event);
		redirect(303, `${localizePath('/sitzungsdienst/wahlperioden', locale)}?erledigt=deleted`);
	}
};
