import { sql, type Kysely } from 'kysely';

// Results for planners and open data: themes planners code free-text answers with, answers hidden
// as abusive, and published aggregates (a snapshot, already suppressed, so what the public reads
// is exactly what a planner released).
export async function up(db: Kysely<any>): Promise<void> {
	// The results cache asks "how many submitted, changed since when" on every dashboard view; this
	// answers both from the index alone, and finds the few responses changed since the last look.
	await db.schema
		.createIndex('survey_responses_changes')
		.on('survey_responses')
		.columns(['survey_id', 'status', 'updated_at'])
		.execute();
	// Building the cache reads a survey's responses in id order, a batch at a time.
	await db.schema
		.createIndex('survey_responses_keyset')
		.on('survey_responses')
		.columns(['survey_id', 'status', 'id'])
		.execute();
	await db.schema
		.createTable('result_themes')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('survey_id', 'uuid', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
		.addColumn('question_id', 'uuid', (c) =>
			c.notNull().references('survey_questions.id').onDelete('cascade')
		)
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await sql`create unique index result_themes_label on result_themes (question_id, lower(label))`.execute(
		db
	);

	await db.schema
		.createTable('result_codings')
		.addColumn('theme_id', 'uuid', (c) =>
			c.notNull().references('result_themes.id').onDelete('cascade')
		)
		.addColumn('response_id', 'uuid', (c) =>
			c.notNull().references('survey_responses.id').onDelete('cascade')
		)
		.addColumn('coded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addPrimaryKeyConstraint('result_codings_pkey', ['theme_id', 'response_id'])
		.execute();
	await db.schema
		.createIndex('result_codings_response')
		.on('result_codings')
		.column('response_id')
		.execute();

	// Hidden from every view and export of the answer's text; the response still counts.
	await db.schema
		.createTable('result_flags')
		.addColumn('response_id', 'uuid', (c) =>
			c.notNull().references('survey_responses.id').onDelete('cascade')
		)
		.addColumn('question_id', 'uuid', (c) =>
			c.notNull().references('survey_questions.id').onDelete('cascade')
		)
		.addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('flagged_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addPrimaryKeyConstraint('result_flags_pkey', ['response_id', 'question_id'])
		.execute();

	await db.schema
		.createTable('result_publications')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('survey_id', 'uuid', (c) =>
			c.notNull().unique().references('surveys.id').onDelete('cascade')
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		// The planners' feedback on the results, Markdown, shown above the charts.
		.addColumn('feedback_md', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('licence', 'text', (c) => c.notNull())
		.addColumn('min_cell', 'integer', (c) => c.notNull())
		// Which cross-tabs the planner chose to publish: [{ target, by: { questionId, rowId? } }].
		.addColumn('cross_tabs', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.addColumn('snapshot', 'jsonb', (c) => c.notNull())
		.addColumn('published_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('first_published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('withdrawn_at', 'timestamptz')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['result_publications', 'result_flags', 'result_codings', 'result_themes']) {
		await db.schema.dropTable(table).ifExists().execute();
	}
	await db.schema.dropIndex('survey_responses_changes').ifExists().execute();
	await db.schema.dropIndex('survey_responses_keyset').ifExists().execute();
}
