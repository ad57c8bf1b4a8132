import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { dateTimeFormat, format, messages, type Locale } from '$lib/i18n/index.ts';
import { formFields } from '$lib/surveys/fields.ts';
import { appContext } from '$lib/server/app.ts';
import { answerInputFromFormData } from '$lib/server/surveys/answers.ts';
import {
	participationFailureMessage,
	resolveParticipant,
	surveyState,
	type ParticipationFailure
} from '$lib/server/surveys/participation.ts';
import { publishedSurveyIds } from '$lib/server/results/publications.repository.ts';
import { findResponse } from '$lib/server/surveys/responses.repository.ts';
import { savePage, type Navigation } from '$lib/server/surveys/runner.ts';
import { pageView, type Credential, type SurveyView } from '$lib/server/surveys/survey-view.ts';
import {
	findConsultationRef,
	findSurvey,
	type Survey
} from '$lib/server/surveys/surveys.repository.ts';

async function loadSurvey(event: RequestEvent<{ id: string }>) {
	const ctx = await appContext();
	const survey = await findSurvey(ctx.db, event.params.id);
	const m = messages(event.locals.locale);
	const planner = event.locals.user?.roles.includes('planner') ?? false;
	if (!survey || survey.kind !== 'survey' || (survey.status === 'draft' && !planner))
		error(404, m.error404);
	return { ctx, survey, planner };
}

const failureStatus = (reason: ParticipationFailure | 'conflict') =>
	reason === 'rateLimited'
		? 429
		: reason === 'conflict'
			? 409
			: reason === 'loginRequired'
				? 401
				: 403;

function readCredential(form: FormData): Credential {
	const get = (k: string) => {
		const v = form.get(k);
		return typeof v === 'string' ? v.trim().slice(0, 40) : '';
	};
	return { code: get('code'), resume: get('resume') };
}

export const load: PageServerLoad = async (event) => {
	const { ctx, survey } = await loadSurvey(event);
	const consultation = await findConsultationRef(ctx.db, survey.consultationId);
	const state = surveyState(survey);
	const published = await publishedSurveyIds(ctx.db, [survey.id]);
	const base = { survey, consultation, state, resultsPublished: published.has(survey.id) };
	const user = event.locals.user;
	const preview =
		event.url.searchParams.has('vorschau') && (user?.roles.includes('planner') ?? false);
	if (preview) {
		const pageIndex = Math.max(
			0,
			Math.min(survey.pages.length - 1, Number(event.url.searchParams.get('seite') ?? 0) || 0)
		);
		return {
			...base,
			view: pageView(survey, {
				pageIndex,
				answers: {},
				locale: event.locals.locale,
				credential: null,
				preview: true
			})
		};
	}
	if (survey.mode !== 'account' || state !== 'open')
		return { ...base, view: { stage: 'start' } as SurveyView };
	if (!user?.verified) return { ...base, view: { stage: 'start' } as SurveyView };
	const stored = await findResponse(ctx.db, survey.id, `u:${user.id}`);
	const editing = event.url.searchParams.has('bearbeiten');
	if (stored?.status === 'submitted' && !editing) {
		return { ...base, view: { stage: 'done', credential: null, resumeCode: null } as SurveyView };
	}
	const answers = stored?.answers ?? {};
	return {
		...base,
		view: pageView(survey, {
			pageIndex: stored?.currentPage ?? 0,
			answers,
			locale: event.locals.locale,
			credential: null
		})
	};
};

function refuseUnlessOpen(survey: Survey, locale: Locale) {
	const state = surveyState(survey);
	if (state === 'open') return null;
	const m = messages(locale);
	// The page's own sentence with its date: cutting ' am {date}' out only ever worked in German.
	const upcoming = state === 'upcoming' && survey.opensAt;
	return fail(403, {
		view: {
			stage: 'start',
			errors: {
				form: upcoming
					? format(m.surveyUpcoming, { date: dateTimeFormat(locale).format(upcoming) })
					: m.surveyClosed
			}
		} as SurveyView
	});
}

export const actions: Actions = {
	start: async (event) => {
		const { ctx, survey } = await loadSurvey(event);
		const { locale } = event.locals;
		const closed = refuseUnlessOpen(survey, locale);
		if (closed) return closed;
		const credential = readCredential(await event.request.formData());
		const resolved = await resolveParticipant(ctx, survey, {
			user: event.locals.user,
			credential,
			clientAddress: event.getClientAddress(),
			start: true
		});
		if (!resolved.ok) {
			const field =
				resolved.reason === 'resumeUnknown'
					? 'resume'
					: resolved.reason.startsWith('code')
						? 'code'
						: 'form';
			return fail(failureStatus(resolved.reason), {
				view: {
					stage: 'start',
					errors: { [field]: participationFailureMessage(resolved.reason, locale) },
					values: { code: credential.code }
				} as SurveyView
			});
		}
		const p = resolved.participant;
		const stored = await findResponse(ctx.db, survey.id, p.key);
		const cred =
			survey.mode === 'account' ? null : { code: credential.code, resume: p.resumeCode ?? '' };
		return {
			view: pageView(survey, {
				pageIndex: stored?.currentPage ?? 0,
				answers: stored?.answers ?? {},
				locale,
				credential: cred,
				resumeCode: p.resumeCode,
				notice: p.isNew ? 'resumeNew' : null
			})
		};
	},

	page: async (event) => {
		const { ctx, survey } = await loadSurvey(event);
		const { locale } = event.locals;
		const closed = refuseUnlessOpen(survey, locale);
		if (closed) return closed;
		const form = await event.request.formData();
		const credential = readCredential(form);
		const resolved = await resolveParticipant(ctx, survey, {
			user: event.locals.user,
			credential,
			clientAddress: event.getClientAddress(),
			start: false
		});
		if (!resolved.ok) {
			return fail(failureStatus(resolved.reason), {
				view: {
					stage: 'start',
					errors: { form: participationFailureMessage(resolved.reason, locale) },
					values: { code: credential.code }
				} as SurveyView
			});
		}
		const p = resolved.participant;
		const cred =
			survey.mode === 'account' ? null : { code: credential.code, resume: p.resumeCode ?? '' };
		const pageIndex = Number.parseInt(String(form.get('page') ?? ''), 10);
		const navRaw = String(form.get('nav') ?? 'next');
		const nav: Navigation =
			(['next', 'back', 'save', 'submit'] as const).find((n) => n === navRaw) ?? 'next';
		if (!Number.isInteger(pageIndex) || !survey.pages[pageIndex]) {
			return fail(400, {
				view: { stage: 'start', errors: { form: messages(locale).error400 } } as SurveyView
			});
		}
		const outcome = await savePage(ctx, survey, p, pageIndex, answerInputFromFormData(form), nav);
		switch (outcome.kind) {
			case 'conflict':
				return fail(409, {
					view: {
						stage: 'start',
						errors: { form: participationFailureMessage('conflict', locale) }
					} as SurveyView
				});
			case 'invalid': {
				const stored = await findResponse(ctx.db, survey.id, p.key);
				const samePage = outcome.pageIndex === pageIndex;
				return fail(400, {
					view: pageView(survey, {
						pageIndex: outcome.pageIndex,
						answers: stored?.answers ?? {},
						fields: samePage ? formFields(form) : undefined,
						errors: outcome.errors,
						locale,
						credential: cred,
						resumeCode: p.resumeCode
					})
				});
			}
			case 'submitted':
				return {
					view: { stage: 'done', credential: cred, resumeCode: p.resumeCode } as SurveyView
				};
			case 'page':
				return {
					view: pageView(survey, {
						pageIndex: outcome.pageIndex,
						answers: outcome.answers,
						locale,
						credential: cred,
						resumeCode: p.resumeCode,
						notice: outcome.saved ? 'saved' : null
					})
				};
		}
	}
};
