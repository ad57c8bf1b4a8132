import type { SessionUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import type { Locale } from '../../i18n/index.ts';
import { messages } from '../../i18n/index.ts';
import { surveyState } from './participation.ts';
import { pollResults, resultsAccess } from './poll-results.ts';
import { accountVote, pollQuestion } from './polls.ts';
import type { Survey } from './surveys.repository.ts';

/** What a poll card shows: the question, the viewer's vote and the result if they may see it. */
export async function pollCard(
	ctx: AppContext,
	poll: Survey,
	user: SessionUser | null,
	locale: Locale
) {
	const question = pollQuestion(poll);
	if (!question) return null;
	const planner = user?.roles.includes('planner') ?? false;
	const myVote = await accountVote(ctx, poll, user);
	const access = resultsAccess(poll, { planner, voted: myVote !== null });
	const visible = access === 'visible' || (access === 'afterVote' && myVote !== null);
	return {
		poll: {
			id: poll.id,
			title: poll.title,
			mode: poll.mode,
			opensAt: poll.opensAt,
			closesAt: poll.closesAt,
			question
		},
		openState: surveyState(poll),
		access,
		myVote,
		loggedIn: user !== null,
		results: visible
			? await pollResults(ctx.db, poll.id, question, messages(locale).surveyOther)
			: null
	};
}
