import { sql, type Kysely } from 'kysely';

// Map comments (Kartenhinweise): a map stage per consultation with categories, plan drawings and
// named places; comments with GeoJSON geometry, replies one level deep, supports, reports.
// Geometry is stored as GeoJSON (jsonb) with its bounding box in plain columns, so the visible-
// area query is a B-tree range scan on both engines (PGlite has no PostGIS).
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('map_stages')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('consultation_id', 'uuid', (c) =>
			c.notNull().unique().references('consultations.id').onDelete('cascade')
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('draft')
				.check(sql`status in ('draft', 'open', 'closed')`)
		)
		.addColumn('base_map', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('area_of_interest', 'jsonb')
		.addColumn('geometry_types', sql`text[]`, (c) =>
			c.notNull().defaultTo(sql`'{Point,LineString,Polygon}'`)
		)
		.addColumn('report_threshold', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(3)
				.check(sql`report_threshold between 1 and 100`)
		)
		.addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('map_categories')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('stage_id', 'uuid', (c) =>
			c.notNull().references('map_stages.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('color', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addUniqueConstraint('map_categories_stage_name', ['stage_id', 'name'])
		.execute();

	// A plan drawing: shown on the map between two corners (WGS84), or on its own in pixel
	// coordinates (0..width, 0..height, y downwards) when it has no geo reference.
	await db.schema
		.createTable('map_plans')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('stage_id', 'uuid', (c) =>
			c.notNull().references('map_stages.id').onDelete('cascade')
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('file_id', 'uuid', (c) => c.notNull().references('files.id'))
		.addColumn('width', 'integer', (c) => c.notNull())
		.addColumn('height', 'integer', (c) => c.notNull())
		.addColumn('south', 'double precision')
		.addColumn('west', 'double precision')
		.addColumn('north', 'double precision')
		.addColumn('east', 'double precision')
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint(
			'map_plans_georef_all_or_none',
			sql`(south is null and west is null and north is null and east is null)
				or (south < north and west < east)`
		)
		.execute();

	// Named places let residents who cannot point at a map pick a location from a list.
	await db.schema
		.createTable('map_places')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('stage_id', 'uuid', (c) =>
			c.notNull().references('map_stages.id').onDelete('cascade')
		)
		.addColumn('plan_id', 'uuid', (c) => c.references('map_plans.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('x', 'double precision', (c) => c.notNull())
		.addColumn('y', 'double precision', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('map_comments')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('stage_id', 'uuid', (c) =>
			c.notNull().references('map_stages.id').onDelete('cascade')
		)
		// Set only for plans without geo reference: the geometry is then in the plan's pixels.
		.addColumn('plan_id', 'uuid', (c) => c.references('map_plans.id').onDelete('cascade'))
		.addColumn('category_id', 'uuid', (c) => c.notNull().references('map_categories.id'))
		.addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('geometry', 'jsonb', (c) => c.notNull())
		.addColumn('geometry_type', 'text', (c) =>
			c.notNull().check(sql`geometry_type in ('Point', 'LineString', 'Polygon')`)
		)
		.addColumn('min_x', 'double precision', (c) => c.notNull())
		.addColumn('min_y', 'double precision', (c) => c.notNull())
		.addColumn('max_x', 'double precision', (c) => c.notNull())
		.addColumn('max_y', 'double precision', (c) => c.notNull())
		// Where the marker and the cluster count it: the point, or a point on the line/in the area.
		.addColumn('anchor_x', 'double precision', (c) => c.notNull())
		.addColumn('anchor_y', 'double precision', (c) => c.notNull())
		.addColumn('photo_file_id', 'uuid', (c) => c.references('files.id').onDelete('set null'))
		.addColumn('photo_alt', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('new')
				.check(sql`status in ('new', 'in_review', 'accepted', 'rejected')`)
		)
		.addColumn('answer', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('answered_at', 'timestamptz')
		.addColumn('answered_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('support_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0))
		// 'moderator' (hidden with a reason) or 'reports' (hidden pending review by the threshold).
		.addColumn('hidden_kind', 'text', (c) => c.check(sql`hidden_kind in ('moderator', 'reports')`))
		.addColumn('hidden_reason', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('hidden_at', 'timestamptz')
		.addColumn('hidden_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	// The visible-area query: one stage, boxes overlapping the viewport.
	await db.schema
		.createIndex('map_comments_bbox')
		.on('map_comments')
		.columns(['stage_id', 'min_x', 'max_x', 'min_y', 'max_y'])
		.execute();
	await db.schema
		.createIndex('map_comments_stage_created')
		.on('map_comments')
		.columns(['stage_id', 'created_at'])
		.execute();

	await db.schema
		.createTable('map_comment_replies')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('comment_id', 'uuid', (c) =>
			c.notNull().references('map_comments.id').onDelete('cascade')
		)
		.addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('hidden_kind', 'text', (c) => c.check(sql`hidden_kind in ('moderator', 'reports')`))
		.addColumn('hidden_reason', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('hidden_at', 'timestamptz')
		.addColumn('hidden_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.createIndex('map_comment_replies_comment')
		.on('map_comment_replies')
		.columns(['comment_id', 'created_at'])
		.execute();

	// One support per person and comment: the primary key refuses the second.
	await db.schema
		.createTable('map_comment_supports')
		.addColumn('comment_id', 'uuid', (c) =>
			c.notNull().references('map_comments.id').onDelete('cascade')
		)
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addPrimaryKeyConstraint('map_comment_supports_pkey', ['comment_id', 'user_id'])
		.execute();

	// A report points at a comment or a reply; one open report per person and target.
	await db.schema
		.createTable('map_reports')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('comment_id', 'uuid', (c) => c.references('map_comments.id').onDelete('cascade'))
		.addColumn('reply_id', 'uuid', (c) =>
			c.references('map_comment_replies.id').onDelete('cascade')
		)
		.addColumn('reporter_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('resolved_at', 'timestamptz')
		.addColumn('resolved_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addCheckConstraint('map_reports_one_target', sql`(comment_id is null) <> (reply_id is null)`)
		.addUniqueConstraint('map_reports_comment_reporter', ['comment_id', 'reporter_id'])
		.addUniqueConstraint('map_reports_reply_reporter', ['reply_id', 'reporter_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'map_reports',
		'map_comment_supports',
		'map_comment_replies',
		'map_comments',
		'map_places',
		'map_plans',
		'map_categories',
		'map_stages'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
