import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import type {
	BBox,
	CommentGeometry,
	CommentStatus,
	CommentSummary,
	GeometryType,
	Position
} from '../../mapcomments/types.ts';

// Map comments: insert and the visible-area query. Hidden comments never leave this module for
// the public list; planners and moderators ask for them explicitly.

export interface NewComment {
	stageId: string;
	planId: string | null;
	categoryId: string;
	authorId: string | null;
	title: string;
	body: string;
	geometry: CommentGeometry;
	bbox: BBox;
	anchor: Position;
	photoFileId?: string | null;
	photoAlt?: string;
	/** Only for demo data and benchmarks; comments are otherwise stamped by the database. */
	createdAt?: Date;
}

export async function insertComment(db: Db, c: NewComment): Promise<string> {
	const row = await db
		.insertInto('map_comments')
		.values({
			stage_id: c.stageId,
			plan_id: c.planId,
			category_id: c.categoryId,
			author_id: c.authorId,
			title: c.title,
			body: c.body,
			geometry: JSON.stringify(c.geometry),
			geometry_type: c.geometry.type,
			min_x: c.bbox[0],
			min_y: c.bbox[1],
			max_x: c.bbox[2],
			max_y: c.bbox[3],
			anchor_x: c.anchor[0],
			anchor_y: c.anchor[1],
			photo_file_id: c.photoFileId ?? null,
			photo_alt: c.photoAlt ?? '',
			...(c.createdAt ? { created_at: c.createdAt } : {}),
			updated_at: new Date()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** Which comments a list or map asks for. `planId` null: the map view (WGS84). */
export interface CommentQuery {
	stageId: string;
	planId: string | null;
	/** Only comments whose box overlaps this one; null: the whole view. */
	bbox: BBox | null;
	categoryIds?: string[];
	statuses?: CommentStatus[];
	includeHidden?: boolean;
	/** Only these comments (e.g. the one selected on the map). */
	ids?: string[];
}

export type CommentSort = 'newest' | 'supported';

const EXCERPT_CHARS = 160;

/** The public (or, with includeHidden, every) comment of a view, filtered; other modules select from it. */
export function filtered(db: Db, q: CommentQuery) {
	let query = db.selectFrom('map_comments').where('stage_id', '=', q.stageId);
	query =
		q.planId === null ? query.where('plan_id', 'is', null) : query.where('plan_id', '=', q.planId);
	if (q.bbox) {
		// Box overlap (edges included), written exactly as the GiST index map_comments_box is
		// defined, so the planner can use it.
		const [minX, minY, maxX, maxY] = q.bbox;
		query = query.where(
			sql<boolean>`box(point(min_x, min_y), point(max_x, max_y)) && box(point(${minX}::float8, ${minY}::float8), point(${maxX}::float8, ${maxY}::float8))`
		);
	}
	if (q.categoryIds?.length) query = query.where('category_id', 'in', q.categoryIds);
	if (q.statuses?.length) query = query.where('status', 'in', q.statuses);
	if (!q.includeHidden) query = query.where('hidden_at', 'is', null);
	if (q.ids)
		query = q.ids.length ? query.where('id', 'in', q.ids) : query.where(sql<boolean>`false`);
	return query;
}

export async function listComments(
	db: Db,
	q: CommentQuery,
	opts: { sort?: CommentSort; limit?: number; offset?: number } = {}
): Promise<CommentSummary[]> {
	let query = filtered(db, q).select([
		'id',
		'plan_id',
		'category_id',
		'title',
		sql<string>`left(body, ${EXCERPT_CHARS})`.as('excerpt'),
		'geometry_type',
		'anchor_x',
		'anchor_y',
		'status',
		'support_count',
		'reply_count',
		'created_at'
	]);
	query =
		opts.sort === 'supported'
			? query.orderBy('support_count', 'desc').orderBy('created_at', 'desc')
			: query.orderBy('created_at', 'desc');
	query = query.orderBy('id');
	if (opts.limit !== undefined) query = query.limit(opts.limit).offset(opts.offset ?? 0);
	const rows = await query.execute();
	return rows.map((r) => ({
		id: r.id,
		planId: r.plan_id,
		categoryId: r.category_id,
		title: r.title,
		excerpt: r.excerpt,
		geometryType: r.geometry_type as GeometryType,
		anchor: [r.anchor_x, r.anchor_y],
		status: r.status,
		supportCount: r.support_count,
		replyCount: r.reply_count,
		createdAt: r.created_at.toISOString()
	}));
}

export async function countComments(db: Db, q: CommentQuery): Promise<number> {
	const row = await filtered(db, q)
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
