import type { Db } from '../db/index.ts';
import type { CommentGeometry, CommentStatus } from '../../mapcomments/types.ts';

/** What an export carries of one comment: no author, nothing personal. */
export interface ExportRow {
	id: string;
	category: string;
	title: string;
	body: string;
	status: CommentStatus;
	answer: string;
	answeredAt: Date | null;
	supports: number;
	replies: number;
	createdAt: Date;
	geometry: CommentGeometry;
	/** Set for comments on a plan without geo reference: the geometry is in its pixels. */
	planId: string | null;
	anchor: [number, number];
}

export async function findExportSource(
	db: Db,
	consultationId: string
): Promise<{ stageId: string; slug: string } | null> {
	const row = await db
		.selectFrom('map_stages as s')
		.innerJoin('consultations as c', 'c.id', 's.consultation_id')
		.select(['s.id', 'c.slug'])
		.where('c.id', '=', consultationId)
		.executeTakeFirst();
	return row ? { stageId: row.id, slug: row.slug } : null;
}

/** Visible comments only: what a moderator hid is not published again through an export. */
export async function listExportRows(db: Db, stageId: string): Promise<ExportRow[]> {
	const rows = await db
		.selectFrom('map_comments as mc')
		.innerJoin('map_categories as cat', 'cat.id', 'mc.category_id')
		.select([
			'mc.id',
			'cat.name as category',
			'mc.title',
			'mc.body',
			'mc.status',
			'mc.answer',
			'mc.answered_at',
			'mc.support_count',
			'mc.reply_count',
			'mc.created_at',
			'mc.geometry',
			'mc.plan_id',
			'mc.anchor_x',
			'mc.anchor_y'
		])
		.where('mc.stage_id', '=', stageId)
		.where('mc.hidden_at', 'is', null)
		.orderBy('mc.created_at')
		.orderBy('mc.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		category: r.category,
		title: r.title,
		body: r.body,
		status: r.status,
		answer: r.answer,
		answeredAt: r.answered_at,
		supports: r.support_count,
		replies: r.reply_count,
		createdAt: r.created_at,
		geometry: r.geometry,
		planId: r.plan_id,
		anchor: [r.anchor_x, r.anchor_y]
	}));
}
