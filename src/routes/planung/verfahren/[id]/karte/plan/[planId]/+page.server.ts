import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { format, localizePath, messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { findConsultationById } from '$lib/server/consultations/consultations.repository.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import { fieldError, formValues, parseForm } from '$lib/server/http/forms.ts';
import { editPlan } from '$lib/server/mapcomments/plans.ts';
import { planEditForm } from '$lib/server/mapcomments/setup-forms.ts';
import { findStageOfConsultation } from '$lib/server/mapcomments/stages.service.ts';

// Editing one plan drawing: its own page, so the form's fields keep simple, unique names.

async function findPlan(consultationId: string, planId: string, locale: 'de' | 'en') {
	const m = messages(locale);
	if (!isUuid(consultationId) || !isUuid(planId)) error(404, m.error404);
	const { db } = await appContext();
	const consultation = await findConsultationById(db, consultationId);
	const stage = consultation ? await findStageOfConsultation(db, consultation.id) : null;
	const plan = stage?.plans.find((p) => p.id === planId);
	if (!consultation || !stage || !plan) error(404, m.error404);
	return { consultation, stage, plan };
}

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'planner');
	const { consultation, plan } = await findPlan(
		event.params.id,
		event.params.planId,
		event.locals.locale
	);
	return { consultation: { id: consultation.id, title: consultation.title }, plan };
};

export const actions: Actions = {
	default: async (event) => {
		const planner = requireRole(event, 'planner');
		const locale = event.locals.locale;
		const m = messages(locale);
		const { stage, plan } = await findPlan(event.params.id, event.params.planId, locale);
		const form = await event.request.formData();
		const parsed = parseForm(planEditForm, form, locale);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: formValues(form) });
		const { planTitle, planDescription, bounds } = parsed.data;
		const input = { title: planTitle, description: planDescription, bounds };
		const result = await editPlan(await appContext(), planner.id, stage.id, plan.id, input);
		if (!result.ok && result.reason === 'notFound') error(404, m.error404);
		if (!result.ok) {
			const message = format(m.mapPlanPixelUses, {
				comments: result.comments,
				places: result.places
			});
			return fail(409, { errors: fieldError('south', message), values: formValues(form) });
		}
		redirect(303, localizePath(`/planung/verfahren/${event.params.id}/karte#plaene`, locale));
	}
};
