import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import { createUser } from '../testing/factories.ts';
import { assignRoles, normalizeRoles, setAccountDisabled } from './admin.ts';
import { createSession, validateSessionToken } from './sessions.ts';
import { findUserById } from './users.repository.ts';

const timeouts = { idleMs: 60_000, absoluteMs: 120_000 };
let database: Database;
// The only active admin of this database, unless a test adds another.
let admin: { id: string };

async function auditFor(targetId: string) {
	return database.db
		.selectFrom('audit_log')
		.select(['actor_id', 'action', 'target_type', 'target_id', 'details'])
		.where('target_id', '=', targetId)
		.orderBy('id')
		.execute();
}

function details(value: unknown): Record<string, unknown> {
	return typeof value === 'string' ? JSON.parse(value) : (value as Record<string, unknown>);
}

beforeAll(async () => {
	database = await createTestDatabase();
	admin = await createUser(database.db, { roles: ['admin'] });
});
afterAll(async () => {
	await database?.close();
});

describe('assignRoles', () => {
	it('changes roles and records who added and removed what', async () => {
		const user = await createUser(database.db);
		expect(await assignRoles(database.db, admin.id, user.id, ['planner'])).toEqual({ ok: true });
		expect((await findUserById(database.db, user.id))?.roles).toEqual(['planner', 'resident']);

		expect(await assignRoles(database.db, admin.id, user.id, ['moderator'])).toEqual({ ok: true });
		expect((await findUserById(database.db, user.id))?.roles).toEqual(['moderator', 'resident']);

		const entries = await auditFor(user.id);
		expect(entries.map((e) => [e.actor_id, e.action, e.target_type])).toEqual([
			[admin.id, 'user.roles_changed', 'user'],
			[admin.id, 'user.roles_changed', 'user']
		]);
		expect(details(entries[0]!.details)).toMatchObject({ added: ['planner'], removed: [] });
		expect(details(entries[1]!.details)).toMatchObject({
			added: ['moderator'],
			removed: ['planner']
		});
	});

	it('always keeps the resident role and records nothing when nothing changes', async () => {
		const user = await createUser(database.db, { roles: ['clerk'] });
		expect(normalizeRoles([])).toEqual(['resident']);
		await assignRoles(database.db, admin.id, user.id, []);
		expect((await findUserById(database.db, user.id))?.roles).toEqual(['resident']);
		expect(details((await auditFor(user.id))[0]!.details)).toMatchObject({
			added: [],
			removed: ['clerk']
		});

		await assignRoles(database.db, admin.id, user.id, []);
		expect(await auditFor(user.id)).toHaveLength(1);
	});

	it('refuses to take the admin role from the last active admin and writes nothing', async () => {
		const result = await assignRoles(database.db, admin.id, admin.id, ['planner']);
		expect(result).toEqual({ ok: false, reason: 'lastAdmin' });
		expect((await findUserById(database.db, admin.id))?.roles).toContain('admin');
		expect((await findUserById(database.db, admin.id))?.roles).not.toContain('planner');
		expect(await auditFor(admin.id)).toEqual([]);
	});

	it('does not count a disabled admin as a remaining admin', async () => {
		const second = await createUser(database.db, { roles: ['admin'] });
		await setAccountDisabled(database.db, admin.id, second.id, true);
		expect(await assignRoles(database.db, admin.id, admin.id, [])).toEqual({
			ok: false,
			reason: 'lastAdmin'
		});

		await setAccountDisabled(database.db, admin.id, second.id, false);
		// With a second active admin, one of them may step down.
		expect(await assignRoles(database.db, admin.id, second.id, [])).toEqual({ ok: true });
		expect((await findUserById(database.db, second.id))?.roles).toEqual(['resident']);
	});
});

describe('setAccountDisabled', () => {
	it('ends the sessions of a disabled account and records it', async () => {
		const user = await createUser(database.db);
		const { token } = await createSession(database.db, user.id, timeouts);
		expect(await setAccountDisabled(database.db, admin.id, user.id, true)).toEqual({ ok: true });
		expect((await findUserById(database.db, user.id))?.disabledAt).toBeInstanceOf(Date);
		const sessions = await database.db
			.selectFrom('sessions')
			.select('id')
			.where('user_id', '=', user.id)
			.execute();
		expect(sessions).toEqual([]);
		expect(await validateSessionToken(database.db, token, timeouts)).toBeNull();

		expect(await setAccountDisabled(database.db, admin.id, user.id, false)).toEqual({ ok: true });
		expect((await findUserById(database.db, user.id))?.disabledAt).toBeNull();
		expect((await auditFor(user.id)).map((e) => [e.actor_id, e.action])).toEqual([
			[admin.id, 'user.disabled'],
			[admin.id, 'user.enabled']
		]);
	});

	it('refuses to disable the last active admin and writes nothing', async () => {
		const { token } = await createSession(database.db, admin.id, timeouts);
		expect(await setAccountDisabled(database.db, admin.id, admin.id, true)).toEqual({
			ok: false,
			reason: 'lastAdmin'
		});
		expect((await findUserById(database.db, admin.id))?.disabledAt).toBeNull();
		expect(await validateSessionToken(database.db, token, timeouts)).not.toBeNull();
		expect(await auditFor(admin.id)).toEqual([]);
	});

	it('answers notFound for an unknown account', async () => {
		const unknown = '00000000-0000-4000-8000-000000000000';
		expect(await setAccountDisabled(database.db, admin.id, unknown, true)).toEqual({
			ok: false,
			reason: 'notFound'
		});
		expect(await assignRoles(database.db, admin.id, unknown, ['admin'])).toEqual({
			ok: false,
			reason: 'notFound'
		});
	});
});

describe('two admins removing each other at the same moment', () => {
	it('leaves one admin, never none', async () => {
		const own = await createTestDatabase();
		try {
			const a = await createUser(own.db, { roles: ['admin'] });
			const b = await createUser(own.db, { roles: ['admin'] });
			const [first, second] = await Promise.all([
				own.db.transaction().execute((trx) => assignRoles(trx, a.id, b.id, [])),
				own.db.transaction().execute((trx) => assignRoles(trx, b.id, a.id, []))
			]);
			expect([first, second].filter((r) => r.ok)).toHaveLength(1);
			expect([first, second].filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'lastAdmin' }]);
			const admins = await own.db
				.selectFrom('user_roles')
				.select('user_id')
				.where('role', '=', 'admin')
				.execute();
			expect(admins).toHaveLength(1);
		} finally {
			await own.close();
		}
	});
});
