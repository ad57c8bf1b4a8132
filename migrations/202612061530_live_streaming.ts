import { sql, type Kysely } from 'kysely';

// Live council streaming (issue #6): a stream key and the broadcast state per meeting, the
// encoder connections (ingest sessions), the ranges a clerk marks live (non-public parts,
// speakers without consent, and the fail-closed "unknown" state), and the recording as a list
// of 2-second slots, which is what the live and archive playlists are built from. Retention:
// per body or meeting, in days or until the end of the legislative term.
//
// Times of ranges are wall-clock (timestamptz): a range may begin before the first segment of
// the recording exists. A recording's time axis is wall-clock too: slot N starts at
// recordings.started_at + start_ms, gaps (encoder reconnecting) are filled with slate slots, so
// a chapter mark, an OParl start/end and a cut all mean the same instant.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('live_streams')
		.addColumn('meeting_id', 'uuid', (c) =>
			c.primaryKey().references('meetings.id').onDelete('cascade')
		)
		// The publish name the encoder sends (RTMP "stream key"); clerks see it on the console.
		.addColumn('stream_key', 'text', (c) => c.notNull().unique())
		.addColumn('key_created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		// The clerk's "Sitzung beginnen" / "Sitzung beenden": the recording's first and last instant.
		.addColumn('started_at', 'timestamptz')
		.addColumn('ended_at', 'timestamptz')
		// Why the broadcast ended when no clerk ended it (no signal within the grace period).
		.addColumn('end_reason', 'text')
		.addColumn('current_item_id', 'uuid', (c) =>
			c.references('agenda_items.id').onDelete('set null')
		)
		.addColumn('recording_id', 'uuid', (c) => c.references('recordings.id').onDelete('set null'))
		// Last time a clerk's console asked for the state; a silent console makes the state unknown.
		.addColumn('console_seen_at', 'timestamptz')
		// Encoder health as the ingest reports it (bit rate, size, keyframes, last segment, warnings).
		.addColumn('ingest', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.addColumn('ingest_updated_at', 'timestamptz')
		// Also show the slate live while a speaker without consent talks (the archive always cuts).
		.addColumn('consent_slate_live', 'boolean', (c) => c.notNull().defaultTo(true))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint(
			'live_streams_order',
			sql`ended_at is null or (started_at is not null and ended_at >= started_at)`
		)
		.execute();

	// One row per encoder connection; `dir` is its folder under the recording's output prefix.
	await db.schema
		.createTable('live_sessions')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('meeting_id', 'uuid', (c) =>
			c.notNull().references('meetings.id').onDelete('cascade')
		)
		.addColumn('recording_id', 'uuid', (c) => c.references('recordings.id').onDelete('cascade'))
		.addColumn('dir', 'text', (c) => c.notNull())
		// Wall-clock time of the session's first media frame (FLV timestamp 0).
		.addColumn('media_started_at', 'timestamptz')
		.addColumn('ended_at', 'timestamptz')
		.addColumn('end_reason', 'text')
		// Rendition names this session produces (a reconnect may bring a smaller picture).
		.addColumn('renditions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.createIndex('live_sessions_meeting_idx')
		.on('live_sessions')
		.columns(['meeting_id', 'created_at'])
		.execute();

	await db.schema
		.createTable('live_ranges')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('meeting_id', 'uuid', (c) =>
			c.notNull().references('meetings.id').onDelete('cascade')
		)
		// nonpublic: closed session; consent: a speaker who refused consent; unknown: the console
		// state is not known (worker restart, console lost) and counts as non-public.
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('nonpublic', 'consent', 'unknown')`)
		)
		.addColumn('starts_at', 'timestamptz', (c) => c.notNull())
		// Open while null.
		.addColumn('ends_at', 'timestamptz')
		.addColumn('person_id', 'uuid', (c) => c.references('persons.id').onDelete('set null'))
		// live: set on the console; item: the current agenda item was non-public; edit: afterwards;
		// system: opened by the worker (unknown state).
		.addColumn('source', 'text', (c) =>
			c
				.notNull()
				.defaultTo('live')
				.check(sql`source in ('live', 'item', 'edit', 'system')`)
		)
		.addColumn('note', 'text')
		// When the archive's segments for this range were replaced (consent cuts, later non-public).
		.addColumn('applied_at', 'timestamptz')
		.addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('deleted_at', 'timestamptz')
		.addCheckConstraint('live_ranges_order', sql`ends_at is null or ends_at >= starts_at`)
		.execute();
	await db.schema
		.createIndex('live_ranges_meeting_idx')
		.on('live_ranges')
		.columns(['meeting_id', 'starts_at'])
		.execute();

	// The recording as published: one row per segment slot, shared by every rendition. The file
	// of rendition R is `<output_prefix>/<dir>/<R>/<file>`, its init `<dir>/<R>/init.mp4`.
	await db.schema
		.createTable('recording_slots')
		.addColumn('recording_id', 'uuid', (c) =>
			c.notNull().references('recordings.id').onDelete('cascade')
		)
		.addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq >= 0`))
		.addColumn('start_ms', 'bigint', (c) => c.notNull().check(sql`start_ms >= 0`))
		.addColumn('duration_ms', 'integer', (c) => c.notNull().check(sql`duration_ms > 0`))
		// media: the camera; nonpublic / consent / gap: a slate; cut: re-encoded with a cut inside.
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('media', 'nonpublic', 'consent', 'gap', 'cut')`)
		)
		.addColumn('dir', 'text', (c) => c.notNull())
		.addColumn('file', 'text', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addPrimaryKeyConstraint('recording_slots_pk', ['recording_id', 'seq'])
		.execute();

	await db.schema
		.alterTable('recordings')
		.addColumn('origin', 'text', (c) =>
			c
				.notNull()
				.defaultTo('upload')
				.check(sql`origin in ('upload', 'live')`)
		)
		// Retention ended: every derived file is gone, the page says so, OParl answers 410.
		.addColumn('expired_at', 'timestamptz')
		.execute();

	// Retention: null inherits (meeting from body, body means "keep"); `term` keeps the recording
	// until the end of the meeting's legislative term.
	await db.schema
		.alterTable('bodies')
		.addColumn('retention_mode', 'text', (c) =>
			c.check(sql`retention_mode in ('days', 'term', 'keep')`)
		)
		.execute();
	await db.schema
		.alterTable('meetings')
		.addColumn('retention_mode', 'text', (c) =>
			c.check(sql`retention_mode in ('days', 'term', 'keep')`)
		)
		.addColumn('retention_days', 'integer', (c) => c.check(sql`retention_days > 0`))
		.execute();

	// Approximate viewer count: a random token per open player page, no address, no cookie.
	await db.schema
		.createTable('live_viewers')
		.addColumn('meeting_id', 'uuid', (c) =>
			c.notNull().references('meetings.id').onDelete('cascade')
		)
		.addColumn('token', 'uuid', (c) => c.notNull())
		.addColumn('seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addPrimaryKeyConstraint('live_viewers_pk', ['meeting_id', 'token'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('live_viewers').ifExists().execute();
	await db.schema
		.alterTable('meetings')
		.dropColumn('retention_mode')
		.dropColumn('retention_days')
		.execute();
	await db.schema.alterTable('bodies').dropColumn('retention_mode').execute();
	await db.schema.alterTable('recordings').dropColumn('origin').dropColumn('expired_at').execute();
	for (const table of ['recording_slots', 'live_ranges', 'live_sessions', 'live_streams']) {
		await db.schema.dropTable(table).ifExists().execute();
	}
}
