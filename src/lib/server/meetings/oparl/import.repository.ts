import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { ImportTable } from './import-plan.ts';

// Writes of the OParl import, keyed by `oparl_id`. Callers run them in one transaction.

type Values = Record<string, unknown> & { oparl_id: string };

/**
 * Inserts or updates the row with this OParl id and returns our id. An unchanged row is left
 * alone, so its `updated_at` (our API's `modified`) does not move on every import. Columns not
 * in `values` (recording consent, chapter marks) are never touched.
 */
export async function upsertByOparlId(db: Db, table: ImportTable, values: Values): Promise<string> {
	const columns = [...Object.keys(values).filter((c) => c !== 'oparl_id'), 'deleted_at'];
	const update = Object.fromEntries(
		columns.map((c) => [c, c === 'deleted_at' ? null : sql.ref(`excluded.${c}`)])
	);
	const changed = sql<SqlBool>`(${sql.join(columns.map((c) => sql.ref(`${table}.${c}`)))})
		is distinct from (${sql.join(columns.map((c) => (c === 'deleted_at' ? sql`null::timestamptz` : sql.ref(`excluded.${c}`))))})`;
	const written = await db
		.insertInto(table)
		.values(values as never)
		.onConflict((oc) =>
			oc
				.column('oparl_id')
				.doUpdateSet({ ...update, updated_at: sql`now()` } as never)
				.where(changed)
		)
		.returning('id')
		.executeTakeFirst();
	if (written) return written.id;
	const existing = await db
		.selectFrom(table)
		.select('id')
		.where('oparl_id', '=', values.oparl_id)
		.executeTakeFirstOrThrow();
	return existing.id;
}

/** Soft delete (OParl keeps deleted objects listed); returns how many rows it newly deleted. */
export async function softDeleteByOparlId(
	db: Db,
	table: ImportTable,
	oparlId: string,
	prefix = false
): Promise<number> {
	const result = await db
		.updateTable(table)
		.set({ deleted_at: sql`now()`, updated_at: sql`now()` } as never)
		.where(
			'oparl_id',
			prefix ? 'like' : '=',
			prefix ? `${oparlId.replace(/[\\%_]/g, '\\$&')}%` : oparlId
		)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/**
 * Sub-objects (agenda items of a meeting, papers of an item) that the source no longer lists are
 * gone there (OParl 1.1 lets servers simply drop them): soft-delete ours. Rows created by a clerk
 * (no oparl_id) stay.
 */
export async function softDeleteMissing(
	db: Db,
	table: 'agenda_items' | 'agenda_item_papers',
	parent: { column: 'meeting_id' | 'agenda_item_id'; id: string },
	keep: string[]
): Promise<number> {
	let query = db
		.updateTable(table)
		.set({ deleted_at: sql`now()`, updated_at: sql`now()` })
		.where(sql.ref(parent.column), '=', parent.id)
		.where('oparl_id', 'is not', null)
		.where('deleted_at', 'is', null);
	if (keep.length) query = query.where('oparl_id', 'not in', keep);
	const result = await query.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** Our ids of rows with these OParl ids (deleted ones excluded). */
export async function idsByOparlId(
	db: Db,
	table: 'bodies' | 'persons' | 'meetings' | 'agenda_items',
	oparlIds: string[]
): Promise<Map<string, string>> {
	if (!oparlIds.length) return new Map();
	const rows = await db
		.selectFrom(table)
		.select(['id', 'oparl_id'])
		.where('oparl_id', 'in', oparlIds)
		.where('deleted_at', 'is', null)
		.execute();
	return new Map(rows.map((r) => [r.oparl_id!, r.id]));
}
