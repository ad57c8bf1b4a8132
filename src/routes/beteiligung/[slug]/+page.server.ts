import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import {
	loadConsultationDetails,
	publicDetails
} from '$lib/server/consultations/consultation-page.ts';
import { consultationParticipation } from '$lib/server/surveys/consultation-participation.ts';
import { findConsultationBySlug } from '$lib/server/consultations/consultations.repository.ts';
import { mapLinkVisible } from '$lib/server/mapcomments/map-page.ts';
import { publishedSurveyIds } from '$lib/server/results/publications.repository.ts';

export const load: PageServerLoad = async ({ params, locals }) => {
	const ctx = await appContext();
	const { db } = ctx;
	const consultation = await findConsultationBySlug(db, params.slug.slice(0, 100));
	const planner = locals.user?.roles.includes('planner') ?? false;
	// Drafts do not exist for the public: same answer as an unknown address.
	if (!consultation || (consultation.status === 'draft' && !planner)) {
		error(404, messages(locals.locale).error404);
	}
	const participation = await consultationParticipation(
		ctx,
		consultation.id,
		locals.user,
		locals.locale
	);
	const surveyIds = participation.surveys.map((s) => s.id);
	return {
		...publicDetails(await loadConsultationDetails(db, consultation)),
		planner,
		hasMap: await mapLinkVisible(db, consultation.id, planner),
		participation,
		resultsPublished: [...(await publishedSurveyIds(db, surveyIds))]
	};
};
