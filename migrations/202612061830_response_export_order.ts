import type { Kysely } from 'kysely';

// Survey exports read a survey's responses in keyset batches ordered by (created_at, id), the
// order that numbers them. Without this index every batch sorted all the survey's rows again:
// 100 batches over 100,000 responses meant 10 million rows read (`npm run bench:results`).
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createIndex('survey_responses_export_order')
		.on('survey_responses')
		.columns(['survey_id', 'created_at', 'id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('survey_responses_export_order').execute();
}
