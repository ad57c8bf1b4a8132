import type { AppContext } from '../context.ts';
import type { Db } from '../db/index.ts';
import { enqueue } from '../jobs/queue.ts';
import { format, messages } from '../../i18n/index.ts';

export interface FeedbackInput {
	name: string | null;
	email: string | null;
	pageUrl: string | null;
	message: string;
}

/** BITV 2.0 § 7 asks for a feedback mechanism; each report is stored and mailed to every admin. */
export async function submitAccessibilityFeedback(
	ctx: AppContext,
	input: FeedbackInput
): Promise<void> {
	await ctx.db
		.insertInto('accessibility_feedback')
		.values({
			name: input.name,
			email: input.email,
			page_url: input.pageUrl,
			message: input.message
		})
		.execute();
	const admins = await ctx.db
		.selectFrom('users')
		.innerJoin('user_roles', 'user_roles.user_id', 'users.id')
		.select(['users.email'])
		.where('user_roles.role', '=', 'admin')
		.where('users.disabled_at', 'is', null)
		.where('users.email', 'is not', null)
		.execute();
	const m = messages('de');
	const link = new URL('/admin/rueckmeldungen', ctx.config.origin).href;
	for (const admin of admins) {
		await enqueue(ctx.boss, 'send-mail', {
			to: admin.email!,
			subject: m.mailFeedbackSubject,
			text: format(m.mailFeedbackBody, { message: input.message, link })
		});
	}
}

export interface FeedbackItem {
	id: string;
	name: string | null;
	email: string | null;
	pageUrl: string | null;
	message: string;
	createdAt: Date;
	handled: boolean;
}

export async function listFeedback(db: Db): Promise<FeedbackItem[]> {
	const rows = await db
		.selectFrom('accessibility_feedback')
		.selectAll()
		.orderBy('handled_at', (ob) => ob.desc().nullsFirst())
		.orderBy('id', 'desc')
		.limit(200)
		.execute();
	return rows.map((r) => ({
		id: String(r.id),
		name: r.name,
		email: r.email,
		pageUrl: r.page_url,
		message: r.message,
		createdAt: r.created_at,
		handled: r.handled_at !== null
	}));
}

export async function markFeedbackHandled(db: Db, id: string): Promise<boolean> {
	if (!/^\d{1,18}$/.test(id)) return false;
	const r = await db
		.updateTable('accessibility_feedback')
		.set({ handled_at: new Date() })
		.where('id', '=', id)
		.where('handled_at', 'is', null)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) > 0;
}
