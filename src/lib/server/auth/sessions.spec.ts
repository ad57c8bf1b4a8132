import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import { createUser } from '../testing/factories.ts';
import { hashToken } from './tokens.ts';
import { createSession, invalidateSession, validateSessionToken } from './sessions.ts';

const timeouts = { idleMs: 60_000, absoluteMs: 120_000 };
let database: Database;

beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

describe('sessions', () => {
	it('stores only the hash of the token and validates the token', async () => {
		const user = await createUser(database.db);
		const { token } = await createSession(database.db, user.id, timeouts);
		const rows = await database.db
			.selectFrom('sessions')
			.select('id')
			.where('user_id', '=', user.id)
			.execute();
		expect(rows.map((r) => r.id)).toEqual([hashToken(token)]);
		expect(rows[0]!.id).not.toContain(token);
		const session = await validateSessionToken(database.db, token, timeouts);
		expect(session?.user.email).toBe(user.email);
	});

	it('rejects forged, revoked and expired tokens', async () => {
		const user = await createUser(database.db);
		const { token } = await createSession(database.db, user.id, timeouts);
		expect(await validateSessionToken(database.db, 'x'.repeat(43), timeouts)).toBeNull();
		expect(await validateSessionToken(database.db, token + 'a', timeouts)).toBeNull();
		await invalidateSession(database.db, hashToken(token));
		expect(await validateSessionToken(database.db, token, timeouts)).toBeNull();

		const expired = await createSession(database.db, user.id, timeouts);
		await database.db
			.updateTable('sessions')
			.set({ absolute_expires_at: new Date(Date.now() - 1000) })
			.where('id', '=', hashToken(expired.token))
			.execute();
		expect(await validateSessionToken(database.db, expired.token, timeouts)).toBeNull();
	});
});
