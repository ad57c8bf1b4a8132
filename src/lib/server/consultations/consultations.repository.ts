import { sql, type Expression, type SqlBool } from 'kysely';
import type {
	Consultation,
	ConsultationListItem,
	ConsultationLocation,
	ConsultationStatus,
	Stage
} from '../../consultations/types.ts';
import type { Db } from '../db/index.ts';

export interface ConsultationSummary {
	id: string;
	slug: string;
	title: string;
	summary: string;
	publishedAt: Date | null;
}

export async function listCurrentConsultations(db: Db, limit = 6): Promise<ConsultationSummary[]> {
	const rows = await db
		.selectFrom('consultations')
		.select(['id', 'slug', 'title', 'summary', 'published_at'])
		.where('status', '=', 'published')
		.orderBy('published_at', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		slug: r.slug,
		title: r.title,
		summary: r.summary,
		publishedAt: r.published_at
	}));
}

/** The fields a planner edits in the "basics" form (everything but phases, media and status). */
export interface ConsultationBasics {
	title: string;
	slug: string;
	summary: string;
	bodyMd: string;
	bodyHtml: string;
	office: string;
	contactName: string;
	contactEmail: string;
	contactPhone: string;
	topics: string[];
	location: ConsultationLocation | null;
}

const basicsRow = (b: ConsultationBasics) => ({
	title: b.title,
	slug: b.slug,
	summary: b.summary,
	body_md: b.bodyMd,
	body_html: b.bodyHtml,
	office: b.office,
	contact_name: b.contactName,
	contact_email: b.contactEmail,
	contact_phone: b.contactPhone,
	topics: b.topics,
	location: b.location ? JSON.stringify(b.location) : null
});

export async function insertConsultation(
	db: Db,
	basics: ConsultationBasics,
	createdBy: string | null
): Promise<string> {
	const row = await db
		.insertInto('consultations')
		.values({ ...basicsRow(basics), created_by: createdBy, updated_at: new Date() })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateConsultationBasics(
	db: Db,
	id: string,
	basics: ConsultationBasics
): Promise<boolean> {
	const result = await db
		.updateTable('consultations')
		.set({ ...basicsRow(basics), updated_at: new Date() })
		.where('id', '=', id)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

export async function isSlugTaken(db: Db, slug: string, exceptId?: string): Promise<boolean> {
	let q = db.selectFrom('consultations').select('id').where('slug', '=', slug);
	if (exceptId) q = q.where('id', '!=', exceptId);
	return (await q.executeTakeFirst()) !== undefined;
}

function selectConsultation(db: Db) {
	return db
		.selectFrom('consultations as c')
		.leftJoin('files as cover', 'cover.id', 'c.cover_file_id')
		.select([
			'c.id',
			'c.slug',
			'c.title',
			'c.summary',
			'c.status',
			'c.body_md',
			'c.body_html',
			'c.office',
			'c.contact_name',
			'c.contact_email',
			'c.contact_phone',
			'c.topics',
			'c.location',
			'c.cover_file_id',
			'c.cover_alt',
			'cover.width as cover_width',
			'cover.height as cover_height',
			'c.published_at',
			'c.archived_at',
			'c.created_at',
			'c.updated_at'
		]);
}

type ConsultationRow = NonNullable<
	Awaited<ReturnType<ReturnType<typeof selectConsultation>['executeTakeFirst']>>
>;

const toConsultation = (r: ConsultationRow): Consultation => ({
	id: r.id,
	slug: r.slug,
	title: r.title,
	summary: r.summary,
	status: r.status,
	bodyMd: r.body_md,
	bodyHtml: r.body_html,
	office: r.office,
	contactName: r.contact_name,
	contactEmail: r.contact_email,
	contactPhone: r.contact_phone,
	topics: r.topics,
	location: r.location,
	coverFileId: r.cover_file_id,
	coverAlt: r.cover_alt,
	coverWidth: r.cover_width,
	coverHeight: r.cover_height,
	publishedAt: r.published_at,
	archivedAt: r.archived_at,
	createdAt: r.created_at,
	updatedAt: r.updated_at
});

export async function findConsultationById(db: Db, id: string): Promise<Consultation | null> {
	const row = await selectConsultation(db).where('c.id', '=', id).executeTakeFirst();
	return row ? toConsultation(row) : null;
}

export async function findConsultationBySlug(db: Db, slug: string): Promise<Consultation | null> {
	const row = await selectConsultation(db).where('c.slug', '=', slug).executeTakeFirst();
	return row ? toConsultation(row) : null;
}

/** Locks the row for the rest of the transaction, so two planners' status changes queue up. */
export async function lockConsultation(
	db: Db,
	id: string
): Promise<{ status: ConsultationStatus; publishedAt: Date | null } | null> {
	const row = await db
		.selectFrom('consultations')
		.select(['status', 'published_at'])
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirst();
	return row ? { status: row.status, publishedAt: row.published_at } : null;
}

export async function setConsultationStatus(
	db: Db,
	id: string,
	change: { status: ConsultationStatus; publishedAt?: Date; archivedAt?: Date }
): Promise<void> {
	await db
		.updateTable('consultations')
		.set({
			status: change.status,
			...(change.publishedAt ? { published_at: change.publishedAt } : {}),
			...(change.archivedAt ? { archived_at: change.archivedAt } : {}),
			updated_at: new Date()
		})
		.where('id', '=', id)
		.execute();
}

export async function setConsultationCover(
	db: Db,
	id: string,
	cover: { fileId: string | null; alt: string }
): Promise<void> {
	await db
		.updateTable('consultations')
		.set({ cover_file_id: cover.fileId, cover_alt: cover.alt, updated_at: new Date() })
		.where('id', '=', id)
		.execute();
}

export async function touchConsultation(db: Db, id: string): Promise<void> {
	await db
		.updateTable('consultations')
		.set({ updated_at: new Date() })
		.where('id', '=', id)
		.execute();
}

/**
 * The stage in SQL, the same rule as `currentStage` in phases.ts: archived, else the latest phase
 * in process order that has started by `today` (a Europe/Berlin calendar day), else null.
 */
function stageOf(today: string) {
	return sql<Stage | null>`case when c.status = 'archived' then 'archived' else (
		select p.kind from consultation_phases p
		where p.consultation_id = c.id and p.starts_on <= ${today}::date
		order by array_position(array['information', 'participation', 'evaluation', 'feedback']::text[], p.kind) desc
		limit 1
	) end`;
}

function listColumns(db: Db, today: string) {
	return db
		.selectFrom('consultations as c')
		.select([
			'c.id',
			'c.slug',
			'c.title',
			'c.summary',
			'c.status',
			'c.topics',
			'c.published_at',
			'c.updated_at',
			'c.cover_file_id',
			'c.cover_alt',
			stageOf(today).as('stage')
		]);
}

type ListRow = Awaited<ReturnType<ReturnType<typeof listColumns>['execute']>>[number];

const toListItem = (r: ListRow): ConsultationListItem => ({
	id: r.id,
	slug: r.slug,
	title: r.title,
	summary: r.summary,
	status: r.status,
	topics: r.topics,
	stage: r.stage,
	publishedAt: r.published_at,
	coverFileId: r.cover_file_id,
	coverAlt: r.cover_alt
});

export interface ConsultationSearch {
	q?: string;
	topic?: string;
	stage?: Stage;
	today: string;
	limit: number;
	offset: number;
}

/**
 * Published and archived consultations for the public list. `q` is German full text
 * (websearch syntax: words, "phrases", -exclusions), matched against the stemmed `search` column
 * and ranked by ts_rank; without `q`, running ones come first, newest first.
 */
export async function searchConsultations(
	db: Db,
	s: ConsultationSearch
): Promise<{ items: ConsultationListItem[]; total: number }> {
	const query = s.q ? sql`websearch_to_tsquery('german', ${s.q})` : null;
	const filters = (eb: { and: (e: Expression<SqlBool>[]) => Expression<SqlBool> }) => {
		const parts: Expression<SqlBool>[] = [sql<SqlBool>`c.status in ('published', 'archived')`];
		if (query) parts.push(sql<SqlBool>`c.search @@ ${query}`);
		if (s.topic) parts.push(sql<SqlBool>`${s.topic} = any(c.topics)`);
		if (s.stage) parts.push(sql<SqlBool>`${stageOf(s.today)} = ${s.stage}`);
		return eb.and(parts);
	};
	let list = listColumns(db, s.today).where(filters);
	if (query) list = list.orderBy(sql`ts_rank(c.search, ${query})`, 'desc');
	const [rows, count] = await Promise.all([
		list
			.orderBy(sql`c.status = 'archived'`)
			.orderBy('c.published_at', 'desc')
			.orderBy('c.id')
			.limit(s.limit)
			.offset(s.offset)
			.execute(),
		db
			.selectFrom('consultations as c')
			.where(filters)
			.select(sql<number>`count(*)::int`.as('n'))
			.executeTakeFirstOrThrow()
	]);
	return { items: rows.map(toListItem), total: Number(count.n) };
}

/** Every topic of published and archived consultations, for the list filter. */
export async function listPublicTopics(db: Db): Promise<string[]> {
	const rows = await sql<{ topic: string }>`
		select distinct unnest(topics) as topic from consultations
		where status in ('published', 'archived') order by topic`.execute(db);
	return rows.rows.map((r) => r.topic);
}

/** All consultations in every status, for the planners' dashboard. */
export async function listAllConsultations(
	db: Db,
	today: string
): Promise<(ConsultationListItem & { updatedAt: Date })[]> {
	const rows = await listColumns(db, today)
		.orderBy(sql`case c.status when 'draft' then 0 when 'published' then 1 else 2 end`)
		.orderBy('c.updated_at', 'desc')
		.execute();
	return rows.map((r) => ({ ...toListItem(r), updatedAt: r.updated_at }));
}

/**
 * Who may download a file: 'public' when a published or archived consultation uses it (cover or
 * document), 'restricted' (planners only) otherwise.
 */
export async function fileAudience(db: Db, fileId: string): Promise<'public' | 'restricted'> {
	const row = await db
		.selectFrom('consultations as c')
		.select('c.id')
		.where('c.status', 'in', ['published', 'archived'])
		.where((eb) =>
			eb.or([
				eb('c.cover_file_id', '=', fileId),
				eb.exists(
					eb
						.selectFrom('consultation_documents as d')
						.select('d.id')
						.whereRef('d.consultation_id', '=', 'c.id')
						.where('d.file_id', '=', fileId)
				),
				// Plan drawings of the consultation's map stage, once the stage is shown (not a draft).
				eb.exists(
					eb
						.selectFrom('map_plans as mp')
						.innerJoin('map_stages as ms', 'ms.id', 'mp.stage_id')
						.select('mp.id')
						.whereRef('ms.consultation_id', '=', 'c.id')
						.where('mp.file_id', '=', fileId)
						.where('ms.status', '!=', 'draft')
				),
				// A map comment's photo: public while the comment is (not hidden, stage not a draft).
				eb.exists(
					eb
						.selectFrom('map_comments as mc')
						.innerJoin('map_stages as ms', 'ms.id', 'mc.stage_id')
						.select('mc.id')
						.whereRef('ms.consultation_id', '=', 'c.id')
						.where('mc.photo_file_id', '=', fileId)
						.where('mc.hidden_at', 'is', null)
						.where('ms.status', '!=', 'draft')
				)
			])
		)
		.limit(1)
		.executeTakeFirst();
	return row ? 'public' : 'restricted';
}
