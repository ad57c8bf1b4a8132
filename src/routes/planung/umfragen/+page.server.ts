import type { PageServerLoad } from './$types';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { listAllSurveys } from '$lib/server/surveys/builder.repository.ts';
import { surveyState } from '$lib/server/surveys/participation.ts';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'planner');
	const surveys = await listAllSurveys((await appContext()).db);
	const now = new Date();
	return {
		surveys: surveys.map((s) => ({
			id: s.id,
			kind: s.kind,
			title: s.title,
			version: s.version,
			consultationId: s.consultationId,
			consultationTitle: s.consultationTitle,
			responses: s.responses,
			opensAt: s.opensAt,
			state: s.status === 'archived' ? ('archived' as const) : surveyState(s, now)
		}))
	};
};
