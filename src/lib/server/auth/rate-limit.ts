import { sql } from 'kysely';
import type { Db } from '../db/index.ts';

/**
 * Fixed-window counter in the database, so every web process behind a load balancer shares it.
 * Returns false once `limit` hits in the window are used up.
 */
export async function consumeRateLimit(
	db: Db,
	key: string,
	limit: number,
	windowMs: number
): Promise<boolean> {
	const row = await db
		.insertInto('rate_limits')
		.values({ key, window_started_at: sql<Date>`now()`, hits: 1 })
		.onConflict((oc) =>
			oc.column('key').doUpdateSet({
				hits: sql<number>`case when rate_limits.window_started_at < now() - ${windowMs} * interval '1 millisecond' then 1 else rate_limits.hits + 1 end`,
				window_started_at: sql<Date>`case when rate_limits.window_started_at < now() - ${windowMs} * interval '1 millisecond' then now() else rate_limits.window_started_at end`
			})
		)
		.returning('hits')
		.executeTakeFirstOrThrow();
	return row.hits <= limit;
}

/** Gives one hit back: a successful login should not use up a shared address's allowance. */
export async function refundRateLimit(db: Db, key: string): Promise<void> {
	await db
		.updateTable('rate_limits')
		.set({ hits: sql<number>`greatest(hits - 1, 0)` })
		.where('key', '=', key)
		.execute();
}

export async function resetRateLimit(db: Db, key: string): Promise<void> {
	await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

export async function purgeOldRateLimits(db: Db, olderThanMs: number): Promise<void> {
	await db
		.deleteFrom('rate_limits')
		.where('window_started_at', '<', sql<Date>`now() - ${olderThanMs} * interval '1 millisecond'`)
		.execute();
}
