import type { FeedbackEntry } from '../../consultations/types.ts';
import type { Db } from '../db/index.ts';

const columns = ['id', 'title', 'body_md', 'body_html', 'published_at'] as const;

const toEntry = (r: {
	id: string;
	title: string;
	body_md: string;
	body_html: string;
	published_at: Date;
}): FeedbackEntry => ({
	id: r.id,
	title: r.title,
	bodyMd: r.body_md,
	bodyHtml: r.body_html,
	publishedAt: r.published_at
});

/** Newest first: residents come back to see what happened since their last visit. */
export async function listFeedback(db: Db, consultationId: string): Promise<FeedbackEntry[]> {
	const rows = await db
		.selectFrom('consultation_feedback')
		.select(columns)
		.where('consultation_id', '=', consultationId)
		.orderBy('published_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
	return rows.map(toEntry);
}

export async function findFeedback(
	db: Db,
	consultationId: string,
	id: string
): Promise<FeedbackEntry | null> {
	const row = await db
		.selectFrom('consultation_feedback')
		.select(columns)
		.where('id', '=', id)
		.where('consultation_id', '=', consultationId)
		.executeTakeFirst();
	return row ? toEntry(row) : null;
}

export interface FeedbackText {
	title: string;
	bodyMd: string;
	bodyHtml: string;
}

export async function insertFeedback(
	db: Db,
	entry: FeedbackText & { consultationId: string; createdBy: string | null; publishedAt?: Date }
): Promise<string> {
	const row = await db
		.insertInto('consultation_feedback')
		.values({
			consultation_id: entry.consultationId,
			title: entry.title,
			body_md: entry.bodyMd,
			body_html: entry.bodyHtml,
			created_by: entry.createdBy,
			...(entry.publishedAt ? { published_at: entry.publishedAt } : {})
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateFeedback(
	db: Db,
	consultationId: string,
	id: string,
	text: FeedbackText
): Promise<boolean> {
	const result = await db
		.updateTable('consultation_feedback')
		.set({ title: text.title, body_md: text.bodyMd, body_html: text.bodyHtml })
		.where('id', '=', id)
		.where('consultation_id', '=', consultationId)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

export async function deleteFeedback(db: Db, consultationId: string, id: string): Promise<boolean> {
	const result = await db
		.deleteFrom('consultation_feedback')
		.where('id', '=', id)
		.where('consultation_id', '=', consultationId)
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
}
