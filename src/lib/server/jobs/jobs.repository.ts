import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import { PGBOSS_SCHEMA } from './queue.ts';

export interface FailedJob {
	id: string;
	name: string;
	retryCount: number;
	error: string;
	createdAt: Date;
	completedAt: Date | null;
}

/**
 * pg-boss has no "find by state" call, so the admin view reads its job table directly.
 * The job payload is not returned: mail jobs hold addresses and one-time links.
 */
export async function listFailedJobs(db: Db, limit = 100): Promise<FailedJob[]> {
	const { rows } = await sql<{
		id: string;
		name: string;
		retry_count: number;
		output: unknown;
		created_on: Date;
		completed_on: Date | null;
	}>`select id, name, retry_count, output, created_on, completed_on
		from ${sql.table(`${PGBOSS_SCHEMA}.job`)}
		where state = 'failed'
		order by completed_on desc nulls last
		limit ${limit}`.execute(db);
	return rows.map((r) => ({
		id: String(r.id),
		name: r.name,
		retryCount: r.retry_count,
		error: describeOutput(r.output),
		createdAt: new Date(r.created_on),
		completedAt: r.completed_on && new Date(r.completed_on)
	}));
}

function describeOutput(output: unknown): string {
	if (output && typeof output === 'object' && 'message' in output) {
		return String((output as { message: unknown }).message);
	}
	return output === null || output === undefined ? '' : JSON.stringify(output);
}

export async function findFailedJobName(db: Db, id: string): Promise<string | undefined> {
	const { rows } = await sql<{ name: string }>`select name from ${sql.table(`${PGBOSS_SCHEMA}.job`)}
		where id = ${id}::uuid and state = 'failed'`.execute(db);
	return rows[0]?.name;
}
