import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath, messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { createConsultation } from '$lib/server/consultations/consultations.service.ts';
import { basicsForm, echoForm } from '$lib/server/consultations/forms.ts';
import { fieldError, parseForm } from '$lib/server/http/forms.ts';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'planner');
};

export const actions: Actions = {
	default: async (event) => {
		const planner = requireRole(event, 'planner');
		const { locale } = event.locals;
		const form = await event.request.formData();
		const parsed = parseForm(basicsForm, form, locale);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: echoForm(form) });
		const result = await createConsultation(await appContext(), planner.id, parsed.data);
		if (!result.ok) {
			return fail(409, {
				errors: fieldError('slug', messages(locale).consSlugTaken),
				values: echoForm(form)
			});
		}
		redirect(303, `${localizePath(`/planung/verfahren/${result.id}`, locale)}?erledigt=created`);
	}
};
