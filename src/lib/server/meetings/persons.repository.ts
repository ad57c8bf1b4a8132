import type { MembershipItem, PersonItem } from '../../meetings/types.ts';
import type { Db } from '../db/index.ts';

// Persons (council members) and their memberships in bodies. Soft deletes, as for all OParl objects.

export interface PersonInput {
	givenName: string | null;
	familyName: string;
	formOfAddress: string | null;
	title: string | null;
	recordingConsent: boolean;
}

export interface MembershipInput {
	personId: string;
	bodyId: string;
	role: string | null;
	votingRight: boolean;
	startDate: string | null;
	endDate: string | null;
}

/** OParl's Person.name: the full name as printed, "Dr. Maria Beispiel". */
export function fullName(p: Pick<PersonInput, 'title' | 'givenName' | 'familyName'>): string {
	return [p.title, p.givenName, p.familyName].filter(Boolean).join(' ');
}

const personColumns = [
	'id',
	'name',
	'given_name',
	'family_name',
	'form_of_address',
	'title',
	'recording_consent'
] as const;

type PersonRow = {
	id: string;
	name: string;
	given_name: string | null;
	family_name: string | null;
	form_of_address: string | null;
	title: string | null;
	recording_consent: boolean;
};

const toPerson = (r: PersonRow): PersonItem => ({
	id: r.id,
	name: r.name,
	givenName: r.given_name,
	familyName: r.family_name,
	formOfAddress: r.form_of_address,
	title: r.title,
	recordingConsent: r.recording_consent
});

const personValues = (p: PersonInput) => ({
	name: fullName(p),
	given_name: p.givenName,
	family_name: p.familyName,
	form_of_address: p.formOfAddress,
	title: p.title,
	recording_consent: p.recordingConsent
});

export async function listPersons(db: Db): Promise<PersonItem[]> {
	const rows = await db
		.selectFrom('persons')
		.select(personColumns)
		.where('deleted_at', 'is', null)
		.orderBy('family_name')
		.orderBy('given_name')
		.orderBy('id')
		.execute();
	return rows.map(toPerson);
}

export async function findPerson(db: Db, id: string): Promise<PersonItem | null> {
	const row = await db
		.selectFrom('persons')
		.select(personColumns)
		.where('id', '=', id)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return row ? toPerson(row) : null;
}

export async function insertPerson(db: Db, input: PersonInput, id?: string): Promise<string> {
	const row = await db
		.insertInto('persons')
		.values({ ...(id ? { id } : {}), ...personValues(input) })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updatePerson(db: Db, id: string, input: PersonInput): Promise<boolean> {
	const r = await db
		.updateTable('persons')
		.set({ ...personValues(input), updated_at: new Date() })
		.where('id', '=', id)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return r.numUpdatedRows > 0n;
}

/** The person and their memberships go together: a deleted person is nobody's member. */
export async function softDeletePerson(db: Db, id: string, now: Date): Promise<boolean> {
	const r = await db
		.updateTable('persons')
		.set({ deleted_at: now, updated_at: now })
		.where('id', '=', id)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	if (r.numUpdatedRows === 0n) return false;
	await db
		.updateTable('memberships')
		.set({ deleted_at: now, updated_at: now })
		.where('person_id', '=', id)
		.where('deleted_at', 'is', null)
		.execute();
	return true;
}

/** Live memberships of live persons in live bodies; optionally of one person. */
export async function listMemberships(db: Db, personId?: string): Promise<MembershipItem[]> {
	let q = db
		.selectFrom('memberships as m')
		.innerJoin('persons as p', 'p.id', 'm.person_id')
		.innerJoin('bodies as b', 'b.id', 'm.body_id')
		.select([
			'm.id',
			'm.person_id',
			'p.name as person_name',
			'm.body_id',
			'b.name as body_name',
			'm.role',
			'm.voting_right',
			'm.start_date',
			'm.end_date'
		])
		.where('m.deleted_at', 'is', null)
		.where('p.deleted_at', 'is', null)
		.where('b.deleted_at', 'is', null);
	if (personId) q = q.where('m.person_id', '=', personId);
	const rows = await q.orderBy('b.name').orderBy('p.family_name').orderBy('m.id').execute();
	return rows.map((r) => ({
		id: r.id,
		personId: r.person_id,
		personName: r.person_name,
		bodyId: r.body_id,
		bodyName: r.body_name,
		role: r.role,
		votingRight: r.voting_right,
		startDate: r.start_date,
		endDate: r.end_date
	}));
}

export async function insertMembership(db: Db, input: MembershipInput): Promise<string> {
	const row = await db
		.insertInto('memberships')
		.values({
			person_id: input.personId,
			body_id: input.bodyId,
			role: input.role,
			voting_right: input.votingRight,
			start_date: input.startDate,
			end_date: input.endDate
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** Scoped to the person, so a form cannot end someone else's membership. */
export async function softDeleteMembership(
	db: Db,
	personId: string,
	membershipId: string,
	now: Date
): Promise<boolean> {
	const r = await db
		.updateTable('memberships')
		.set({ deleted_at: now, updated_at: now })
		.where('id', '=', membershipId)
		.where('person_id', '=', personId)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	return r.numUpdatedRows > 0n;
}
