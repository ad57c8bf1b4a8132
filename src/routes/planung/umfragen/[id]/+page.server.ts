import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { format, localizePath, messages, type Locale } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { formValues, parseForm } from '$lib/server/http/forms.ts';
import {
	addPage,
	addQuestion,
	archiveSurvey,
	closeSurvey,
	createNewVersion,
	deletePage,
	deleteQuestion,
	duplicateSurvey,
	moveQuestion,
	moveQuestionToPage,
	publishSurvey,
	renamePage,
	updateSettings,
	type Outcome,
	type Refusal
} from '$lib/server/surveys/builder.ts';
import { addQuestionForm, pageForm, settingsForm } from '$lib/server/surveys/builder-forms.ts';
import { refusalMessage } from '$lib/server/surveys/builder-messages.ts';
import { builderView } from '$lib/server/surveys/builder-view.ts';
import { MAX_CODES_PER_BATCH } from '$lib/server/surveys/codes.ts';
import { findSurvey } from '$lib/server/surveys/surveys.repository.ts';
import type { BuilderResult, BuilderScope } from '$lib/surveys/builder-types.ts';

const result = (r: BuilderResult): BuilderResult => r;
type Scope = BuilderScope;

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'planner');
	const { locale } = event.locals;
	const m = messages(locale);
	const view = await builderView((await appContext()).db, event.params.id, locale);
	if (!view) error(404, m.error404);
	const query = event.url.searchParams;
	const notice = query.has('angelegt')
		? view.survey.kind === 'poll'
			? m.sbCreatedPoll
			: m.sbCreated
		: query.has('kopie')
			? m.sbDuplicated
			: query.has('version')
				? format(m.sbNewVersionCreated, { version: view.survey.version }) +
					(view.survey.mode === 'code' ? ` ${m.sbNewVersionCodes}` : '')
				: query.has('geloescht')
					? m.sbQuestionDeleted
					: null;
	const maxText = MAX_CODES_PER_BATCH.toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB');
	return {
		...view,
		notice,
		codesError:
			query.get('codes') === 'ungueltig' ? format(m.sbCodesCount, { max: maxText }) : null,
		maxCodes: MAX_CODES_PER_BATCH,
		maxCodesText: maxText
	};
};

async function begin(event: RequestEvent<{ id: string }>) {
	const planner = requireRole(event, 'planner');
	const { locale } = event.locals;
	return {
		actorId: planner.id,
		id: event.params.id,
		locale,
		m: messages(locale),
		form: await event.request.formData(),
		db: (await appContext()).db
	};
}

const text = (form: FormData, key: string) => {
	const v = form.get(key);
	return typeof v === 'string' ? v : '';
};

function refused(refusal: Refusal, scope: Scope, locale: Locale) {
	if (refusal.reason === 'notFound') error(404, messages(locale).error404);
	return fail(
		409,
		result({
			scope,
			error: refusalMessage(refusal, locale),
			offerNewVersion: refusal.reason === 'locked'
		})
	);
}

function answer(outcome: Outcome, scope: Scope, locale: Locale, message: string) {
	return outcome.ok ? result({ scope, message }) : refused(outcome, scope, locale);
}

/** The confirmation step of a destructive action: a second form that says `confirm=ja`. */
const confirmed = (form: FormData) => form.get('confirm') === 'ja';

async function questionTitle(db: Awaited<ReturnType<typeof begin>>['db'], id: string, qid: string) {
	const survey = await findSurvey(db, id);
	return survey?.questions.find((q) => q.id === qid)?.title;
}

export const actions: Actions = {
	settings: async (event) => {
		const { id, locale, m, form, db } = await begin(event);
		const parsed = parseForm(settingsForm, form, locale);
		if (!parsed.ok) {
			return fail(400, result({ scope: 'settings', errors: parsed.errors, values: parsed.values }));
		}
		const outcome = await updateSettings(db, id, parsed.data);
		if (!outcome.ok && outcome.reason === 'invalid') {
			const errors = { closesAt: m.sbClosesBeforeOpens };
			return fail(400, result({ scope: 'settings', errors, values: formValues(form) }));
		}
		return answer(outcome, 'settings', locale, m.sbSettingsSaved);
	},

	addPage: async (event) => {
		const { id, locale, m, form, db } = await begin(event);
		const parsed = parseForm(pageForm, form, locale);
		if (!parsed.ok) {
			return fail(400, result({ scope: 'addPage', errors: { pageTitle: parsed.errors.title! } }));
		}
		return answer(await addPage(db, id, parsed.data.title), 'structure', locale, m.sbPageAdded);
	},

	renamePage: async (event) => {
		const { id, locale, m, form, db } = await begin(event);
		const pageId = text(form, 'pageId');
		const scope: Scope = `page-${pageId}`;
		const parsed = parseForm(pageForm, form, locale);
		if (!parsed.ok) {
			return fail(400, result({ scope, errors: parsed.errors, values: parsed.values }));
		}
		return answer(
			await renamePage(db, id, pageId, parsed.data.title),
			scope,
			locale,
			m.sbPageRenamed
		);
	},

	deletePage: async (event) => {
		const { id, locale, m, form, db } = await begin(event);
		const pageId = text(form, 'pageId');
		if (!confirmed(form)) {
			const survey = await findSurvey(db, id);
			const index = survey?.pages.findIndex((p) => p.id === pageId) ?? -1;
			if (index < 0) error(404, m.error404);
			return result({
				scope: 'structure',
				confirm: {
					action: 'deletePage',
					fields: { pageId },
					text: format(m.sbConfirmDeletePage, { n: index + 1 }),
					yes: m.sbConfirmDeletePageYes
				}
			});
		}
		return answer(await deletePage(db, id, pageId), 'structure', locale, m.sbPageDeleted);
	},

	addQuestion: async (event) => {
		const { id, locale, form, db } = await begin(event);
		const parsed = parseForm(addQuestionForm, form, locale);
		if (!parsed.ok) {
			return fail(
				400,
				result({ scope: 'addQuestion', errors: parsed.errors, values: parsed.values })
			);
		}
		const { pageId, type, questionTitle: title } = parsed.data;
		const outcome = await addQuestion(db, id, { pageId, type, title });
		if (!outcome.ok) return refused(outcome, 'addQuestion', locale);
		redirect(303, localizePath(`/planung/umfragen/${id}/fragen/${outcome.id}?neu`, locale));
	},

	move: async (event) => {
		const { id, locale, m, form, db } = await begin(event);
		const questionId = text(form, 'questionId');
		const direction = text(form, 'direction');
		if (direction !== 'up' && direction !== 'down') error(400, m.error400);
		const outcome = await moveQuestion(db, id, questionId, direction);
		return answer(outcome, 'structure', locale, m.sbQuestionMoved);
	},

	moveToPage: async (event) => {
		const { id, locale, m, form, db } = await begin(event);
		const outcome = await moveQuestionToPage(
			db,
			id,
			text(form, 'questionId'),
			text(form, 'pageId')
		);
		return answer(outcome, 'structure', locale, m.sbQuestionMoved);
	},

	deleteQuestion: async (event) => {
		const { id, locale, m, form, db } = await begin(event);
		const questionId = text(form, 'questionId');
		if (!confirmed(form)) {
			const title = await questionTitle(db, id, questionId);
			if (title === undefined) error(404, m.error404);
			return result({
				scope: 'structure',
				confirm: {
					action: 'deleteQuestion',
					fields: { questionId },
					text: format(m.sbConfirmDeleteQuestion, { title }),
					yes: m.sbConfirmDeleteQuestionYes
				}
			});
		}
		const outcome = await deleteQuestion(db, id, questionId);
		return answer(outcome, 'structure', locale, m.sbQuestionDeleted);
	},

	publish: async (event) => {
		const { actorId, id, locale, m, db } = await begin(event);
		return answer(await publishSurvey(db, actorId, id), 'status', locale, m.sbPublished);
	},

	close: async (event) => {
		const { actorId, id, locale, m, form, db } = await begin(event);
		if (!confirmed(form)) {
			return confirmStatus(db, id, 'close', m.sbConfirmClose, m.sbConfirmCloseYes, m.error404);
		}
		return answer(await closeSurvey(db, actorId, id), 'status', locale, m.sbClosed);
	},

	archive: async (event) => {
		const { actorId, id, locale, m, form, db } = await begin(event);
		if (!confirmed(form)) {
			const { sbConfirmArchive: text, sbConfirmArchiveYes: yes, error404 } = m;
			return confirmStatus(db, id, 'archive', text, yes, error404);
		}
		return answer(await archiveSurvey(db, actorId, id), 'status', locale, m.sbArchived);
	},

	duplicate: async (event) => {
		const { actorId, id, locale, db } = await begin(event);
		const outcome = await duplicateSurvey(db, actorId, id);
		if (!outcome.ok) return refused(outcome, 'status', locale);
		redirect(303, localizePath(`/planung/umfragen/${outcome.id}?kopie`, locale));
	},

	newVersion: async (event) => {
		const { actorId, id, locale, db } = await begin(event);
		const outcome = await createNewVersion(db, actorId, id);
		if (!outcome.ok) return refused(outcome, 'status', locale);
		redirect(303, localizePath(`/planung/umfragen/${outcome.id}?version`, locale));
	}
};

async function confirmStatus(
	db: Awaited<ReturnType<typeof begin>>['db'],
	id: string,
	action: 'close' | 'archive',
	template: string,
	yes: string,
	notFound: string
) {
	const survey = await findSurvey(db, id);
	if (!survey) error(404, notFound);
	return result({
		scope: 'status',
		confirm: { action, fields: {}, text: format(template, { title: survey.title }), yes }
	});
}
