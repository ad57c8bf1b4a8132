import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { parseForm } from '$lib/server/http/forms.ts';
import { findBody } from '$lib/server/meetings/bodies.repository.ts';
import { clerkAction, notFound, requireClerk, routeId } from '$lib/server/meetings/clerk.ts';
import { bodyForm, confirmForm } from '$lib/server/meetings/forms.ts';
import { deleteBody, editBody } from '$lib/server/meetings/registry.service.ts';
import {
	findRetention,
	queueRetentionSweep,
	retentionForm,
	retentionValues,
	saveRetention
} from '$lib/server/meetings/retention-settings.ts';

export const load: PageServerLoad = async (event) => {
	requireClerk(event);
	const { db } = await appContext();
	const id = routeId(event);
	const [body, retention] = await Promise.all([findBody(db, id), findRetention(db, 'body', id)]);
	if (!body) notFound(event);
	return {
		body,
		retention: retentionValues(retention ?? { mode: null, days: null }),
		created: event.url.searchParams.get('erledigt') === 'created'
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { actorId, locale, m, form, deps, refuse } = await clerkAction(event);
		const id = routeId(event);
		const parsed = parseForm(bodyForm, form, locale);
		if (!parsed.ok) return refuse(parsed.errors);
		if (!(await editBody(deps, actorId, id, parsed.data)).ok) notFound(event);
		return { message: m.bodySaved };
	},
	retention: async (event) => {
		const { actorId, locale, m, form, deps, refuse } = await clerkAction(event);
		const id = routeId(event);
		const parsed = parseForm(retentionForm, form, locale);
		if (!parsed.ok) return refuse(parsed.errors, 400, 'retention');
		const result = await saveRetention(deps, actorId, 'body', id, parsed.data);
		if (result.ok) {
			await queueRetentionSweep(deps);
			return { message: m.rtSaved, section: 'retention' };
		}
		if (result.reason === 'notFound') notFound(event);
		return refuse({ retentionMode: m.rtTermNoEndBody }, 400, 'retention');
	},
	delete: async (event) => {
		const { actorId, locale, m, form, deps, refuse } = await clerkAction(event);
		const id = routeId(event);
		const parsed = parseForm(confirmForm, form, locale);
		if (!parsed.ok) return refuse({ confirm: m.meetConfirmRequired }, 400, 'delete');
		const result = await deleteBody(deps, actorId, id);
		if (!result.ok && result.reason === 'notFound') notFound(event);
		if (!result.ok) return refuse({ confirm: m.meetBodyHasMeetings }, 409, 'delete');
		redirect(303, `${localizePath('/sitzungsdienst/gremien', locale)}?erledigt=deleted`);
	}
};
