import { sql, type Kysely } from 'kysely';

// Council meetings in full (legislative terms, persons, memberships, agenda items, papers), the
// OParl import log, and recordings (uploads, transcode state, chapters on agenda items).
//
// Every table that OParl publishes keeps deleted rows (`deleted_at`): OParl 1.1 requires deleted
// objects to stay listed with `deleted: true`. `oparl_id` is the object's URL in the council
// information system it was imported from; unique, so repeated imports update instead of
// duplicating.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('bodies')
		.addColumn('classification', 'text', (c) => c.notNull().defaultTo('Ausschuss'))
		.addColumn('start_date', 'date')
		.addColumn('end_date', 'date')
		.addColumn('website', 'text')
		.addColumn('retention_days', 'integer', (c) => c.check(sql`retention_days > 0`))
		.addColumn('oparl_id', 'text', (c) => c.unique())
		.addColumn('deleted_at', 'timestamptz')
		.execute();

	await db.schema
		.createTable('legislative_terms')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('start_date', 'date')
		.addColumn('end_date', 'date')
		.addColumn('oparl_id', 'text', (c) => c.unique())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('deleted_at', 'timestamptz')
		.execute();

	await db.schema
		.createTable('persons')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('family_name', 'text')
		.addColumn('given_name', 'text')
		.addColumn('form_of_address', 'text')
		.addColumn('title', 'text')
		// Consent to being recorded and streamed (Einwilligung); without it the person is cut out.
		.addColumn('recording_consent', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('oparl_id', 'text', (c) => c.unique())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('deleted_at', 'timestamptz')
		.execute();

	await db.schema
		.createTable('memberships')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('person_id', 'uuid', (c) => c.notNull().references('persons.id').onDelete('cascade'))
		.addColumn('body_id', 'uuid', (c) => c.notNull().references('bodies.id').onDelete('cascade'))
		.addColumn('role', 'text')
		.addColumn('voting_right', 'boolean', (c) => c.notNull().defaultTo(true))
		.addColumn('start_date', 'date')
		.addColumn('end_date', 'date')
		.addColumn('oparl_id', 'text', (c) => c.unique())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('deleted_at', 'timestamptz')
		.execute();
	await db.schema
		.createIndex('memberships_person_idx')
		.on('memberships')
		.column('person_id')
		.execute();
	await db.schema.createIndex('memberships_body_idx').on('memberships').column('body_id').execute();

	await db.schema
		.alterTable('meetings')
		.addColumn('legislative_term_id', 'uuid', (c) =>
			c.references('legislative_terms.id').onDelete('set null')
		)
		.addColumn('oparl_id', 'text', (c) => c.unique())
		.addColumn('deleted_at', 'timestamptz')
		.execute();

	await db.schema
		.createTable('agenda_items')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('meeting_id', 'uuid', (c) =>
			c.notNull().references('meetings.id').onDelete('cascade')
		)
		// As printed on the agenda: "TOP 5", "Ö 5.1", "N 2".
		.addColumn('number', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('public', 'boolean', (c) => c.notNull().defaultTo(true))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('result', 'text')
		.addColumn('resolution_text', 'text')
		// Chapter mark: where this item starts on the meeting's recording, in milliseconds from the
		// recording's first frame. Its end is the next chapter's start (or the recording's end).
		.addColumn('chapter_start_ms', 'integer', (c) => c.check(sql`chapter_start_ms >= 0`))
		.addColumn('oparl_id', 'text', (c) => c.unique())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('deleted_at', 'timestamptz')
		.execute();
	await db.schema
		.createIndex('agenda_items_meeting_idx')
		.on('agenda_items')
		.columns(['meeting_id', 'position'])
		.execute();

	await db.schema
		.createTable('agenda_item_papers')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('agenda_item_id', 'uuid', (c) =>
			c.notNull().references('agenda_items.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		// Drucksachennummer, e.g. "V/2026/0815".
		.addColumn('reference', 'text')
		.addColumn('url', 'text')
		.addColumn('file_id', 'uuid', (c) => c.references('files.id').onDelete('set null'))
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('oparl_id', 'text', (c) => c.unique())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('deleted_at', 'timestamptz')
		.addCheckConstraint('agenda_item_papers_target', sql`url is not null or file_id is not null`)
		.execute();
	await db.schema
		.createIndex('agenda_item_papers_item_idx')
		.on('agenda_item_papers')
		.column('agenda_item_id')
		.execute();

	await db.schema
		.createTable('oparl_imports')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('endpoint', 'text', (c) => c.notNull())
		.addColumn('state', 'text', (c) =>
			c
				.notNull()
				.defaultTo('queued')
				.check(sql`state in ('queued', 'running', 'done', 'failed')`)
		)
		.addColumn('counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.addColumn('error', 'text')
		.addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('finished_at', 'timestamptz')
		.execute();

	// One recording per meeting. Live (a later migration) writes the same layout: fMP4 HLS with
	// 2-second keyframes under `output_prefix` in media storage.
	await db.schema
		.createTable('recordings')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('meeting_id', 'uuid', (c) =>
			c.notNull().unique().references('meetings.id').onDelete('cascade')
		)
		.addColumn('state', 'text', (c) =>
			c
				.notNull()
				.defaultTo('uploading')
				.check(sql`state in ('uploading', 'queued', 'processing', 'ready', 'failed', 'cancelled')`)
		)
		// The uploaded original in media storage (kept until the archive is ready, for retries).
		.addColumn('source_key', 'text')
		.addColumn('source_name', 'text')
		.addColumn('source_bytes', 'bigint')
		// Folder of the published HLS archive in media storage; null until the first one is ready.
		.addColumn('output_prefix', 'text')
		// Wall-clock time of the recording's first frame: EXT-X-PROGRAM-DATE-TIME and OParl times.
		.addColumn('started_at', 'timestamptz', (c) => c.notNull())
		.addColumn('duration_ms', 'integer')
		.addColumn('width', 'integer')
		.addColumn('height', 'integer')
		.addColumn('renditions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.addColumn('progress', 'real', (c) => c.notNull().defaultTo(0))
		.addColumn('eta_seconds', 'integer')
		.addColumn('job_id', 'text')
		.addColumn('error', 'text')
		.addColumn('captions_key', 'text')
		.addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('published_at', 'timestamptz')
		.addColumn('deleted_at', 'timestamptz')
		.execute();

	// Resumable uploads: bytes are appended at `received_bytes`; a dropped connection resumes there.
	await db.schema
		.createTable('recording_uploads')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('meeting_id', 'uuid', (c) =>
			c.notNull().references('meetings.id').onDelete('cascade')
		)
		.addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('original_name', 'text', (c) => c.notNull())
		.addColumn('total_bytes', 'bigint', (c) => c.notNull().check(sql`total_bytes > 0`))
		.addColumn('received_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('completed_at', 'timestamptz')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'recording_uploads',
		'recordings',
		'oparl_imports',
		'agenda_item_papers',
		'agenda_items',
		'memberships',
		'persons'
	]) {
		await db.schema.dropTable(table).ifExists().execute();
	}
	await db.schema
		.alterTable('meetings')
		.dropColumn('legislative_term_id')
		.dropColumn('oparl_id')
		.dropColumn('deleted_at')
		.execute();
	await db.schema.dropTable('legislative_terms').ifExists().execute();
	await db.schema
		.alterTable('bodies')
		.dropColumn('classification')
		.dropColumn('start_date')
		.dropColumn('end_date')
		.dropColumn('website')
		.dropColumn('retention_days')
		.dropColumn('oparl_id')
		.dropColumn('deleted_at')
		.execute();
}
