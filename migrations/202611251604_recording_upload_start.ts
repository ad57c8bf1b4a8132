import type { Kysely } from 'kysely';

// The recording start time a clerk may give when starting an upload (the camera often starts
// before or after the meeting's scheduled time). It is applied when the upload completes, which
// happens on a later request than the form that carried it.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('recording_uploads').addColumn('started_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('recording_uploads').dropColumn('started_at').execute();
}
