import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { STAGES } from '$lib/consultations/types.ts';
import { appContext } from '$lib/server/app.ts';
import {
	listPublicTopics,
	searchConsultations
} from '$lib/server/consultations/consultations.repository.ts';
import { berlinToday } from '$lib/server/consultations/phases.ts';

const PAGE_SIZE = 20;

const blank = (v: unknown) => (v === '' ? undefined : v);

// A GET form: anything odd in the address is ignored rather than answered with an error page.
const filters = z.object({
	q: z.preprocess(blank, z.string().trim().max(200).optional()).catch(undefined),
	phase: z.preprocess(blank, z.enum(STAGES).optional()).catch(undefined),
	thema: z.preprocess(blank, z.string().trim().max(40).optional()).catch(undefined),
	seite: z.coerce.number().int().min(1).max(10_000).catch(1)
});

export const load: PageServerLoad = async ({ url }) => {
	const f = filters.parse(Object.fromEntries(url.searchParams));
	const { db } = await appContext();
	const [result, topics] = await Promise.all([
		searchConsultations(db, {
			q: f.q || undefined,
			topic: f.thema,
			stage: f.phase,
			today: berlinToday(),
			limit: PAGE_SIZE,
			offset: (f.seite - 1) * PAGE_SIZE
		}),
		listPublicTopics(db)
	]);
	return {
		items: result.items,
		total: result.total,
		page: f.seite,
		pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
		filters: { q: f.q ?? '', phase: f.phase ?? '', thema: f.thema ?? '' },
		filtered: Boolean(f.q || f.phase || f.thema),
		topics,
		stages: STAGES
	};
};
