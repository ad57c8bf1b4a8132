import { sql, type Kysely } from 'kysely';

// The visible-area query as a real spatial index: a GiST index on each comment's bounding box
// (PostgreSQL's built-in box type, so it works on PGlite too, which has no PostGIS). The B-tree on
// (stage_id, min_x, max_x, min_y, max_y) it replaces could only range-scan min_x; `npm run
// bench:map` showed PostgreSQL preferring a sequential scan over it for a street-block viewport.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('map_comments_bbox').execute();
	await sql`create index map_comments_box on map_comments using gist (box(point(min_x, min_y), point(max_x, max_y)))`.execute(
		db
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('map_comments_box').execute();
	await db.schema
		.createIndex('map_comments_bbox')
		.on('map_comments')
		.columns(['stage_id', 'min_x', 'max_x', 'min_y', 'max_y'])
		.execute();
}
