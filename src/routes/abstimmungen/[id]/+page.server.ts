import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { answerErrorMessage } from '$lib/surveys/answer-messages.ts';
import { appContext } from '$lib/server/app.ts';
import { answerInputFromFormData } from '$lib/server/surveys/answers.ts';
import { pollResults, resultsAccess } from '$lib/server/surveys/poll-results.ts';
import { pollCard } from '$lib/server/surveys/poll-view.ts';
import { participationFailureMessage } from '$lib/server/surveys/participation.ts';
import { castVote, pollQuestion } from '$lib/server/surveys/polls.ts';
import { findConsultationRef, findSurvey } from '$lib/server/surveys/surveys.repository.ts';

async function loadPoll(event: RequestEvent<{ id: string }>) {
	const ctx = await appContext();
	const poll = await findSurvey(ctx.db, event.params.id);
	const planner = event.locals.user?.roles.includes('planner') ?? false;
	if (
		!poll ||
		poll.kind !== 'poll' ||
		(poll.status === 'draft' && !planner) ||
		!pollQuestion(poll)
	) {
		error(404, messages(event.locals.locale).error404);
	}
	return { ctx, poll };
}

export const load: PageServerLoad = async (event) => {
	const { ctx, poll } = await loadPoll(event);
	return {
		card: (await pollCard(ctx, poll, event.locals.user, event.locals.locale))!,
		consultation: await findConsultationRef(ctx.db, poll.consultationId),
		draft: poll.status === 'draft'
	};
};

export const actions: Actions = {
	vote: async (event) => {
		const { ctx, poll } = await loadPoll(event);
		const { locale } = event.locals;
		const m = messages(locale);
		const form = await event.request.formData();
		const code = form.get('code');
		const outcome = await castVote(ctx, poll, {
			user: event.locals.user,
			credential: { code: typeof code === 'string' ? code.slice(0, 40) : undefined },
			clientAddress: event.getClientAddress(),
			input: answerInputFromFormData(form)
		});
		if (!outcome.ok) {
			const errors: Record<string, string> = {};
			for (const [k, e] of Object.entries(outcome.errors ?? {}))
				errors[k] = answerErrorMessage(e, locale);
			const byReason: Record<string, [number, string, string]> = {
				closed: [403, 'form', m.pollClosed],
				conflict: [409, 'form', participationFailureMessage('conflict', locale)],
				loginRequired: [401, 'form', participationFailureMessage('loginRequired', locale)],
				codeMissing: [400, 'code', participationFailureMessage('codeMissing', locale)],
				codeUnknown: [403, 'code', participationFailureMessage('codeUnknown', locale)],
				codeUsed: [403, 'code', participationFailureMessage('codeUsed', locale)],
				resumeUnknown: [403, 'code', participationFailureMessage('resumeUnknown', locale)],
				rateLimited: [429, 'form', participationFailureMessage('rateLimited', locale)]
			};
			const [status, field, message] = byReason[outcome.reason] ?? [400, 'form', m.error400];
			if (outcome.reason !== 'invalid') errors[field] = message;
			return fail(outcome.reason === 'invalid' ? 400 : status, {
				voted: false,
				errors,
				results: null
			});
		}
		const question = pollQuestion(poll)!;
		const planner = event.locals.user?.roles.includes('planner') ?? false;
		const access = resultsAccess(poll, { planner, voted: true });
		const results =
			access === 'visible' ? await pollResults(ctx.db, poll.id, question, m.surveyOther) : null;
		return { voted: true, errors: {}, results };
	}
};
