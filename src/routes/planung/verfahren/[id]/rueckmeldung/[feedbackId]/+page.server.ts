import { isUuid } from '$lib/server/db/ids.ts';
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath, messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { findConsultationById } from '$lib/server/consultations/consultations.repository.ts';
import { editFeedback, removeFeedback } from '$lib/server/consultations/consultations.service.ts';
import { findFeedback } from '$lib/server/consultations/feedback.repository.ts';
import { confirmForm, echoForm, feedbackForm } from '$lib/server/consultations/forms.ts';
import { parseForm } from '$lib/server/http/forms.ts';

type Params = { id: string; feedbackId: string };

function checkIds(event: RequestEvent<Params>) {
	const user = requireRole(event, 'planner');
	if (!isUuid(event.params.id) || !isUuid(event.params.feedbackId)) {
		error(404, messages(event.locals.locale).error404);
	}
	return user;
}

const back = (event: RequestEvent<Params>, done: string) =>
	`${localizePath(`/planung/verfahren/${event.params.id}`, event.locals.locale)}?erledigt=${done}#rueckmeldungen`;

export const load: PageServerLoad = async (event) => {
	checkIds(event);
	const { db } = await appContext();
	const [consultation, entry] = await Promise.all([
		findConsultationById(db, event.params.id),
		findFeedback(db, event.params.id, event.params.feedbackId)
	]);
	if (!consultation || !entry) error(404, messages(event.locals.locale).error404);
	return {
		consultation: { id: consultation.id, title: consultation.title },
		entry: { id: entry.id, title: entry.title, bodyMd: entry.bodyMd }
	};
};

export const actions: Actions = {
	save: async (event) => {
		const planner = checkIds(event);
		const { locale } = event.locals;
		const form = await event.request.formData();
		const parsed = parseForm(feedbackForm, form, locale);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: echoForm(form) });
		const { id, feedbackId } = event.params;
		const result = await editFeedback(await appContext(), planner.id, id, feedbackId, parsed.data);
		if (!result.ok) error(404, messages(locale).error404);
		redirect(303, back(event, 'feedbackSaved'));
	},
	delete: async (event) => {
		const planner = checkIds(event);
		const { locale } = event.locals;
		const parsed = parseForm(confirmForm, await event.request.formData(), locale);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: undefined });
		const { id, feedbackId } = event.params;
		const result = await removeFeedback(await appContext(), planner.id, id, feedbackId);
		if (!result.ok) error(404, messages(locale).error404);
		redirect(303, back(event, 'feedbackDeleted'));
	}
};
