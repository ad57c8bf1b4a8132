import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath, messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { parseForm, type FormErrors } from '$lib/server/http/forms.ts';
import { createSurvey } from '$lib/server/surveys/builder.ts';
import { listConsultationChoices } from '$lib/server/surveys/builder.repository.ts';
import { createForm } from '$lib/server/surveys/builder-forms.ts';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'planner');
	const consultations = await listConsultationChoices((await appContext()).db);
	const wanted = event.url.searchParams.get('verfahren');
	const chosen = wanted ? consultations.find((c) => c.id === wanted) : undefined;
	if (wanted && !chosen) error(404, messages(event.locals.locale).error404);
	return { consultations, chosen: chosen ?? null };
};

export const actions: Actions = {
	default: async (event) => {
		const planner = requireRole(event, 'planner');
		const { locale } = event.locals;
		const parsed = parseForm(createForm, await event.request.formData(), locale);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const outcome = await createSurvey((await appContext()).db, planner.id, parsed.data);
		if (!outcome.ok) {
			const errors: FormErrors = { consultationId: messages(locale).sbConsultationMissing };
			return fail(400, { errors, values: { ...parsed.data } as Record<string, string> });
		}
		redirect(303, localizePath(`/planung/umfragen/${outcome.id}?angelegt`, locale));
	}
};
