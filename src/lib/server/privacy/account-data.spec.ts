import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../audit/audit.repository.ts';
import { login, register } from '../auth/accounts.ts';
import { issueToken } from '../auth/one-time-tokens.ts';
import { createSession } from '../auth/sessions.ts';
import { findUserByEmail, findUserById, updateUser } from '../auth/users.repository.ts';
import { submitAccessibilityFeedback } from '../feedback/feedback.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { createUser } from '../testing/factories.ts';
import { deleteAccount, exportAccountData, LAST_ADMIN_CANNOT_DELETE } from './account-data.ts';

let app: TestApp;

async function rowsOf(table: 'sessions' | 'auth_tokens' | 'user_roles', userId: string) {
	return app.database.db
		.selectFrom(table)
		.select('user_id')
		.where('user_id', '=', userId)
		.execute();
}

beforeAll(async () => {
	app = await createTestApp();
});
afterAll(async () => {
	await app?.close();
});

describe('exportAccountData', () => {
	it('contains the address, roles, sessions and feedback, but no password hash', async () => {
		const { db } = app.database;
		const user = await createUser(db, { roles: ['planner'] });
		await createSession(db, user.id, app.ctx.config.session);
		await submitAccessibilityFeedback(app.ctx, {
			name: 'Erika',
			email: user.email,
			pageUrl: '/umfragen',
			message: 'Der Kontrast ist zu schwach.'
		});

		const data = await exportAccountData(db, user.id);
		expect(data.account).toMatchObject({ id: user.id, email: user.email });
		expect((data.account as { roles: string[] }).roles.sort()).toEqual(['planner', 'resident']);
		expect(data.sessions).toHaveLength(1);
		expect(data.accessibilityFeedback).toMatchObject([{ message: 'Der Kontrast ist zu schwach.' }]);
		const json = JSON.stringify(data);
		expect(json).not.toContain('$argon2id$');
		expect(json).toContain(user.email);
	});
});

describe('deleteAccount', () => {
	it('removes everything that identifies the person but keeps the row for contributions', async () => {
		const { db } = app.database;
		const user = await createUser(db, { roles: ['moderator'] });
		await updateUser(db, user.id, { displayName: 'Max Mustermann' });
		await createSession(db, user.id, app.ctx.config.session);
		await issueToken(db, user.id, 'reset_password');
		await submitAccessibilityFeedback(app.ctx, {
			name: 'Max',
			email: user.email,
			pageUrl: null,
			message: 'Bitte größere Schrift.'
		});

		await db.transaction().execute((trx) => deleteAccount(trx, user.id));

		const row = await findUserById(db, user.id);
		expect(row).toMatchObject({ email: null, passwordHash: null, displayName: null, roles: [] });
		expect(row?.deletedAt).toBeInstanceOf(Date);
		expect(await rowsOf('sessions', user.id)).toEqual([]);
		expect(await rowsOf('auth_tokens', user.id)).toEqual([]);
		expect(await rowsOf('user_roles', user.id)).toEqual([]);
		const feedback = await db
			.selectFrom('accessibility_feedback')
			.select(['name', 'email'])
			.where('message', '=', 'Bitte größere Schrift.')
			.execute();
		expect(feedback).toEqual([{ name: null, email: null }]);

		// What the person did stays, shown without them ("gelöschtes Konto").
		const { items } = await listAudit(db, { limit: 10, offset: 0, actorOrTargetId: user.id });
		expect(items[0]).toMatchObject({ actorId: user.id, actorDeleted: true, actorEmail: null });
	});

	it('refuses the old login and lets the address register again as a new account', async () => {
		const { db } = app.database;
		const user = await createUser(db);
		await deleteAccount(db, user.id);

		const attempt = await login(app.ctx, {
			email: user.email,
			password: user.password,
			locale: 'de',
			clientAddress: '198.51.100.1'
		});
		expect(attempt).toEqual({ ok: false, reason: 'invalid' });

		const again = await register(app.ctx, {
			email: user.email,
			password: 'Ein-ganz-neues-Konto-2',
			displayName: null,
			locale: 'de',
			clientAddress: '198.51.100.1'
		});
		expect(again).toEqual({ ok: true });
		const fresh = await findUserByEmail(db, user.email);
		expect(fresh?.id).toBeDefined();
		expect(fresh?.id).not.toBe(user.id);
		expect(fresh?.deletedAt).toBeNull();
	});

	it('refuses to delete the last active admin until another admin exists', async () => {
		const { db } = app.database;
		const admin = await createUser(db, { roles: ['admin'] });
		let refusal: unknown;
		try {
			await db.transaction().execute((trx) => deleteAccount(trx, admin.id));
		} catch (err) {
			refusal = err;
		}
		expect(isHttpError(refusal, 409)).toBe(true);
		expect((refusal as { body: { message: string } }).body.message).toBe(LAST_ADMIN_CANNOT_DELETE);
		const kept = await findUserById(db, admin.id);
		expect(kept).toMatchObject({ email: admin.email, deletedAt: null });
		expect(kept?.roles).toContain('admin');

		await createUser(db, { roles: ['admin'] });
		await db.transaction().execute((trx) => deleteAccount(trx, admin.id));
		expect((await findUserById(db, admin.id))?.deletedAt).toBeInstanceOf(Date);
	});
});
