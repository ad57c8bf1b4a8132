import { isUuid } from '$lib/server/db/ids.ts';
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { listSurveysForConsultation } from '$lib/server/surveys/surveys.repository.ts';

import type { Actions, PageServerLoad } from './$types';
import { messages, type MessageKey } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import {
	addDocument,
	removeCover,
	removeDocument,
	saveCover
} from '$lib/server/consultations/consultation-media.ts';
import { loadConsultationDetails } from '$lib/server/consultations/consultation-page.ts';
import { findConsultationById } from '$lib/server/consultations/consultations.repository.ts';
import {
	addFeedback,
	archiveConsultation,
	publishConsultation,
	savePhases,
	updateBasics
} from '$lib/server/consultations/consultations.service.ts';
import {
	basicsForm,
	basicsValues,
	confirmForm,
	coverForm,
	documentForm,
	echoForm,
	feedbackForm,
	phasesForm,
	removeDocumentForm
} from '$lib/server/consultations/forms.ts';
import { parseForm, type FormErrors } from '$lib/server/http/forms.ts';
import { findStageOfConsultation } from '$lib/server/mapcomments/stages.service.ts';

/** Messages after a redirect to this page (`?erledigt=…`): a fixed list, never free text. */
const NOTICES: Record<string, MessageKey> = {
	created: 'consCreated',
	feedbackSaved: 'consFeedbackSaved',
	feedbackDeleted: 'consFeedbackDeleted'
};

type Section = 'basics' | 'phases' | 'cover' | 'documents' | 'feedback' | 'status';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'planner');
	const m = messages(event.locals.locale);
	if (!isUuid(event.params.id)) error(404, m.error404);
	const { db } = await appContext();
	const consultation = await findConsultationById(db, event.params.id);
	if (!consultation) error(404, m.error404);
	const notice = NOTICES[event.url.searchParams.get('erledigt') ?? ''];
	const mapStage = await findStageOfConsultation(db, consultation.id);
	return {
		mapStage: mapStage && { title: mapStage.title, status: mapStage.status },
		...(await loadConsultationDetails(db, consultation)),
		surveys: await listSurveysForConsultation(db, consultation.id, { includeDrafts: true }),
		basics: basicsValues(consultation),
		notice: notice ? m[notice] : null
	};
};

/** Role check, id check and the submitted form, shared by every action. */
async function begin(event: RequestEvent<{ id: string }>) {
	const planner = requireRole(event, 'planner');
	const m = messages(event.locals.locale);
	if (!isUuid(event.params.id)) error(404, m.error404);
	return {
		actorId: planner.id,
		id: event.params.id,
		locale: event.locals.locale,
		m,
		form: await event.request.formData(),
		deps: await appContext()
	};
}

const refused = (
	section: Section,
	errors: FormErrors,
	values: Record<string, string> = {},
	status = 400
) => fail(status, { section, errors, values });

const saved = (section: Section, message: string) => ({ section, message });

function notFound(locale: 'de' | 'en'): never {
	error(404, messages(locale).error404);
}

export const actions: Actions = {
	basics: async (event) => {
		const { actorId, id, locale, m, form, deps } = await begin(event);
		const parsed = parseForm(basicsForm, form, locale);
		if (!parsed.ok) return refused('basics', parsed.errors, echoForm(form));
		const result = await updateBasics(deps, actorId, id, parsed.data);
		if (!result.ok && result.reason === 'notFound') notFound(locale);
		if (!result.ok) return refused('basics', { slug: m.consSlugTaken }, echoForm(form), 409);
		return saved('basics', m.consBasicsSaved);
	},

	phases: async (event) => {
		const { actorId, id, locale, m, form, deps } = await begin(event);
		const parsed = parseForm(phasesForm, form, locale);
		if (!parsed.ok) return refused('phases', parsed.errors, echoForm(form));
		if (!(await savePhases(deps, actorId, id, parsed.data)).ok) notFound(locale);
		return saved('phases', m.consPhasesSaved);
	},

	cover: async (event) => {
		const { actorId, id, locale, m, form, deps } = await begin(event);
		const parsed = parseForm(coverForm, form, locale);
		if (!parsed.ok) return refused('cover', parsed.errors, echoForm(form));
		const { cover, coverAlt } = parsed.data;
		const result = await saveCover(deps, actorId, id, { file: cover, alt: coverAlt });
		if (result.ok) return saved('cover', m.consCoverSaved);
		const values = echoForm(form);
		switch (result.reason) {
			case 'notFound':
				return notFound(locale);
			case 'fileRequired':
				return refused('cover', { cover: m.consFileRequired }, values);
			case 'altRequired':
				return refused('cover', { coverAlt: m.consCoverAltRequired }, values);
			case 'file':
				return refused('cover', { cover: m[result.error] }, values);
		}
	},

	removeCover: async (event) => {
		const { actorId, id, locale, m, deps } = await begin(event);
		if (!(await removeCover(deps, actorId, id)).ok) notFound(locale);
		return saved('cover', m.consCoverRemoved);
	},

	addDocument: async (event) => {
		const { actorId, id, locale, m, form, deps } = await begin(event);
		const parsed = parseForm(documentForm, form, locale);
		if (!parsed.ok) return refused('documents', parsed.errors, echoForm(form));
		const { document, docTitle } = parsed.data;
		const result = await addDocument(deps, actorId, id, { file: document!, title: docTitle });
		if (!result.ok && result.reason === 'notFound') notFound(locale);
		if (!result.ok) return refused('documents', { document: m[result.error] }, echoForm(form));
		return saved('documents', m.consDocAdded);
	},

	removeDocument: async (event) => {
		const { actorId, id, locale, m, form, deps } = await begin(event);
		const parsed = parseForm(removeDocumentForm, form, locale);
		// The box sits in a table row, not in a field of its own; the summary names the problem.
		if (!parsed.ok) return refused('documents', { form: m.consConfirmRequired });
		if (!(await removeDocument(deps, actorId, id, parsed.data.documentId)).ok) notFound(locale);
		return saved('documents', m.consDocRemoved);
	},

	addFeedback: async (event) => {
		const { actorId, id, locale, m, form, deps } = await begin(event);
		const parsed = parseForm(feedbackForm, form, locale);
		if (!parsed.ok) return refused('feedback', parsed.errors, echoForm(form));
		if (!(await addFeedback(deps, actorId, id, parsed.data)).ok) notFound(locale);
		return saved('feedback', m.consFeedbackAdded);
	},

	publish: async (event) => {
		const { actorId, id, locale, m, deps } = await begin(event);
		const result = await publishConsultation(deps, actorId, id);
		if (result.ok) return saved('status', m.consPublished);
		if (result.reason === 'notFound') notFound(locale);
		if (result.reason === 'notDraft') return refused('status', { form: m.consNotDraft }, {}, 409);
		// Each gap links to the field that fills it.
		const errors: FormErrors = {};
		for (const gap of result.gaps) {
			errors[gap === 'consPublishNeedsSummary' ? 'summary' : 'informationStart'] = m[gap];
		}
		return refused('status', errors);
	},

	archive: async (event) => {
		const { actorId, id, locale, m, form, deps } = await begin(event);
		const parsed = parseForm(confirmForm, form, locale);
		if (!parsed.ok) return refused('status', parsed.errors);
		const result = await archiveConsultation(deps, actorId, id);
		if (!result.ok && result.reason === 'notFound') notFound(locale);
		if (!result.ok) return refused('status', { form: m.consNotPublished }, {}, 409);
		return saved('status', m.consArchived);
	}
};
