import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { format, localizePath, messages, type Locale } from '$lib/i18n/index.ts';
import type { TextActionResult } from '$lib/results/text-answers.ts';
import { parseTextQuery, textQueryString, type TextQuery } from '$lib/results/text-query.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import { parseForm } from '$lib/server/http/forms.ts';
import {
	answerForm,
	createThemeForm,
	deleteThemeForm,
	hideForm,
	readCodingForm,
	renameThemeForm
} from '$lib/server/results/text-answers.forms.ts';
import {
	codeAnswer,
	createTheme,
	removeTheme,
	renameThemeLabel,
	setAnswerHidden,
	textAnswersView,
	type Outcome
} from '$lib/server/results/text-answers.service.ts';

function readQuery(event: RequestEvent<{ id: string }>): TextQuery {
	const m = messages(event.locals.locale);
	if (!isUuid(event.params.id)) error(404, m.error404);
	const parsed = parseTextQuery(event.url.searchParams);
	if (!parsed.ok) error(400, m[parsed.message]);
	return parsed.query;
}

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'planner');
	const query = readQuery(event);
	const m = messages(event.locals.locale);
	const view = await textAnswersView((await appContext()).db, event.params.id, query);
	if (!view) error(404, m.error404);
	if ('ok' in view) error(view.status, m[view.message]);
	return {
		...view,
		query: { ...query, questionId: view.question?.id ?? null },
		notice: event.url.searchParams.has('geloescht') ? m.rxThemeDeleted : null
	};
};

async function begin(event: RequestEvent<{ id: string }>) {
	const planner = requireRole(event, 'planner');
	const query = readQuery(event);
	const form = await event.request.formData();
	const questionId = form.get('questionId');
	const m = messages(event.locals.locale);
	if (typeof questionId !== 'string' || !isUuid(questionId)) error(400, m.rxQuestionUnknown);
	return {
		actorId: planner.id,
		ids: { surveyId: event.params.id, questionId },
		query,
		form,
		locale: event.locals.locale,
		m,
		db: (await appContext()).db
	};
}

/** Refusals about a field go back to the form; anything else (forged ids) is an error page. */
function answer(
	outcome: Outcome,
	scope: string,
	locale: Locale,
	message: string,
	values?: Record<string, string>
) {
	if (outcome.ok) return { scope, message } satisfies TextActionResult;
	const text = messages(locale)[outcome.message];
	if (outcome.field === 'label' || outcome.field === 'reason') {
		const errors = { [outcome.field]: text };
		return fail(outcome.status, { scope, errors, values } satisfies TextActionResult);
	}
	error(outcome.status, text);
}

const invalid = (scope: string, errors: Record<string, string>, values?: Record<string, string>) =>
	fail(400, { scope, errors, values } satisfies TextActionResult);

export const actions: Actions = {
	createTheme: async (event) => {
		const { actorId, ids, form, locale, m, db } = await begin(event);
		const parsed = parseForm(createThemeForm, form, locale);
		if (!parsed.ok) return invalid('themes', parsed.errors, parsed.values);
		const { label } = parsed.data;
		const outcome = await createTheme(db, actorId, ids, label);
		return answer(outcome, 'themes', locale, format(m.rxThemeCreated, { label }), { label });
	},

	renameTheme: async (event) => {
		const { actorId, ids, form, locale, m, db } = await begin(event);
		const parsed = parseForm(renameThemeForm, form, locale);
		const scope = `theme-${String(form.get('themeId'))}`;
		if (!parsed.ok) return invalid(scope, parsed.errors, parsed.values);
		const { themeId, label } = parsed.data;
		const outcome = await renameThemeLabel(db, actorId, { ...ids, themeId }, label);
		return answer(outcome, scope, locale, format(m.rxThemeRenamed, { label }), { label });
	},

	deleteTheme: async (event) => {
		const { actorId, ids, query, form, locale, m, db } = await begin(event);
		const parsed = parseForm(deleteThemeForm, form, locale);
		const scope = `theme-${String(form.get('themeId'))}`;
		if (!parsed.ok) return invalid(scope, parsed.errors);
		const outcome = await removeTheme(db, actorId, { ...ids, themeId: parsed.data.themeId });
		answer(outcome, scope, locale, m.rxThemeDeleted);
		// Off the deleted theme's filter, which would now name a theme that is gone.
		const rest = { ...query, questionId: ids.questionId, page: 1 };
		if (rest.theme.kind === 'theme') rest.theme = { kind: 'all' };
		const path = localizePath(`/planung/umfragen/${ids.surveyId}/ergebnisse/freitext`, locale);
		const sep = textQueryString(rest) ? '&' : '?';
		redirect(303, `${path}${textQueryString(rest)}${sep}geloescht#themen`);
	},

	code: async (event) => {
		const { actorId, ids, form, locale, m, db } = await begin(event);
		const coding = readCodingForm(form);
		if (!coding.ok) error(400, m[coding.message]);
		const { responseId, themeIds } = coding;
		const outcome = await codeAnswer(db, actorId, { ...ids, responseId }, themeIds);
		return answer(outcome, `answer-${responseId}`, locale, m.rxThemesSaved);
	},

	hide: async (event) => {
		const { actorId, ids, form, locale, m, db } = await begin(event);
		const parsed = parseForm(hideForm, form, locale);
		const scope = `answer-${String(form.get('responseId'))}`;
		if (!parsed.ok) {
			if (parsed.errors.responseId) error(400, parsed.errors.responseId);
			return invalid(scope, parsed.errors, parsed.values);
		}
		const { responseId, reason } = parsed.data;
		const outcome = await setAnswerHidden(db, actorId, { ...ids, responseId }, reason);
		return answer(outcome, 'answers', locale, m.rxAnswerHidden);
	},

	unhide: async (event) => {
		const { actorId, ids, form, locale, m, db } = await begin(event);
		const parsed = parseForm(answerForm, form, locale);
		if (!parsed.ok) error(400, m.rxAnswerUnknown);
		const { responseId } = parsed.data;
		const outcome = await setAnswerHidden(db, actorId, { ...ids, responseId }, null);
		return answer(outcome, 'answers', locale, m.rxAnswerShown);
	}
};
