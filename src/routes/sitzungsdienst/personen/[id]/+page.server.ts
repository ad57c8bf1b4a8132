import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { parseForm } from '$lib/server/http/forms.ts';
import { listBodies } from '$lib/server/meetings/bodies.repository.ts';
import { clerkAction, notFound, requireClerk, routeId } from '$lib/server/meetings/clerk.ts';
import {
	confirmForm,
	deleteMembershipForm,
	membershipForm,
	personForm
} from '$lib/server/meetings/forms.ts';
import { findPerson, listMemberships } from '$lib/server/meetings/persons.repository.ts';
import {
	addMembership,
	deletePerson,
	editPerson,
	removeMembership
} from '$lib/server/meetings/registry.service.ts';

export const load: PageServerLoad = async (event) => {
	requireClerk(event);
	const { db } = await appContext();
	const id = routeId(event);
	const person = await findPerson(db, id);
	if (!person) notFound(event);
	const [memberships, bodies] = await Promise.all([listMemberships(db, id), listBodies(db)]);
	return {
		person,
		memberships,
		bodies,
		created: event.url.searchParams.get('erledigt') === 'created'
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { actorId, locale, m, form, deps, refuse } = await clerkAction(event);
		const id = routeId(event);
		const parsed = parseForm(personForm, form, locale);
		if (!parsed.ok) return refuse(parsed.errors, 400, 'person');
		if (!(await editPerson(deps, actorId, id, parsed.data)).ok) notFound(event);
		return { message: m.personSaved };
	},
	addMembership: async (event) => {
		const { actorId, locale, m, form, deps, refuse } = await clerkAction(event);
		const personId = routeId(event);
		const parsed = parseForm(membershipForm, form, locale);
		if (!parsed.ok) return refuse(parsed.errors, 400, 'membership');
		const result = await addMembership(deps, actorId, { ...parsed.data, personId });
		if (!result.ok && result.reason === 'personNotFound') notFound(event);
		if (!result.ok) return refuse({ bodyId: m.meetBodyUnknown }, 400, 'membership');
		return { message: m.membershipAdded };
	},
	removeMembership: async (event) => {
		const { actorId, locale, m, form, deps, refuse } = await clerkAction(event);
		const personId = routeId(event);
		const parsed = parseForm(deleteMembershipForm, form, locale);
		const key = String(form.get('membershipId') ?? '');
		if (!parsed.ok) return refuse({ confirm: m.meetConfirmRequired }, 400, `ms-${key}`);
		const result = await removeMembership(deps, actorId, personId, parsed.data.membershipId);
		if (!result.ok) return refuse({ confirm: m.meetAlreadyDeleted }, 404, `ms-${key}`);
		return { message: m.membershipDeleted };
	},
	delete: async (event) => {
		const { actorId, locale, m, form, deps, refuse } = await clerkAction(event);
		const id = routeId(event);
		if (!parseForm(confirmForm, form, locale).ok)
			return refuse({ confirm: m.meetConfirmRequired }, 400, 'delete');
		if (!(await deletePerson(deps, actorId, id)).ok) notFound(event);
		redirect(303, `${localizePath('/sitzungsdienst/personen', locale)}?erledigt=deleted`);
	}
};
