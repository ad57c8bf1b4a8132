import { sql, type Kysely } from 'kysely';
import type { DB } from './db/schema.ts';

export interface Health {
	status: 'ok' | 'unavailable';
	database: 'ok' | 'unreachable';
	latencyMs?: number;
}

/** For load balancers and monitoring: 200 while the database answers, 503 when it does not. */
export async function checkHealth(db: Kysely<DB>, timeoutMs = 3_000): Promise<Health> {
	const started = performance.now();
	let timer: NodeJS.Timeout | undefined;
	try {
		await Promise.race([
			sql`select 1`.execute(db),
			new Promise((_, reject) => {
				timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
			})
		]);
		return { status: 'ok', database: 'ok', latencyMs: Math.round(performance.now() - started) };
	} catch {
		return { status: 'unavailable', database: 'unreachable' };
	} finally {
		clearTimeout(timer);
	}
}
