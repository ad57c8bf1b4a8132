import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { pollResults, resultsAccess } from '$lib/server/surveys/poll-results.ts';
import { pollQuestion } from '$lib/server/surveys/polls.ts';
import { findSurvey } from '$lib/server/surveys/surveys.repository.ts';

// Live counts for the poll card. Results hidden until closing (or for planners only) stay hidden
// here too; "after voting" results are public data once anyone may see them.
export const GET: RequestHandler = async ({ params, locals }) => {
	const ctx = await appContext();
	const m = messages(locals.locale);
	const poll = await findSurvey(ctx.db, params.id);
	const question = poll && pollQuestion(poll);
	if (!poll || poll.kind !== 'poll' || poll.status === 'draft' || !question) error(404, m.error404);
	const planner = locals.user?.roles.includes('planner') ?? false;
	if (resultsAccess(poll, { planner, voted: true }) !== 'visible') error(403, m.error403);
	return json(await pollResults(ctx.db, poll.id, question, m.surveyOther), {
		headers: { 'cache-control': 'no-store' }
	});
};
