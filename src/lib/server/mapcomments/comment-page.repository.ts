import type { Db } from '../db/index.ts';
import type {
	CommentDetails,
	CommentReply,
	GeometryType,
	HiddenKind
} from '../../mapcomments/types.ts';

// Reads for a comment's own page. Hidden rows are returned with their reason: who may see them is
// decided by the service (comment-details.ts), which knows the viewer.

/** A comment with what decides who may see it: its consultation and stage. */
export interface CommentRecord {
	details: CommentDetails;
	stageId: string;
	stageStatus: 'draft' | 'open' | 'closed';
	reportThreshold: number;
	consultationId: string;
	consultationSlug: string;
	consultationTitle: string;
	consultationStatus: 'draft' | 'published' | 'archived';
	categoryName: string;
	planTitle: string | null;
}

const hidden = (kind: HiddenKind | null, reason: string) => (kind ? { kind, reason } : null);

/** The author as the public sees them: the chosen name, or null (shown as "Anonym"). */
function publicName(name: string | null, deletedAt: Date | null): string {
	return deletedAt || !name ? '' : name;
}

export async function findCommentRecord(db: Db, commentId: string): Promise<CommentRecord | null> {
	const r = await db
		.selectFrom('map_comments as mc')
		.innerJoin('map_stages as s', 's.id', 'mc.stage_id')
		.innerJoin('consultations as c', 'c.id', 's.consultation_id')
		.innerJoin('map_categories as cat', 'cat.id', 'mc.category_id')
		.leftJoin('map_plans as p', 'p.id', 'mc.plan_id')
		.leftJoin('users as u', 'u.id', 'mc.author_id')
		.selectAll('mc')
		.select([
			's.status as stage_status',
			's.report_threshold',
			'c.id as consultation_id',
			'c.slug',
			'c.title as consultation_title',
			'c.status as consultation_status',
			'cat.name as category_name',
			'p.title as plan_title',
			'u.display_name',
			'u.deleted_at'
		])
		.where('mc.id', '=', commentId)
		.executeTakeFirst();
	if (!r) return null;
	const details: CommentDetails = {
		id: r.id,
		planId: r.plan_id,
		categoryId: r.category_id,
		title: r.title,
		excerpt: r.body.slice(0, 160),
		geometryType: r.geometry_type as GeometryType,
		anchor: [r.anchor_x, r.anchor_y],
		status: r.status,
		supportCount: r.support_count,
		replyCount: r.reply_count,
		createdAt: r.created_at.toISOString(),
		body: r.body,
		geometry: r.geometry,
		authorId: r.author_id,
		authorName: publicName(r.display_name, r.deleted_at),
		photo: r.photo_file_id ? { fileId: r.photo_file_id, alt: r.photo_alt } : null,
		answer: r.answer,
		answeredAt: r.answered_at ? r.answered_at.toISOString() : null,
		hidden: hidden(r.hidden_kind, r.hidden_reason),
		reportCount: r.report_count,
		replies: []
	};
	return {
		details,
		stageId: r.stage_id,
		stageStatus: r.stage_status,
		reportThreshold: r.report_threshold,
		consultationId: r.consultation_id,
		consultationSlug: r.slug,
		consultationTitle: r.consultation_title,
		consultationStatus: r.consultation_status,
		categoryName: r.category_name,
		planTitle: r.plan_title
	};
}

/** Replies oldest first; hidden ones keep their reason but lose their text for the public. */
export async function listReplies(
	db: Db,
	commentId: string
): Promise<(CommentReply & { authorId: string | null })[]> {
	const rows = await db
		.selectFrom('map_comment_replies as r')
		.leftJoin('users as u', 'u.id', 'r.author_id')
		.select([
			'r.id',
			'r.author_id',
			'r.body',
			'r.hidden_kind',
			'r.hidden_reason',
			'r.created_at',
			'u.display_name',
			'u.deleted_at'
		])
		.where('r.comment_id', '=', commentId)
		.orderBy('r.created_at')
		.orderBy('r.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		authorId: r.author_id,
		authorName: publicName(r.display_name, r.deleted_at),
		body: r.body,
		hidden: hidden(r.hidden_kind, r.hidden_reason),
		createdAt: r.created_at.toISOString()
	}));
}

export async function hasSupported(db: Db, commentId: string, userId: string): Promise<boolean> {
	const row = await db
		.selectFrom('map_comment_supports')
		.select('user_id')
		.where('comment_id', '=', commentId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return !!row;
}

/** Which of this comment's targets (the comment, its replies) the person has reported. */
export async function reportedTargets(
	db: Db,
	commentId: string,
	userId: string
): Promise<Set<string>> {
	const rows = await db
		.selectFrom('map_reports as rep')
		.leftJoin('map_comment_replies as r', 'r.id', 'rep.reply_id')
		.select(['rep.comment_id', 'rep.reply_id'])
		.where('rep.reporter_id', '=', userId)
		.where((eb) =>
			eb.or([eb('rep.comment_id', '=', commentId), eb('r.comment_id', '=', commentId)])
		)
		.execute();
	return new Set(rows.map((r) => (r.comment_id ?? r.reply_id)!));
}

/** Where a mail about a hidden contribution goes; null for deleted accounts or no address. */
export async function findAuthorContact(
	db: Db,
	userId: string | null
): Promise<{ email: string; locale: string } | null> {
	if (!userId) return null;
	const row = await db
		.selectFrom('users')
		.select(['email', 'locale'])
		.where('id', '=', userId)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return row?.email ? { email: row.email, locale: row.locale } : null;
}

/** Open reports on this comment and each of its replies, by target id (for moderators). */
export async function openReportCounts(db: Db, commentId: string): Promise<Record<string, number>> {
	const rows = await db
		.selectFrom('map_reports as rep')
		.leftJoin('map_comment_replies as r', 'r.id', 'rep.reply_id')
		.select(['rep.comment_id', 'rep.reply_id'])
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('rep.resolved_at', 'is', null)
		.where((eb) =>
			eb.or([eb('rep.comment_id', '=', commentId), eb('r.comment_id', '=', commentId)])
		)
		.groupBy(['rep.comment_id', 'rep.reply_id'])
		.execute();
	return Object.fromEntries(rows.map((r) => [(r.comment_id ?? r.reply_id)!, Number(r.n)]));
}
