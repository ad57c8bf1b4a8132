import { z } from 'zod';
import type { RetentionMode } from '../../live/types.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/index.ts';
import { enqueue } from '../jobs/queue.ts';
import { auditMeeting, failure, type Failure, type MeetingDeps } from './audit.ts';
import type { RetentionSetting } from './retention.ts';

/**
 * The clerk's retention setting of a body or a meeting: inherit (meeting) / not set (body),
 * a number of days, the end of the legislative term, or keep. Messages are keys of
 * i18n/retention.ts.
 */

// About a hundred years: anything longer is "keep", and a typo like 1e9 must not pass as days.
export const MAX_RETENTION_DAYS = 36_500;

export const retentionForm = z
	.object({
		retentionMode: z
			.enum(['', 'days', 'term', 'keep'], { error: 'rtModeInvalid' })
			.optional()
			.transform((v) => v ?? ''),
		retentionDays: z.string().optional()
	})
	.transform((data, ctx): RetentionSetting => {
		if (data.retentionMode !== 'days') {
			return { mode: (data.retentionMode || null) as RetentionMode | null, days: null };
		}
		const raw = (data.retentionDays ?? '').trim();
		const days = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
		if (!(days >= 1 && days <= MAX_RETENTION_DAYS)) {
			ctx.addIssue({ code: 'custom', message: 'rtDaysRange', path: ['retentionDays'] });
			return z.NEVER;
		}
		return { mode: 'days', days };
	});

/** The form's values for a stored setting. */
export const retentionValues = (s: RetentionSetting) => ({
	retentionMode: s.mode ?? (s.days ? 'days' : ''),
	retentionDays: s.days ? String(s.days) : ''
});

export async function findRetention(
	db: Db,
	target: 'body' | 'meeting',
	id: string
): Promise<RetentionSetting | null> {
	const row = await db
		.selectFrom(target === 'body' ? 'bodies' : 'meetings')
		.select(['retention_mode', 'retention_days'])
		.where('id', '=', id)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return row ? { mode: row.retention_mode, days: row.retention_days } : null;
}

/** Whether 'term' can mean a date: the meeting's term, or for a body any term, has an end. */
async function termHasEnd(db: Db, target: 'body' | 'meeting', id: string): Promise<boolean> {
	let q = db
		.selectFrom('legislative_terms as t')
		.select('t.id')
		.where('t.deleted_at', 'is', null)
		.where('t.end_date', 'is not', null);
	if (target === 'meeting') {
		q = q.innerJoin('meetings as m', 'm.legislative_term_id', 't.id').where('m.id', '=', id);
	}
	return Boolean(await q.executeTakeFirst());
}

export async function saveRetention(
	deps: MeetingDeps,
	actorId: string,
	target: 'body' | 'meeting',
	id: string,
	setting: RetentionSetting
): Promise<{ ok: true } | Failure<'notFound' | 'noTermEnd'>> {
	return deps.db.transaction().execute(async (trx) => {
		if (!(await findRetention(trx, target, id))) return failure('notFound');
		if (setting.mode === 'term' && !(await termHasEnd(trx, target, id))) {
			return failure('noTermEnd');
		}
		await trx
			.updateTable(target === 'body' ? 'bodies' : 'meetings')
			.set({ retention_mode: setting.mode, retention_days: setting.days, updated_at: new Date() })
			.where('id', '=', id)
			.execute();
		await auditMeeting(trx, actorId, target, 'retention', id, { ...setting });
		return { ok: true as const };
	});
}

/**
 * A shortened period takes effect at once: the sweep runs now instead of at the next hour (the
 * sweep is idempotent, so an extra run is harmless).
 */
export async function queueRetentionSweep(ctx: Pick<AppContext, 'boss'>): Promise<void> {
	await enqueue(ctx.boss, 'retention-sweep', {});
}
