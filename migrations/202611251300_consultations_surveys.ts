import { sql, type Kysely } from 'kysely';

// Consultations in full (body, phases, documents, feedback, search), uploaded files, and surveys
// and polls with their pages, questions, participation codes and responses.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('files')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('storage_key', 'text', (c) => c.notNull().unique())
		.addColumn('mime_type', 'text', (c) => c.notNull())
		.addColumn('size_bytes', 'integer', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('original_name', 'text', (c) => c.notNull())
		.addColumn('width', 'integer')
		.addColumn('height', 'integer')
		.addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.alterTable('consultations')
		.addColumn('body_md', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('office', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('contact_email', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('topics', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
		.addColumn('location', 'jsonb')
		.addColumn('cover_file_id', 'uuid', (c) => c.references('files.id').onDelete('set null'))
		.addColumn('cover_alt', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('archived_at', 'timestamptz')
		.execute();
	// German stemming works on PostgreSQL and on PGlite alike, so one query serves both engines.
	await sql`alter table consultations add column search tsvector generated always as (
		setweight(to_tsvector('german', coalesce(title, '')), 'A') ||
		setweight(to_tsvector('german', coalesce(summary, '')), 'B') ||
		setweight(to_tsvector('german', coalesce(body_md, '')), 'C')
	) stored`.execute(db);
	await sql`create index consultations_search_idx on consultations using gin (search)`.execute(db);

	await db.schema
		.createTable('consultation_phases')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('consultation_id', 'uuid', (c) =>
			c.notNull().references('consultations.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('information', 'participation', 'evaluation', 'feedback')`)
		)
		.addColumn('starts_on', 'date', (c) => c.notNull())
		.addColumn('ends_on', 'date', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addUniqueConstraint('consultation_phases_kind_key', ['consultation_id', 'kind'])
		.addCheckConstraint('consultation_phases_dates', sql`ends_on >= starts_on`)
		.execute();

	await db.schema
		.createTable('consultation_documents')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('consultation_id', 'uuid', (c) =>
			c.notNull().references('consultations.id').onDelete('cascade')
		)
		.addColumn('file_id', 'uuid', (c) => c.notNull().references('files.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();

	await db.schema
		.createTable('consultation_feedback')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('consultation_id', 'uuid', (c) =>
			c.notNull().references('consultations.id').onDelete('cascade')
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('body_md', 'text', (c) => c.notNull())
		.addColumn('body_html', 'text', (c) => c.notNull())
		.addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.execute();

	await db.schema
		.createTable('surveys')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('consultation_id', 'uuid', (c) =>
			c.notNull().references('consultations.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('survey', 'poll')`))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('account', 'code', 'open')`))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('draft')
				.check(sql`status in ('draft', 'published', 'archived')`)
		)
		.addColumn('opens_at', 'timestamptz')
		.addColumn('closes_at', 'timestamptz')
		.addColumn('results_visibility', 'text', (c) =>
			c
				.notNull()
				.defaultTo('after_close')
				.check(sql`results_visibility in ('after_vote', 'after_close', 'planners')`)
		)
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('previous_version_id', 'uuid', (c) =>
			c.references('surveys.id').onDelete('set null')
		)
		.addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.createIndex('surveys_consultation_idx')
		.on('surveys')
		.column('consultation_id')
		.execute();

	await db.schema
		.createTable('survey_pages')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('survey_id', 'uuid', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
		.execute();

	await db.schema
		.createTable('survey_questions')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('survey_id', 'uuid', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
		.addColumn('page_id', 'uuid', (c) =>
			c.notNull().references('survey_pages.id').onDelete('cascade')
		)
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('type', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`type in ('single', 'multiple', 'ranking', 'matrix', 'rating', 'short_text', 'long_text', 'number', 'budget')`
				)
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('help', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('required', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('config', 'jsonb', (c) => c.notNull())
		.addColumn('condition', 'jsonb')
		.execute();
	await db.schema
		.createIndex('survey_questions_survey_idx')
		.on('survey_questions')
		.column('survey_id')
		.execute();

	await db.schema
		.createTable('participation_codes')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('survey_id', 'uuid', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
		.addColumn('code_hash', 'text', (c) => c.notNull())
		.addColumn('batch', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('first_used_at', 'timestamptz')
		.addUniqueConstraint('participation_codes_hash_key', ['survey_id', 'code_hash'])
		.execute();

	// One row per participant and survey, enforced here and not only in code: the key is
	// 'u:<user id>', 'c:<code id>' or 'o:<random form token>' and never names a person otherwise.
	await db.schema
		.createTable('survey_responses')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('survey_id', 'uuid', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
		.addColumn('participant_key', 'text', (c) => c.notNull())
		.addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'submitted')`))
		// The working copy the participant edits page by page …
		.addColumn('answers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		// … and what was last submitted, the only thing results count. Editing a submitted response
		// never leaves a half-changed version in the results.
		.addColumn('submitted_answers', 'jsonb')
		// Code and open mode: hash of the "Fortsetzungscode" that lets the same person continue or
		// change the response later without an account or a cookie.
		.addColumn('resume_hash', 'text')
		.addColumn('current_page', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('survey_version', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('submitted_at', 'timestamptz')
		.addUniqueConstraint('survey_responses_participant_key', ['survey_id', 'participant_key'])
		.execute();
	await db.schema
		.createIndex('survey_responses_submitted_idx')
		.on('survey_responses')
		.columns(['survey_id', 'status'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'survey_responses',
		'participation_codes',
		'survey_questions',
		'survey_pages',
		'surveys',
		'consultation_feedback',
		'consultation_documents',
		'consultation_phases'
	]) {
		await db.schema.dropTable(table).ifExists().execute();
	}
	await db.schema
		.alterTable('consultations')
		.dropColumn('search')
		.dropColumn('archived_at')
		.dropColumn('cover_alt')
		.dropColumn('cover_file_id')
		.dropColumn('location')
		.dropColumn('topics')
		.dropColumn('contact_phone')
		.dropColumn('contact_email')
		.dropColumn('contact_name')
		.dropColumn('office')
		.dropColumn('body_html')
		.dropColumn('body_md')
		.execute();
	await db.schema.dropTable('files').ifExists().execute();
}
