import type { BodyItem, LegislativeTermItem } from '../../meetings/types.ts';
import type { Db } from '../db/index.ts';

// Gremien (OParl Organization) and legislative terms. Deletes are soft: OParl keeps listing deleted
// objects with `deleted: true`, so every query here for pages skips rows with deleted_at.

export interface BodyInput {
	name: string;
	shortName: string | null;
	classification: string;
	startDate: string | null;
	endDate: string | null;
	website: string | null;
}

export interface TermInput {
	name: string;
	startDate: string | null;
	endDate: string | null;
}

const bodyColumns = [
	'id',
	'name',
	'short_name',
	'classification',
	'start_date',
	'end_date',
	'website'
] as const;

type BodyRow = {
	id: string;
	name: string;
	short_name: string | null;
	classification: string;
	start_date: string | null;
	end_date: string | null;
	website: string | null;
};

const toBody = (r: BodyRow): BodyItem => ({
	id: r.id,
	name: r.name,
	shortName: r.short_name,
	classification: r.classification,
	startDate: r.start_date,
	endDate: r.end_date,
	website: r.website
});

const bodyValues = (input: BodyInput) => ({
	name: input.name,
	short_name: input.shortName,
	classification: input.classification,
	start_date: input.startDate,
	end_date: input.endDate,
	website: input.website
});

/** The council first, then committees by name. */
export async function listBodies(db: Db): Promise<BodyItem[]> {
	const rows = await db
		.selectFrom('bodies')
		.select(bodyColumns)
		.where('deleted_at', 'is', null)
		.orderBy((eb) => eb.case().when('classification', '=', 'Rat').then(0).else(1).end())
		.orderBy('name')
		.execute();
	return rows.map(toBody);
}

export async function findBody(db: Db, id: string): Promise<BodyItem | null> {
	const row = await db
		.selectFrom('bodies')
		.select(bodyColumns)
		.where('id', '=', id)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return row ? toBody(row) : null;
}

export async function insertBody(db: Db, input: BodyInput, id?: string): Promise<string> {
	const row = await db
		.insertInto('bodies')
		.values({ ...(id ? { id } : {}), ...bodyValues(input) })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** True when a live (not deleted) body was updated. */
export async function updateBody(db: Db, id: string, input: BodyInput): Promise<boolean> {
	const r = await db
		.updateTable('bodies')
		.set({ ...bodyValues(input), updated_at: new Date() })
		.where('id', '=', id)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return r.numUpdatedRows > 0n;
}

export async function softDeleteBody(db: Db, id: string, now: Date): Promise<boolean> {
	const r = await db
		.updateTable('bodies')
		.set({ deleted_at: now, updated_at: now })
		.where('id', '=', id)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return r.numUpdatedRows > 0n;
}

export async function countLiveMeetingsOfBody(db: Db, bodyId: string): Promise<number> {
	const row = await db
		.selectFrom('meetings')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('body_id', '=', bodyId)
		.where('deleted_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

type TermRow = { id: string; name: string; start_date: string | null; end_date: string | null };
const toTerm = (r: TermRow): LegislativeTermItem => ({
	id: r.id,
	name: r.name,
	startDate: r.start_date,
	endDate: r.end_date
});

/** Newest term first: the current one is what clerks pick most. */
export async function listTerms(db: Db): Promise<LegislativeTermItem[]> {
	const rows = await db
		.selectFrom('legislative_terms')
		.select(['id', 'name', 'start_date', 'end_date'])
		.where('deleted_at', 'is', null)
		.orderBy('start_date', (ob) => ob.desc().nullsLast())
		.orderBy('name')
		.execute();
	return rows.map(toTerm);
}

export async function findTerm(db: Db, id: string): Promise<LegislativeTermItem | null> {
	const row = await db
		.selectFrom('legislative_terms')
		.select(['id', 'name', 'start_date', 'end_date'])
		.where('id', '=', id)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return row ? toTerm(row) : null;
}

export async function insertTerm(db: Db, input: TermInput, id?: string): Promise<string> {
	const row = await db
		.insertInto('legislative_terms')
		.values({
			...(id ? { id } : {}),
			name: input.name,
			start_date: input.startDate,
			end_date: input.endDate
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateTerm(db: Db, id: string, input: TermInput): Promise<boolean> {
	const r = await db
		.updateTable('legislative_terms')
		.set({
			name: input.name,
			start_date: input.startDate,
			end_date: input.endDate,
			updated_at: new Date()
		})
		.where('id', '=', id)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return r.numUpdatedRows > 0n;
}

export async function softDeleteTerm(db: Db, id: string, now: Date): Promise<boolean> {
	const r = await db
		.updateTable('legislative_terms')
		.set({ deleted_at: now, updated_at: now })
		.where('id', '=', id)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return r.numUpdatedRows > 0n;
}

/** Whether a row with this id exists at all, deleted or not (fixed ids of seeded data). */
export async function bodyIdTaken(db: Db, id: string): Promise<boolean> {
	const row = await db.selectFrom('bodies').select('id').where('id', '=', id).executeTakeFirst();
	return !!row;
}
