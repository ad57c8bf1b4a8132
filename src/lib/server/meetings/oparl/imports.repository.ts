import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { OparlImportState } from '../../db/schema.ts';

/** One run of the OParl import, as the clerk's history shows it. */
export interface OparlImport {
	id: string;
	endpoint: string;
	state: OparlImportState;
	counts: Record<string, number>;
	error: string | null;
	createdBy: string | null;
	createdAt: Date;
	finishedAt: Date | null;
}

function imports(db: Db) {
	return db.selectFrom('oparl_imports').selectAll();
}

type Row = Awaited<ReturnType<ReturnType<typeof imports>['executeTakeFirstOrThrow']>>;

const toImport = (r: Row): OparlImport => ({
	id: r.id,
	endpoint: r.endpoint,
	state: r.state,
	counts: typeof r.counts === 'string' ? JSON.parse(r.counts) : r.counts,
	error: r.error,
	createdBy: r.created_by,
	createdAt: r.created_at,
	finishedAt: r.finished_at
});

export async function insertImport(db: Db, endpoint: string, userId: string): Promise<string> {
	const row = await db
		.insertInto('oparl_imports')
		.values({ endpoint, created_by: userId })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function findImport(db: Db, id: string): Promise<OparlImport | null> {
	const row = await imports(db).where('id', '=', id).executeTakeFirst();
	return row ? toImport(row) : null;
}

export async function listImports(db: Db, limit = 20): Promise<OparlImport[]> {
	const rows = await imports(db).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
	return rows.map(toImport);
}

/**
 * Claims an import for a run; false once it is finished. A `running` import is claimed again:
 * the queue only hands a job out twice when the first worker died, and the import writes in one
 * transaction, so nothing of the first run remains.
 */
export async function markImportRunning(db: Db, id: string): Promise<boolean> {
	const result = await db
		.updateTable('oparl_imports')
		.set({ state: 'running' })
		.where('id', '=', id)
		.where('state', 'in', ['queued', 'running'])
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export async function markImportFinished(
	db: Db,
	id: string,
	outcome: { state: 'done' | 'failed'; counts?: Record<string, number>; error?: string | null }
): Promise<void> {
	await db
		.updateTable('oparl_imports')
		.set({
			state: outcome.state,
			...(outcome.counts ? { counts: JSON.stringify(outcome.counts) } : {}),
			error: outcome.error ?? null,
			finished_at: sql`now()`
		})
		.where('id', '=', id)
		.execute();
}
