import type { PageServerLoad } from './$types';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { listAllConsultations } from '$lib/server/consultations/consultations.repository.ts';
import { berlinToday } from '$lib/server/consultations/phases.ts';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'planner');
	const { db } = await appContext();
	return { consultations: await listAllConsultations(db, berlinToday()) };
};
