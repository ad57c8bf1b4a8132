import type { Locale } from '../../i18n/index.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { surveyState } from './participation.ts';
import { pollCard } from './poll-view.ts';
import { findSurvey, listSurveysForConsultation } from './surveys.repository.ts';

/** The surveys (as links) and polls (as cards to vote on in place) of one consultation page. */
export async function consultationParticipation(
	ctx: AppContext,
	consultationId: string,
	user: SessionUser | null,
	locale: Locale
) {
	const planner = user?.roles.includes('planner') ?? false;
	const all = await listSurveysForConsultation(ctx.db, consultationId, { includeDrafts: planner });
	const surveys = all
		.filter((s) => s.kind === 'survey')
		.map((s) => ({
			id: s.id,
			title: s.title,
			intro: s.intro,
			mode: s.mode,
			status: s.status,
			closesAt: s.closesAt,
			opensAt: s.opensAt,
			state: surveyState(s)
		}));
	const polls = [];
	for (const summary of all.filter((s) => s.kind === 'poll')) {
		const poll = await findSurvey(ctx.db, summary.id);
		const card = poll && (await pollCard(ctx, poll, user, locale));
		if (card) polls.push(card);
	}
	return { surveys, polls };
}
