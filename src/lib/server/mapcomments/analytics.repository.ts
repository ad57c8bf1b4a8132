import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import type { CommentStatus, GeometryType, HiddenKind } from '../../mapcomments/types.ts';
import type { Marker } from '../../mapcomments/markers.ts';

// SQL of the planners' analysis of a map stage. Every count is an aggregate in the database; only
// the top list and the markers return single comments, and those leave hidden ones out.

/** The filter as the queries need it: instants instead of calendar days. */
export interface AnalyticsScope {
	stageId: string;
	categoryIds: string[];
	statuses: CommentStatus[];
	/** Inclusive lower and exclusive upper bound of created_at; null: open. */
	since: Date | null;
	until: Date | null;
}

function scoped(db: Db, s: AnalyticsScope) {
	let query = db.selectFrom('map_comments').where('stage_id', '=', s.stageId);
	if (s.categoryIds.length) query = query.where('category_id', 'in', s.categoryIds);
	if (s.statuses.length) query = query.where('status', 'in', s.statuses);
	if (s.since) query = query.where('created_at', '>=', s.since);
	if (s.until) query = query.where('created_at', '<', s.until);
	return query;
}

/** One group of comments alike in everything the page counts. */
export interface CountGroup {
	categoryId: string;
	status: CommentStatus;
	hiddenKind: HiddenKind | null;
	answered: boolean;
	reported: boolean;
	comments: number;
	supports: number;
}

/** Every figure and the category × status table come from this one GROUP BY. */
export async function countGroups(db: Db, s: AnalyticsScope): Promise<CountGroup[]> {
	const answered = sql<boolean>`answer <> ''`;
	const reported = sql<boolean>`report_count > 0`;
	const rows = await scoped(db, s)
		.select([
			'category_id',
			'status',
			'hidden_kind',
			answered.as('answered'),
			reported.as('reported'),
			(eb) => eb.fn.countAll<string | number>().as('n'),
			(eb) => eb.fn.sum<string | number>('support_count').as('supports')
		])
		.groupBy(['category_id', 'status', 'hidden_kind', answered, reported])
		.execute();
	return rows.map((r) => ({
		categoryId: r.category_id,
		status: r.status,
		hiddenKind: r.hidden_kind,
		answered: r.answered,
		reported: r.reported,
		comments: Number(r.n),
		supports: Number(r.supports)
	}));
}

/** Visible comments per calendar day in Europe/Berlin, the town's time zone. */
export async function countPerDay(
	db: Db,
	s: AnalyticsScope
): Promise<{ day: string; count: number }[]> {
	const day = sql<string>`to_char(created_at at time zone 'Europe/Berlin', 'YYYY-MM-DD')`;
	const rows = await scoped(db, s)
		.where('hidden_at', 'is', null)
		.select([day.as('day'), (eb) => eb.fn.countAll<string | number>().as('n')])
		.groupBy(day)
		.orderBy(day)
		.execute();
	return rows.map((r) => ({ day: r.day, count: Number(r.n) }));
}

export interface TopRow {
	id: string;
	title: string;
	categoryId: string;
	status: CommentStatus;
	supports: number;
	createdAt: Date;
}

/** Most supported visible comments; ties go to the earlier comment, then the id, so pages agree. */
export async function listTopSupported(
	db: Db,
	s: AnalyticsScope,
	limit: number
): Promise<TopRow[]> {
	const rows = await scoped(db, s)
		.where('hidden_at', 'is', null)
		.where('support_count', '>', 0)
		.select(['id', 'title', 'category_id', 'status', 'support_count', 'created_at'])
		.orderBy('support_count', 'desc')
		.orderBy('created_at')
		.orderBy('id')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		categoryId: r.category_id,
		status: r.status,
		supports: r.support_count,
		createdAt: r.created_at
	}));
}

/** Visible comments of one view (the map, or a plan without geo reference) as markers. */
export async function listViewMarkers(
	db: Db,
	s: AnalyticsScope,
	planId: string | null
): Promise<(Marker & { title: string })[]> {
	const rows = await scoped(db, s)
		.where('hidden_at', 'is', null)
		.where((eb) => (planId === null ? eb('plan_id', 'is', null) : eb('plan_id', '=', planId)))
		.select(['id', 'title', 'anchor_x', 'anchor_y', 'category_id', 'status', 'geometry_type'])
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		anchor: [r.anchor_x, r.anchor_y],
		categoryId: r.category_id,
		status: r.status,
		geometryType: r.geometry_type as GeometryType
	}));
}
