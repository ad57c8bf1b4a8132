import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../../src/lib/server/auth/one-time-tokens.ts';
import { consumeRateLimit } from '../../../src/lib/server/auth/rate-limit.ts';
import { createSession } from '../../../src/lib/server/auth/sessions.ts';
import { hashToken } from '../../../src/lib/server/auth/tokens.ts';
import { createTestApp, type TestApp } from '../../../src/lib/server/testing/test-app.ts';
import { createUser } from '../../../src/lib/server/testing/factories.ts';
import { purgeExpired } from './purge-expired.ts';

let app: TestApp;

beforeAll(async () => {
	app = await createTestApp();
});
afterAll(async () => {
	await app?.close();
});

describe('purge-expired', () => {
	it('deletes expired sessions, links and old counters and keeps current ones', async () => {
		const { db } = app.database;
		const timeouts = app.ctx.config.session;
		const user = await createUser(db);
		const current = await createSession(db, user.id, timeouts);
		const expired = await createSession(db, user.id, timeouts);
		await db
			.updateTable('sessions')
			.set({ expires_at: new Date(Date.now() - 1000) })
			.where('id', '=', hashToken(expired.token))
			.execute();
		const resetLink = await issueToken(db, user.id, 'reset_password');
		const oldLink = await issueToken(db, user.id, 'verify_email');
		await db
			.updateTable('auth_tokens')
			.set({ expires_at: new Date(Date.now() - 1000) })
			.where('id', '=', hashToken(oldLink))
			.execute();
		await consumeRateLimit(db, 'login:ip:192.0.2.1', 5, 60_000);
		await consumeRateLimit(db, 'login:ip:192.0.2.2', 5, 60_000);
		await db
			.updateTable('rate_limits')
			.set({ window_started_at: new Date(Date.now() - 25 * 3_600_000) })
			.where('key', '=', 'login:ip:192.0.2.2')
			.execute();

		await purgeExpired(app.ctx);

		const sessions = await db.selectFrom('sessions').select('id').execute();
		expect(sessions.map((s) => s.id)).toEqual([hashToken(current.token)]);
		const tokens = await db.selectFrom('auth_tokens').select('id').execute();
		expect(tokens.map((t) => t.id)).toEqual([hashToken(resetLink)]);
		const counters = await db.selectFrom('rate_limits').select('key').execute();
		expect(counters.map((c) => c.key)).toEqual(['login:ip:192.0.2.1']);
	});
});
