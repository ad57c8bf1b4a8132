import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Db, DB } from '../../db/index.ts';
import type { ListQuery } from './api-lists.ts';

// Read queries of our OParl API. Every object carries `created` and `modified`; `modified` is
// the latest change of the row, its deletion, or anything embedded in it (OParl 1.1: deleting or
// changing a sub-object updates the main object's `modified`). Deleted rows stay in the lists.

const rowModified = (table: string) =>
	sql<Date>`greatest(${sql.ref(`${table}.updated_at`)}, ${sql.ref(`${table}.deleted_at`)})`;

/** A meeting, its agenda items, their papers and its recording: what the Meeting object embeds. */
const meetingModified = sql<Date>`greatest(meetings.updated_at, meetings.deleted_at,
	(select max(greatest(a.updated_at, a.deleted_at)) from agenda_items a where a.meeting_id = meetings.id),
	(select max(greatest(p.updated_at, p.deleted_at)) from agenda_item_papers p
		join agenda_items a on a.id = p.agenda_item_id where a.meeting_id = meetings.id),
	(select max(greatest(r.updated_at, r.deleted_at)) from recordings r where r.meeting_id = meetings.id))`;

export interface Page<O> {
	rows: O[];
	total: number;
}

type Windowed<O> = O & { total: string | number };

/**
 * Filters, stable order (creation time, then id) and one page of a list whose subquery is
 * aliased `x` with the columns `id`, `created` and `modified`.
 */
async function pageOf<TB extends keyof DB | 'x', O>(
	qb: SelectQueryBuilder<DB & { x: { id: string; created: Date; modified: Date } }, TB, O>,
	q: ListQuery
): Promise<Page<O>> {
	const conditions: Expression<SqlBool>[] = [];
	if (q.createdSince) conditions.push(sql<SqlBool>`x.created >= ${q.createdSince}`);
	if (q.createdUntil) conditions.push(sql<SqlBool>`x.created <= ${q.createdUntil}`);
	if (q.modifiedSince) conditions.push(sql<SqlBool>`x.modified >= ${q.modifiedSince}`);
	if (q.modifiedUntil) conditions.push(sql<SqlBool>`x.modified <= ${q.modifiedUntil}`);
	let filtered = qb.select(sql<string | number>`count(*) over ()`.as('total'));
	for (const c of conditions) filtered = filtered.where(c);
	const ordered = filtered.orderBy(sql`x.created`).orderBy(sql`x.id`);
	const rows = (await ordered
		.limit(q.perPage)
		.offset((q.page - 1) * q.perPage)
		.execute()) as Windowed<O>[];
	let total = rows[0] ? Number(rows[0].total) : 0;
	// Past the last page the window count has no row to ride on.
	if (!rows.length && q.page > 1) {
		const first = (await ordered.limit(1).execute()) as Windowed<O>[];
		total = first[0] ? Number(first[0].total) : 0;
	}
	return { rows: rows.map(({ total: _, ...row }) => row as O), total };
}

function organizationsQuery(db: Db) {
	return db
		.selectFrom('bodies')
		.select([
			'bodies.id',
			'bodies.name',
			'bodies.short_name',
			'bodies.classification',
			'bodies.start_date',
			'bodies.end_date',
			'bodies.website',
			'bodies.deleted_at',
			'bodies.created_at as created',
			rowModified('bodies').as('modified')
		]);
}
export type OrganizationRow = Awaited<
	ReturnType<ReturnType<typeof organizationsQuery>['executeTakeFirstOrThrow']>
>;

function personsQuery(db: Db) {
	return db.selectFrom('persons').select([
		'persons.id',
		'persons.name',
		'persons.family_name',
		'persons.given_name',
		'persons.form_of_address',
		'persons.title',
		'persons.deleted_at',
		'persons.created_at as created',
		// A person embeds its memberships.
		sql<Date>`greatest(persons.updated_at, persons.deleted_at,
			(select max(greatest(m.updated_at, m.deleted_at)) from memberships m where m.person_id = persons.id))`.as(
			'modified'
		)
	]);
}
export type PersonRow = Awaited<
	ReturnType<ReturnType<typeof personsQuery>['executeTakeFirstOrThrow']>
>;

function membershipsQuery(db: Db) {
	return db
		.selectFrom('memberships')
		.select([
			'memberships.id',
			'memberships.person_id',
			'memberships.body_id',
			'memberships.role',
			'memberships.voting_right',
			'memberships.start_date',
			'memberships.end_date',
			'memberships.deleted_at',
			'memberships.created_at as created',
			rowModified('memberships').as('modified')
		]);
}
export type MembershipRow = Awaited<
	ReturnType<ReturnType<typeof membershipsQuery>['executeTakeFirstOrThrow']>
>;

function termsQuery(db: Db) {
	return db
		.selectFrom('legislative_terms')
		.select([
			'legislative_terms.id',
			'legislative_terms.name',
			'legislative_terms.start_date',
			'legislative_terms.end_date',
			'legislative_terms.deleted_at',
			'legislative_terms.created_at as created',
			rowModified('legislative_terms').as('modified')
		]);
}
export type TermRow = Awaited<ReturnType<ReturnType<typeof termsQuery>['executeTakeFirstOrThrow']>>;

function meetingsQuery(db: Db) {
	return db
		.selectFrom('meetings')
		.leftJoin('recordings', 'recordings.meeting_id', 'meetings.id')
		.select([
			'meetings.id',
			'meetings.body_id',
			'meetings.name',
			'meetings.starts_at',
			'meetings.ends_at',
			'meetings.location',
			'meetings.state',
			'meetings.deleted_at',
			'meetings.created_at as created',
			meetingModified.as('modified'),
			'recordings.id as recording_id',
			'recordings.output_prefix as recording_prefix',
			'recordings.started_at as recording_started_at',
			'recordings.duration_ms as recording_duration_ms',
			// Retention ended: the recording's File is deleted (410) like a removed one.
			sql<Date | null>`coalesce(recordings.deleted_at, recordings.expired_at)`.as(
				'recording_deleted_at'
			),
			'recordings.created_at as recording_created'
		]);
}
export type MeetingRow = Awaited<
	ReturnType<ReturnType<typeof meetingsQuery>['executeTakeFirstOrThrow']>
>;

function agendaItemsQuery(db: Db) {
	return db
		.selectFrom('agenda_items')
		.innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
		.select([
			'agenda_items.id',
			'agenda_items.meeting_id',
			'agenda_items.number',
			'agenda_items.title',
			'agenda_items.public',
			'agenda_items.position',
			'agenda_items.result',
			'agenda_items.resolution_text',
			'agenda_items.chapter_start_ms',
			sql<Date | null>`coalesce(agenda_items.deleted_at, meetings.deleted_at)`.as('deleted_at'),
			'agenda_items.created_at as created',
			// An item's times depend on its neighbours' chapter marks: the meeting's modified covers them.
			meetingModified.as('modified')
		]);
}
export type AgendaItemRow = Awaited<
	ReturnType<ReturnType<typeof agendaItemsQuery>['executeTakeFirstOrThrow']>
>;

/**
 * Files: the papers of public agenda items (a non-public item's papers are never published, not
 * even as deleted stubs) and the recordings that are or were online.
 */
function filesQuery(db: Db) {
	const papers = db
		.selectFrom('agenda_item_papers as p')
		.innerJoin('agenda_items as a', 'a.id', 'p.agenda_item_id')
		.innerJoin('meetings as m', 'm.id', 'a.meeting_id')
		.leftJoin('files as f', 'f.id', 'p.file_id')
		.where('a.public', '=', true)
		.select([
			'p.id',
			sql<'paper' | 'recording'>`'paper'`.as('kind'),
			'p.name',
			'p.url',
			'p.file_id',
			'f.mime_type',
			'f.size_bytes',
			'f.original_name',
			'm.id as meeting_id',
			sql<string | null>`a.id`.as('agenda_item_id'),
			sql<Date | null>`coalesce(p.deleted_at, a.deleted_at, m.deleted_at)`.as('deleted_at'),
			'p.created_at as created',
			sql<Date>`greatest(p.updated_at, p.deleted_at, a.deleted_at, m.deleted_at)`.as('modified')
		]);
	const recordings = db
		.selectFrom('recordings as r')
		.innerJoin('meetings as m', 'm.id', 'r.meeting_id')
		// Online, or expired: an expired recording stays listed as a deleted File (OParl 1.1).
		.where((eb) =>
			eb.or([eb('r.output_prefix', 'is not', null), eb('r.expired_at', 'is not', null)])
		)
		.select([
			'r.id',
			sql<'paper' | 'recording'>`'recording'`.as('kind'),
			'm.name',
			sql<string | null>`null`.as('url'),
			sql<string | null>`null`.as('file_id'),
			sql<string | null>`null`.as('mime_type'),
			sql<number | null>`null`.as('size_bytes'),
			sql<string | null>`null`.as('original_name'),
			'm.id as meeting_id',
			sql<string | null>`null`.as('agenda_item_id'),
			sql<Date | null>`coalesce(r.deleted_at, r.expired_at, m.deleted_at)`.as('deleted_at'),
			'r.created_at as created',
			sql<Date>`greatest(r.updated_at, r.deleted_at, r.expired_at, m.deleted_at)`.as('modified')
		]);
	return db.selectFrom(papers.unionAll(recordings).as('x')).selectAll('x');
}
export type FileRow = Awaited<ReturnType<ReturnType<typeof filesQuery>['executeTakeFirstOrThrow']>>;

/** Meetings with a location become Location objects (one per meeting, id = the meeting's id). */
function locationsQuery(db: Db) {
	return db
		.selectFrom('meetings')
		.where('meetings.location', 'is not', null)
		.select([
			'meetings.id',
			'meetings.location',
			'meetings.deleted_at',
			'meetings.created_at as created',
			rowModified('meetings').as('modified')
		]);
}
export type LocationRow = Awaited<
	ReturnType<ReturnType<typeof locationsQuery>['executeTakeFirstOrThrow']>
>;

// Each list selects from its query as the subquery `x`, so filters see the computed columns.
const wrap = <O>(db: Db, inner: { as(alias: 'x'): unknown }) =>
	db.selectFrom(inner.as('x') as never).selectAll('x' as never) as unknown as SelectQueryBuilder<
		DB & { x: { id: string; created: Date; modified: Date } },
		'x',
		O
	>;

export const oparlQueries = {
	organizations: {
		list: (db: Db, q: ListQuery) => pageOf(wrap<OrganizationRow>(db, organizationsQuery(db)), q),
		find: (db: Db, id: string) =>
			organizationsQuery(db).where('bodies.id', '=', id).executeTakeFirst()
	},
	persons: {
		list: (db: Db, q: ListQuery) => pageOf(wrap<PersonRow>(db, personsQuery(db)), q),
		find: (db: Db, id: string) => personsQuery(db).where('persons.id', '=', id).executeTakeFirst()
	},
	memberships: {
		list: (db: Db, q: ListQuery) => pageOf(wrap<MembershipRow>(db, membershipsQuery(db)), q),
		find: (db: Db, id: string) =>
			membershipsQuery(db).where('memberships.id', '=', id).executeTakeFirst(),
		ofPersons: (db: Db, personIds: string[]) =>
			personIds.length
				? membershipsQuery(db)
						.where('memberships.person_id', 'in', personIds)
						.where('memberships.deleted_at', 'is', null)
						.orderBy('memberships.created_at')
						.execute()
				: Promise.resolve([])
	},
	terms: {
		list: (db: Db, q: ListQuery) => pageOf(wrap<TermRow>(db, termsQuery(db)), q),
		find: (db: Db, id: string) =>
			termsQuery(db).where('legislative_terms.id', '=', id).executeTakeFirst(),
		all: (db: Db) =>
			termsQuery(db)
				.where('legislative_terms.deleted_at', 'is', null)
				.orderBy('legislative_terms.start_date')
				.execute()
	},
	meetings: {
		list: (db: Db, q: ListQuery) => pageOf(wrap<MeetingRow>(db, meetingsQuery(db)), q),
		find: (db: Db, id: string) =>
			meetingsQuery(db).where('meetings.id', '=', id).executeTakeFirst(),
		ofIds: (db: Db, ids: string[]) =>
			ids.length ? meetingsQuery(db).where('meetings.id', 'in', ids).execute() : Promise.resolve([])
	},
	agendaItems: {
		list: (db: Db, q: ListQuery) => pageOf(wrap<AgendaItemRow>(db, agendaItemsQuery(db)), q),
		find: (db: Db, id: string) =>
			agendaItemsQuery(db).where('agenda_items.id', '=', id).executeTakeFirst(),
		ofMeetings: (db: Db, meetingIds: string[]) =>
			meetingIds.length
				? agendaItemsQuery(db)
						.where('agenda_items.meeting_id', 'in', meetingIds)
						.orderBy('agenda_items.position')
						.execute()
				: Promise.resolve([])
	},
	files: {
		list: (db: Db, q: ListQuery) => pageOf(wrap<FileRow>(db, filesQuery(db)), q),
		find: (db: Db, id: string) => filesQuery(db).where('x.id', '=', id).executeTakeFirst(),
		ofItems: (db: Db, itemIds: string[]) =>
			itemIds.length
				? filesQuery(db)
						.where('x.agenda_item_id', 'in', itemIds)
						.where('x.deleted_at', 'is', null)
						.execute()
				: Promise.resolve([])
	},
	locations: {
		list: (db: Db, q: ListQuery) => pageOf(wrap<LocationRow>(db, locationsQuery(db)), q),
		find: (db: Db, id: string) =>
			locationsQuery(db).where('meetings.id', '=', id).executeTakeFirst()
	}
};

/** When our OParl data began and last changed: the System's and the town Body's dates. */
export async function oparlBodyDates(
	db: Db
): Promise<{ created: Date | null; modified: Date | null }> {
	const row = await db
		.selectFrom('legislative_terms')
		.select([
			sql<Date | null>`min(created_at)`.as('created'),
			sql<Date | null>`max(greatest(updated_at, deleted_at))`.as('modified')
		])
		.executeTakeFirstOrThrow();
	return { created: row.created, modified: row.modified };
}
