import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { parseForm } from '$lib/server/http/forms.ts';
import { listBodies, listTerms } from '$lib/server/meetings/bodies.repository.ts';
import { clerkAction, requireClerk } from '$lib/server/meetings/clerk.ts';
import { meetingForm } from '$lib/server/meetings/forms.ts';
import { createMeeting } from '$lib/server/meetings/meetings.service.ts';

export const load: PageServerLoad = async (event) => {
	requireClerk(event);
	const { db } = await appContext();
	const [bodies, terms] = await Promise.all([listBodies(db), listTerms(db)]);
	return { bodies, terms };
};

export const actions: Actions = {
	default: async (event) => {
		const { actorId, locale, m, form, deps, refuse } = await clerkAction(event);
		const parsed = parseForm(meetingForm, form, locale);
		if (!parsed.ok) return refuse(parsed.errors);
		const result = await createMeeting(deps, actorId, parsed.data);
		if (!result.ok && result.reason === 'bodyNotFound')
			return refuse({ bodyId: m.meetBodyUnknown });
		if (!result.ok) return refuse({ legislativeTermId: m.meetTermUnknown });
		redirect(
			303,
			`${localizePath(`/sitzungsdienst/sitzungen/${result.id}`, locale)}?erledigt=created`
		);
	}
};
