import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { format, localizePath, messages, type Locale } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { parseForm } from '$lib/server/http/forms.ts';
import {
	changeQuestionType,
	deleteQuestion,
	saveQuestion,
	saveQuestionText,
	type Outcome
} from '$lib/server/surveys/builder.ts';
import { questionTextForm, typeForm } from '$lib/server/surveys/builder-forms.ts';
import { echoQuestionForm, readQuestionForm } from '$lib/server/surveys/question-form.ts';
import { refusalMessage } from '$lib/server/surveys/builder-messages.ts';
import { questionEditView } from '$lib/server/surveys/builder-view.ts';
import type { BuilderResult } from '$lib/surveys/builder-types.ts';

type Params = { id: string; questionId: string };

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'planner');
	const { locale } = event.locals;
	const { id, questionId } = event.params;
	const view = await questionEditView((await appContext()).db, id, questionId, locale);
	if (!view) error(404, messages(locale).error404);
	return {
		...view,
		notice: event.url.searchParams.has('neu') ? messages(locale).sbQuestionAdded : null
	};
};

async function begin(event: RequestEvent<Params>) {
	requireRole(event, 'planner');
	const { locale } = event.locals;
	return {
		...event.params,
		locale,
		m: messages(locale),
		form: await event.request.formData(),
		db: (await appContext()).db
	};
}

const result = (r: BuilderResult): BuilderResult => r;

function answer(
	outcome: Outcome,
	locale: Locale,
	message: string,
	values?: Record<string, string>
) {
	if (outcome.ok) return result({ scope: 'structure', message });
	if (outcome.reason === 'notFound') error(404, messages(locale).error404);
	if (outcome.reason === 'invalid') {
		return fail(400, result({ scope: 'structure', errors: outcome.errors, values }));
	}
	return fail(
		409,
		result({
			scope: 'structure',
			error: refusalMessage(outcome, locale),
			offerNewVersion: outcome.reason === 'locked'
		})
	);
}

export const actions: Actions = {
	save: async (event) => {
		const { id, questionId, locale, m, form, db } = await begin(event);
		const input = readQuestionForm(form);
		const outcome = await saveQuestion(db, id, questionId, input, locale);
		return answer(outcome, locale, m.sbQuestionSaved, echoQuestionForm(input));
	},

	text: async (event) => {
		const { id, questionId, locale, m, form, db } = await begin(event);
		const parsed = parseForm(questionTextForm, form, locale);
		if (!parsed.ok) {
			return fail(
				400,
				result({ scope: 'structure', errors: parsed.errors, values: parsed.values })
			);
		}
		return answer(
			await saveQuestionText(db, id, questionId, parsed.data),
			locale,
			m.sbQuestionSaved
		);
	},

	type: async (event) => {
		const { id, questionId, locale, m, form, db } = await begin(event);
		const parsed = parseForm(typeForm, form, locale);
		if (!parsed.ok) return fail(400, result({ scope: 'status', error: parsed.errors.type }));
		const outcome = await changeQuestionType(db, id, questionId, parsed.data.type);
		if (!outcome.ok && outcome.reason !== 'notFound') {
			return fail(409, result({ scope: 'status', error: refusalMessage(outcome, locale) }));
		}
		return answer(outcome, locale, m.sbTypeChanged);
	},

	delete: async (event) => {
		const { id, questionId, locale, m, form, db } = await begin(event);
		if (form.get('confirm') !== 'ja') {
			const view = await questionEditView(db, id, questionId, locale);
			if (!view) error(404, m.error404);
			return result({
				scope: 'delete',
				confirm: {
					action: 'delete',
					fields: {},
					text: format(m.sbConfirmDeleteQuestion, { title: view.question.title }),
					yes: m.sbConfirmDeleteQuestionYes
				}
			});
		}
		const outcome = await deleteQuestion(db, id, questionId);
		if (!outcome.ok) {
			if (outcome.reason === 'notFound') error(404, m.error404);
			return fail(409, result({ scope: 'delete', error: refusalMessage(outcome, locale) }));
		}
		redirect(303, localizePath(`/planung/umfragen/${id}?geloescht#seiten`, locale));
	}
};
