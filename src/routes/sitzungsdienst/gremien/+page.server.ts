import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { parseForm } from '$lib/server/http/forms.ts';
import { listBodies } from '$lib/server/meetings/bodies.repository.ts';
import { clerkAction, requireClerk } from '$lib/server/meetings/clerk.ts';
import { bodyForm } from '$lib/server/meetings/forms.ts';
import { countMeetingsByBody } from '$lib/server/meetings/meetings.repository.ts';
import { createBody } from '$lib/server/meetings/registry.service.ts';

export const load: PageServerLoad = async (event) => {
	requireClerk(event);
	const { db } = await appContext();
	const [bodies, counts] = await Promise.all([listBodies(db), countMeetingsByBody(db)]);
	return {
		bodies: bodies.map((b) => ({ ...b, meetings: counts.get(b.id) ?? 0 })),
		deleted: event.url.searchParams.get('erledigt') === 'deleted'
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { actorId, locale, form, deps, refuse } = await clerkAction(event);
		const parsed = parseForm(bodyForm, form, locale);
		if (!parsed.ok) return refuse(parsed.errors);
		const { id } = await createBody(deps, actorId, parsed.data);
		redirect(303, `${localizePath(`/sitzungsdienst/gremien/${id}`, locale)}?erledigt=created`);
	}
};
