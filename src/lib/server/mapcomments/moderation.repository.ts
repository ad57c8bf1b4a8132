import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import type { CommentStatus, HiddenKind } from '../../mapcomments/types.ts';

// Writes on comments and replies: replies, supports, reports, hiding and answers. Counters move in
// the caller's transaction together with the row they count. A target is a comment or a reply;
// both tables carry the same hidden_* and report_count columns.

export interface Target {
	kind: 'comment' | 'reply';
	id: string;
}

const table = (t: Target) => (t.kind === 'comment' ? 'map_comments' : 'map_comment_replies');
const reportColumn = (t: Target) => (t.kind === 'comment' ? 'comment_id' : 'reply_id');

/**
 * Counts a new reply on a visible comment. Returns false (and changes nothing) when the comment
 * is hidden or gone; the row lock it takes orders concurrent hides and replies.
 */
export async function countReplyIfVisible(db: Db, commentId: string): Promise<boolean> {
	const row = await db
		.updateTable('map_comments')
		.set({ reply_count: sql`reply_count + 1` })
		.where('id', '=', commentId)
		.where('hidden_at', 'is', null)
		.returning('id')
		.executeTakeFirst();
	return !!row;
}

export async function insertReply(
	db: Db,
	r: { commentId: string; authorId: string; body: string }
): Promise<string> {
	const row = await db
		.insertInto('map_comment_replies')
		.values({ comment_id: r.commentId, author_id: r.authorId, body: r.body })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** False when this person already supports the comment (the primary key refuses the second). */
export async function insertSupport(db: Db, commentId: string, userId: string): Promise<boolean> {
	const row = await db
		.insertInto('map_comment_supports')
		.values({ comment_id: commentId, user_id: userId })
		.onConflict((oc) => oc.columns(['comment_id', 'user_id']).doNothing())
		.returning('user_id')
		.executeTakeFirst();
	return !!row;
}

export async function deleteSupport(db: Db, commentId: string, userId: string): Promise<boolean> {
	const row = await db
		.deleteFrom('map_comment_supports')
		.where('comment_id', '=', commentId)
		.where('user_id', '=', userId)
		.returning('user_id')
		.executeTakeFirst();
	return !!row;
}

/** Sets support_count from the supports themselves, so it can never drift. */
export async function recountSupports(db: Db, commentId: string): Promise<number> {
	const row = await db
		.updateTable('map_comments')
		.set({
			support_count: sql`(select count(*) from map_comment_supports where comment_id = ${commentId})`
		})
		.where('id', '=', commentId)
		.returning('support_count')
		.executeTakeFirstOrThrow();
	return row.support_count;
}

/** Locks a visible comment for a support; false when it is hidden or gone. */
export async function lockVisibleComment(db: Db, commentId: string): Promise<boolean> {
	const row = await db
		.selectFrom('map_comments')
		.select('id')
		.where('id', '=', commentId)
		.where('hidden_at', 'is', null)
		.forUpdate()
		.executeTakeFirst();
	return !!row;
}

export async function findReply(
	db: Db,
	replyId: string
): Promise<{ id: string; commentId: string; authorId: string | null; hidden: boolean } | null> {
	const row = await db
		.selectFrom('map_comment_replies')
		.select(['id', 'comment_id', 'author_id', 'hidden_at'])
		.where('id', '=', replyId)
		.executeTakeFirst();
	return row
		? { id: row.id, commentId: row.comment_id, authorId: row.author_id, hidden: !!row.hidden_at }
		: null;
}

/** False when this person already reported the target (unique constraint). */
export async function insertReport(
	db: Db,
	target: Target,
	reporterId: string,
	reason: string
): Promise<boolean> {
	const column = reportColumn(target);
	const row = await db
		.insertInto('map_reports')
		.values({ [column]: target.id, reporter_id: reporterId, reason })
		.onConflict((oc) => oc.columns([column, 'reporter_id']).doNothing())
		.returning('id')
		.executeTakeFirst();
	if (!row) return false;
	await db
		.updateTable(table(target))
		.set({ report_count: sql`report_count + 1` })
		.where('id', '=', target.id)
		.execute();
	return true;
}

export async function countOpenReports(db: Db, target: Target): Promise<number> {
	const row = await db
		.selectFrom('map_reports')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where(reportColumn(target), '=', target.id)
		.where('resolved_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Hides a target unless it already is; false when nothing changed. */
export async function hideTarget(
	db: Db,
	target: Target,
	h: { kind: HiddenKind; reason: string; by: string | null }
): Promise<boolean> {
	const row = await db
		.updateTable(table(target))
		.set({ hidden_kind: h.kind, hidden_reason: h.reason, hidden_at: new Date(), hidden_by: h.by })
		.where('id', '=', target.id)
		.where((eb) =>
			// A moderator's decision replaces a pending review; the threshold never overrides it.
			h.kind === 'moderator'
				? eb.or([eb('hidden_at', 'is', null), eb('hidden_kind', '=', 'reports')])
				: eb('hidden_at', 'is', null)
		)
		.returning('id')
		.executeTakeFirst();
	return !!row;
}

/** Shows a target again; with `onlyKind`, only when it was hidden that way. */
export async function unhideTarget(
	db: Db,
	target: Target,
	onlyKind?: HiddenKind
): Promise<boolean> {
	let query = db
		.updateTable(table(target))
		.set({ hidden_kind: null, hidden_reason: '', hidden_at: null, hidden_by: null })
		.where('id', '=', target.id)
		.where('hidden_at', 'is not', null);
	if (onlyKind) query = query.where('hidden_kind', '=', onlyKind);
	return !!(await query.returning('id').executeTakeFirst());
}

export async function resolveReports(db: Db, target: Target, by: string): Promise<number> {
	const rows = await db
		.updateTable('map_reports')
		.set({ resolved_at: new Date(), resolved_by: by })
		.where(reportColumn(target), '=', target.id)
		.where('resolved_at', 'is', null)
		.returning('id')
		.execute();
	return rows.length;
}

export async function targetExists(db: Db, target: Target): Promise<boolean> {
	const row = await db
		.selectFrom(table(target))
		.select('id')
		.where('id', '=', target.id)
		.executeTakeFirst();
	return !!row;
}

export async function saveAnswer(
	db: Db,
	commentId: string,
	a: { status: CommentStatus; answer: string; by: string }
): Promise<boolean> {
	const row = await db
		.updateTable('map_comments')
		.set({
			status: a.status,
			answer: a.answer,
			// The date shown beside the answer is when it was last written; no answer, no date.
			answered_at: a.answer ? new Date() : null,
			answered_by: a.answer ? a.by : null,
			updated_at: new Date()
		})
		.where('id', '=', commentId)
		.returning('id')
		.executeTakeFirst();
	return !!row;
}
