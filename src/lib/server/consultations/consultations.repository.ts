import type { Db } from '../db/index.ts';

export interface ConsultationSummary {
	id: string;
	slug: string;
	title: string;
	summary: string;
	publishedAt: Date | null;
}

export async function listCurrentConsultations(db: Db, limit = 6): Promise<ConsultationSummary[]> {
	const rows = await db
		.selectFrom('consultations')
		.select(['id', 'slug', 'title', 'summary', 'published_at'])
		.where('status', '=', 'published')
		.orderBy('published_at', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		slug: r.slug,
		title: r.title,
		summary: r.summary,
		publishedAt: r.published_at
	}));
}
