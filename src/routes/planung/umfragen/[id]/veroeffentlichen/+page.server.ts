import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { findPublication } from '$lib/server/results/publications.repository.ts';
import { crossTabSlot, parsePublishForm, refValue } from '$lib/server/results/publish-form.ts';
import { surveySegmenters } from '$lib/server/results/results.service.ts';
import {
	publishResults,
	visibilityBlocks,
	withdrawResults
} from '$lib/server/results/publish.service.ts';
import { licenceRef } from '$lib/server/results/published-results.ts';
import { findSurvey } from '$lib/server/surveys/surveys.repository.ts';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'planner');
	const { db, config } = await appContext();
	const survey = await findSurvey(db, event.params.id);
	if (!survey) error(404, messages(event.locals.locale).error404);
	const publication = await findPublication(db, survey.id);
	const { id, name, url } = licenceRef(config.results.licence);
	return {
		survey: {
			id: survey.id,
			title: survey.title,
			kind: survey.kind,
			draft: survey.status === 'draft',
			blocked: visibilityBlocks(survey)
		},
		segmenters:
			survey.status === 'draft'
				? []
				: surveySegmenters(survey).map((s) => ({ value: refValue(s), title: s.title })),
		publication: publication && {
			title: publication.title,
			description: publication.description,
			feedback: publication.feedbackMd,
			crossTabs: publication.crossTabs.map((c) => ({
				by: refValue(c.by),
				target: refValue(c.target)
			})),
			issued: publication.firstPublishedAt,
			modified: publication.publishedAt,
			withdrawnAt: publication.withdrawnAt
		},
		licence: { id, name, url },
		minCell: config.results.minCell
	};
};

export const actions: Actions = {
	publish: async (event) => {
		const planner = requireRole(event, 'planner');
		const { locale } = event.locals;
		const m = messages(locale);
		const form = await event.request.formData();
		const parsed = parsePublishForm(form, locale);
		if (!parsed.ok)
			return fail(400, { scope: 'publish', errors: parsed.errors, values: parsed.values });
		const { db, config } = await appContext();
		const outcome = await publishResults({ db, config }, planner.id, event.params.id, parsed.data);
		if (outcome.ok)
			return { scope: 'publish', message: outcome.updated ? m.rpUpdated : m.rpPublished };
		if (outcome.reason === 'notFound') error(404, m.error404);
		const values = Object.fromEntries(
			[...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string')
		);
		if (outcome.reason === 'draft') {
			return fail(409, { scope: 'publish', errors: { form: m.rpDraftConflict }, values });
		}
		if (outcome.reason === 'visibility') {
			const form =
				outcome.visibility === 'planners' ? m.rpVisibilityPlanners : m.rpVisibilityAfterClose;
			return fail(409, { scope: 'publish', errors: { form }, values });
		}
		const slot = crossTabSlot(form, parsed.data.crossTabs[outcome.index]!);
		const field = `${outcome.field}-${slot}`;
		return fail(400, { scope: 'publish', errors: { [field]: m.rpCrossTabUnknown }, values });
	},

	withdraw: async (event) => {
		const planner = requireRole(event, 'planner');
		const m = messages(event.locals.locale);
		const form = await event.request.formData();
		if (form.get('confirm') !== 'on') {
			return fail(400, { scope: 'withdraw', errors: { confirm: m.rpConfirmRequired } });
		}
		const { db } = await appContext();
		if (!(await findSurvey(db, event.params.id))) error(404, m.error404);
		const outcome = await withdrawResults(db, planner.id, event.params.id);
		if (!outcome.ok) return fail(409, { scope: 'withdraw', errors: { form: m.rpNotPublished } });
		return { scope: 'withdraw', message: m.rpWithdrawn };
	}
};
