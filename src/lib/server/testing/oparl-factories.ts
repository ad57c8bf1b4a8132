import { sql } from 'kysely';
import type { Db } from '../db/index.ts';

// Small insert helpers for meeting data in tests (OParl API and import specs).

export async function createBody(db: Db, values: { name?: string; deleted?: boolean } = {}) {
	return db
		.insertInto('bodies')
		.values({
			name: values.name ?? 'Rat der Stadt',
			classification: 'Rat',
			deleted_at: values.deleted ? sql`now()` : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
}

export async function createMeeting(
	db: Db,
	bodyId: string,
	values: { name?: string; startsAt?: Date; location?: string | null; deleted?: boolean } = {}
) {
	return db
		.insertInto('meetings')
		.values({
			body_id: bodyId,
			name: values.name ?? 'Sitzung des Rates',
			starts_at: values.startsAt ?? new Date('2026-10-01T16:00:00Z'),
			location: values.location === undefined ? 'Rathaus, Ratssaal' : values.location,
			state: 'held',
			deleted_at: values.deleted ? sql`now()` : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
}

export async function createAgendaItem(
	db: Db,
	meetingId: string,
	values: {
		number: string;
		title: string;
		position: number;
		public?: boolean;
		chapterStartMs?: number | null;
		deleted?: boolean;
	}
) {
	return db
		.insertInto('agenda_items')
		.values({
			meeting_id: meetingId,
			number: values.number,
			title: values.title,
			position: values.position,
			public: values.public ?? true,
			chapter_start_ms: values.chapterStartMs ?? null,
			deleted_at: values.deleted ? sql`now()` : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
}

export async function createPaper(
	db: Db,
	agendaItemId: string,
	values: { name: string; url?: string; fileId?: string; deleted?: boolean }
) {
	return db
		.insertInto('agenda_item_papers')
		.values({
			agenda_item_id: agendaItemId,
			name: values.name,
			url: values.url ?? null,
			file_id: values.fileId ?? null,
			deleted_at: values.deleted ? sql`now()` : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
}

/** A recording row as the transcoder leaves it: online when `outputPrefix` is set. */
export async function createRecording(
	db: Db,
	meetingId: string,
	values: { startedAt: Date; durationMs: number; outputPrefix: string | null }
) {
	return db
		.insertInto('recordings')
		.values({
			meeting_id: meetingId,
			state: values.outputPrefix ? 'ready' : 'processing',
			started_at: values.startedAt,
			duration_ms: values.durationMs,
			output_prefix: values.outputPrefix
		})
		.returning('id')
		.executeTakeFirstOrThrow();
}

export async function createPerson(db: Db, values: { name: string; deleted?: boolean }) {
	return db
		.insertInto('persons')
		.values({ name: values.name, deleted_at: values.deleted ? sql`now()` : null })
		.returning('id')
		.executeTakeFirstOrThrow();
}

export async function createMembership(db: Db, personId: string, bodyId: string) {
	return db
		.insertInto('memberships')
		.values({ person_id: personId, body_id: bodyId, role: 'Mitglied', start_date: '2025-11-01' })
		.returning('id')
		.executeTakeFirstOrThrow();
}

export async function createTerm(db: Db, values: { name: string; deleted?: boolean }) {
	return db
		.insertInto('legislative_terms')
		.values({
			name: values.name,
			start_date: '2025-11-01',
			end_date: '2030-10-31',
			deleted_at: values.deleted ? sql`now()` : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
}
