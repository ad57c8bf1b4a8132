import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import { createUser } from '../testing/factories.ts';
import { createTestDatabase, testConfig } from '../testing/test-app.ts';
import type { MeetingDeps } from './audit.ts';
import { listTerms } from './bodies.repository.ts';
import { findPerson, listMemberships } from './persons.repository.ts';
import {
	addMembership,
	createBody,
	createPerson,
	createTerm,
	deletePerson,
	deleteTerm,
	editPerson,
	removeMembership
} from './registry.service.ts';

let database: Database;
let deps: MeetingDeps;
let clerk: string;
let bodyId: string;
beforeAll(async () => {
	database = await createTestDatabase();
	deps = { db: database.db, config: testConfig() };
	clerk = (await createUser(database.db, { roles: ['clerk'] })).id;
	bodyId = (
		await createBody(deps, clerk, {
			name: 'Rat',
			shortName: 'Rat',
			classification: 'Rat',
			startDate: null,
			endDate: null,
			website: 'https://www.hennef.de/'
		})
	).id;
});
afterAll(() => database?.close());

const person = {
	givenName: 'Erika',
	familyName: 'Muster',
	formOfAddress: 'Frau',
	title: 'Dr.',
	recordingConsent: false
};

describe('persons and memberships', () => {
	it('builds the full name and audits consent changes', async () => {
		const { id } = await createPerson(deps, clerk, person);
		expect(await findPerson(database.db, id)).toMatchObject({
			name: 'Dr. Erika Muster',
			recordingConsent: false
		});
		await editPerson(deps, clerk, id, { ...person, recordingConsent: true });
		const entries = await database.db
			.selectFrom('audit_log')
			.select(['action', 'details'])
			.where('target_id', '=', id)
			.orderBy('id')
			.execute();
		expect(entries.map((e) => e.action)).toEqual(['person.created', 'person.updated']);
		const details = entries[1]!.details;
		const parsed = typeof details === 'string' ? JSON.parse(details) : details;
		expect(parsed).toMatchObject({ recordingConsent: true, consentChanged: true });
	});

	it('refuses memberships in unknown bodies and removes them with the person', async () => {
		const { id } = await createPerson(deps, clerk, { ...person, givenName: 'Max' });
		const unknown = '00000000-0000-4000-8000-000000000000';
		const membership = {
			personId: id,
			bodyId,
			role: 'Mitglied',
			votingRight: true,
			startDate: '2025-11-01',
			endDate: null
		};
		expect(await addMembership(deps, clerk, { ...membership, bodyId: unknown })).toEqual({
			ok: false,
			reason: 'bodyNotFound'
		});
		expect(await addMembership(deps, clerk, { ...membership, personId: unknown })).toEqual({
			ok: false,
			reason: 'personNotFound'
		});
		const added = await addMembership(deps, clerk, membership);
		expect(added.ok).toBe(true);
		expect(await listMemberships(database.db, id)).toHaveLength(1);
		// Another person's id in the form cannot end this membership.
		const other = await createPerson(deps, clerk, person);
		const membershipId = added.ok ? added.id : '';
		expect((await removeMembership(deps, clerk, other.id, membershipId)).ok).toBe(false);

		expect((await deletePerson(deps, clerk, id)).ok).toBe(true);
		expect(await deletePerson(deps, clerk, id)).toEqual({ ok: false, reason: 'notFound' });
		expect(await findPerson(database.db, id)).toBeNull();
		expect(await listMemberships(database.db, id)).toEqual([]);
		const row = await database.db
			.selectFrom('memberships')
			.select('deleted_at')
			.where('id', '=', membershipId)
			.executeTakeFirstOrThrow();
		expect(row.deleted_at).toBeInstanceOf(Date);
	});

	it('keeps dates as calendar days and deletes terms softly', async () => {
		const { id } = await createTerm(deps, clerk, {
			name: '2025–2030',
			startDate: '2025-11-01',
			endDate: '2030-10-31'
		});
		expect((await listTerms(database.db)).find((t) => t.id === id)).toEqual({
			id,
			name: '2025–2030',
			startDate: '2025-11-01',
			endDate: '2030-10-31'
		});
		expect((await deleteTerm(deps, clerk, id)).ok).toBe(true);
		expect((await deleteTerm(deps, clerk, id)).ok).toBe(false);
		expect((await listTerms(database.db)).map((t) => t.id)).not.toContain(id);
	});
});
