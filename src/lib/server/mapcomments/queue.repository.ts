import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import type { HiddenKind } from '../../mapcomments/types.ts';

/** One open report with what the moderation queue shows about its target. */
export interface OpenReportRow {
	reason: string;
	createdAt: Date;
	replyId: string | null;
	commentId: string;
	commentTitle: string;
	text: string;
	hiddenKind: HiddenKind | null;
	hiddenReason: string;
	consultationTitle: string;
	slug: string;
}

// Enough for any realistic backlog of one town; the queue says when there are more.
export const QUEUE_LIMIT = 1000;

export async function listOpenReports(db: Db): Promise<OpenReportRow[]> {
	const rows = await db
		.selectFrom('map_reports as rep')
		.leftJoin('map_comment_replies as r', 'r.id', 'rep.reply_id')
		.innerJoin('map_comments as mc', (j) =>
			j.on(sql<boolean>`mc.id = coalesce(rep.comment_id, r.comment_id)`)
		)
		.innerJoin('map_stages as s', 's.id', 'mc.stage_id')
		.innerJoin('consultations as c', 'c.id', 's.consultation_id')
		.select([
			'rep.reason',
			'rep.created_at',
			'rep.reply_id',
			'mc.id as comment_id',
			'mc.title',
			'mc.body',
			'mc.hidden_kind',
			'mc.hidden_reason',
			'r.body as reply_body',
			'r.hidden_kind as reply_hidden_kind',
			'r.hidden_reason as reply_hidden_reason',
			'c.title as consultation_title',
			'c.slug'
		])
		.where('rep.resolved_at', 'is', null)
		.orderBy('rep.created_at')
		.orderBy('rep.id')
		.limit(QUEUE_LIMIT)
		.execute();
	return rows.map((r) => {
		const reply = r.reply_id !== null;
		return {
			reason: r.reason,
			createdAt: r.created_at,
			replyId: r.reply_id,
			commentId: r.comment_id,
			commentTitle: r.title,
			text: (reply ? r.reply_body : r.body) ?? '',
			hiddenKind: reply ? r.reply_hidden_kind : r.hidden_kind,
			hiddenReason: (reply ? r.reply_hidden_reason : r.hidden_reason) ?? '',
			consultationTitle: r.consultation_title,
			slug: r.slug
		};
	});
}
