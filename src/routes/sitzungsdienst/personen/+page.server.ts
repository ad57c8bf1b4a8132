import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { parseForm } from '$lib/server/http/forms.ts';
import { clerkAction, requireClerk } from '$lib/server/meetings/clerk.ts';
import { personForm } from '$lib/server/meetings/forms.ts';
import { listMemberships, listPersons } from '$lib/server/meetings/persons.repository.ts';
import { createPerson } from '$lib/server/meetings/registry.service.ts';

export const load: PageServerLoad = async (event) => {
	requireClerk(event);
	const { db } = await appContext();
	const [persons, memberships] = await Promise.all([listPersons(db), listMemberships(db)]);
	const bodiesOf = new Map<string, string[]>();
	for (const ms of memberships)
		bodiesOf.set(ms.personId, [...(bodiesOf.get(ms.personId) ?? []), ms.bodyName]);
	return {
		persons: persons.map((p) => ({ ...p, bodies: bodiesOf.get(p.id) ?? [] })),
		deleted: event.url.searchParams.get('erledigt') === 'deleted'
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { actorId, locale, form, deps, refuse } = await clerkAction(event);
		const parsed = parseForm(personForm, form, locale);
		if (!parsed.ok) return refuse(parsed.errors);
		const { id } = await createPerson(deps, actorId, parsed.data);
		redirect(303, `${localizePath(`/sitzungsdienst/personen/${id}`, locale)}?erledigt=created`);
	}
};
