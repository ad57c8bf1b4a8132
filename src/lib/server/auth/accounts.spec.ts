import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../context.ts';
import type { MailJob } from '../jobs/queue.ts';
import { createTestApp, testConfig, type TestApp } from '../testing/test-app.ts';
import { createUser, uniqueEmail } from '../testing/factories.ts';
import {
	changePassword,
	confirmEmailChange,
	login,
	register,
	requestEmailChange,
	requestPasswordReset,
	resetPassword,
	verifyEmail
} from './accounts.ts';
import { createSession, validateSessionToken } from './sessions.ts';
import { hashToken } from './tokens.ts';
import { findUserByEmail, findUserById, updateUser } from './users.repository.ts';

const NEW_PASSWORD = 'Marktplatz-Blankenberg-7';
let app: TestApp;
let ctx: AppContext;
let addressCounter = 0;

/** Every test gets its own client address, so the per-address limit of one never hits another. */
function address(): string {
	addressCounter += 1;
	return `192.0.2.${addressCounter}`;
}

async function mailsTo(email: string): Promise<MailJob[]> {
	const jobs = await app.boss.findJobs<MailJob>('send-mail', { data: { to: email } });
	return jobs.map((j) => j.data);
}

/** The token of the one link in the last mail to `email` that points at `path`. */
async function linkToken(email: string, path: string): Promise<string> {
	const mails = await mailsTo(email);
	const text = mails.at(-1)?.text ?? '';
	const match = text.match(new RegExp(`http://localhost:4173${path}/([A-Za-z0-9_-]{43})`));
	if (!match) throw new Error(`no ${path} link in mail to ${email}: ${text}`);
	return match[1]!;
}

async function countUsersWithEmail(email: string): Promise<number> {
	const rows = await ctx.db.selectFrom('users').select('id').where('email', '=', email).execute();
	return rows.length;
}

async function sessionCount(userId: string): Promise<number> {
	const rows = await ctx.db
		.selectFrom('sessions')
		.select('id')
		.where('user_id', '=', userId)
		.execute();
	return rows.length;
}

function loginAs(email: string, password: string, clientAddress = address()) {
	return login(ctx, { email, password, locale: 'de', clientAddress });
}

beforeAll(async () => {
	app = await createTestApp();
	ctx = app.ctx;
});
afterAll(async () => {
	await app?.close();
});

describe('register', () => {
	it('creates an unverified resident account and mails a link that verifies it once', async () => {
		const email = uniqueEmail('neu');
		const result = await register(ctx, {
			email,
			password: NEW_PASSWORD,
			displayName: 'Erika Muster',
			locale: 'de',
			clientAddress: address()
		});
		expect(result).toEqual({ ok: true });
		const user = await findUserByEmail(ctx.db, email);
		expect(user?.emailVerifiedAt).toBeNull();
		expect(user?.roles).toEqual(['resident']);
		expect(user?.displayName).toBe('Erika Muster');

		const mails = await mailsTo(email);
		expect(mails).toHaveLength(1);
		const token = await linkToken(email, '/email-bestaetigen');
		expect(await verifyEmail(ctx, token)).toBe(true);
		expect((await findUserByEmail(ctx.db, email))?.emailVerifiedAt).toBeInstanceOf(Date);
		expect(await verifyEmail(ctx, token)).toBe(false);
	});

	it('answers the same for a registered address, writes no second account and mails the owner', async () => {
		const existing = await createUser(ctx.db);
		const result = await register(ctx, {
			email: existing.email,
			password: NEW_PASSWORD,
			displayName: null,
			locale: 'de',
			clientAddress: address()
		});
		expect(result).toEqual({ ok: true });
		expect(await countUsersWithEmail(existing.email)).toBe(1);
		// The owner gets a reset link instead, and the stranger's password was not set.
		await linkToken(existing.email, '/passwort-neu');
		expect((await loginAs(existing.email, NEW_PASSWORD)).ok).toBe(false);
		expect((await loginAs(existing.email, existing.password)).ok).toBe(true);
	});

	it.each([
		['password123', 'passwordCommon'],
		['12345678', 'passwordCommon'],
		['Kurz-7!', 'passwordTooShort']
	])('refuses the password %s (%s) and writes nothing', async (password, reason) => {
		const email = uniqueEmail('schwach');
		const result = await register(ctx, {
			email,
			password,
			displayName: null,
			locale: 'de',
			clientAddress: address()
		});
		expect(result).toEqual({ ok: false, reason });
		expect(await countUsersWithEmail(email)).toBe(0);
		expect(await mailsTo(email)).toEqual([]);
	});

	it('refuses an expired verification link', async () => {
		const email = uniqueEmail('spaet');
		await register(ctx, {
			email,
			password: NEW_PASSWORD,
			displayName: null,
			locale: 'de',
			clientAddress: address()
		});
		const token = await linkToken(email, '/email-bestaetigen');
		await ctx.db
			.updateTable('auth_tokens')
			.set({ expires_at: new Date(Date.now() - 1000) })
			.where('id', '=', hashToken(token))
			.execute();
		expect(await verifyEmail(ctx, token)).toBe(false);
		expect((await findUserByEmail(ctx.db, email))?.emailVerifiedAt).toBeNull();
	});
});

describe('login', () => {
	it('gives the same answer for a wrong password and an unknown account', async () => {
		const user = await createUser(ctx.db);
		const wrong = await loginAs(user.email, 'Falsches-Passwort-1');
		const unknown = await loginAs(uniqueEmail('niemand'), user.password);
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(unknown).toEqual(wrong);
	});

	it('tells an unverified account to confirm its address and mails a new link', async () => {
		const user = await createUser(ctx.db, { verified: false });
		expect(await loginAs(user.email, user.password)).toEqual({ ok: false, reason: 'unverified' });
		const token = await linkToken(user.email, '/email-bestaetigen');
		expect(await verifyEmail(ctx, token)).toBe(true);
		expect((await loginAs(user.email, user.password)).ok).toBe(true);
	});

	it('refuses a disabled account without creating a session', async () => {
		const user = await createUser(ctx.db);
		await updateUser(ctx.db, user.id, { disabledAt: new Date() });
		expect(await loginAs(user.email, user.password)).toEqual({ ok: false, reason: 'disabled' });
		expect(await sessionCount(user.id)).toBe(0);
	});

	it('locks an account after five failed attempts, even for the right password', async () => {
		const user = await createUser(ctx.db);
		for (let i = 0; i < 5; i++) {
			expect(await loginAs(user.email, `Falsch-${i}-Passwort`)).toEqual({
				ok: false,
				reason: 'invalid'
			});
		}
		expect(await loginAs(user.email, user.password)).toEqual({
			ok: false,
			reason: 'rateLimited'
		});
		expect(await sessionCount(user.id)).toBe(0);
	});

	it('forgets failed attempts after a successful login', async () => {
		const user = await createUser(ctx.db);
		for (let i = 0; i < 4; i++) await loginAs(user.email, `Falsch-${i}-Passwort`);
		expect((await loginAs(user.email, user.password)).ok).toBe(true);
		for (let i = 0; i < 4; i++) await loginAs(user.email, `Falsch-${i}-Passwort`);
		expect((await loginAs(user.email, user.password)).ok).toBe(true);
	});

	it('limits attempts per client address across accounts', async () => {
		const strict: AppContext = { ...ctx, config: testConfig({ RATE_LIMIT_PER_ADDRESS: '3' }) };
		const user = await createUser(ctx.db);
		const clientAddress = address();
		for (let i = 0; i < 3; i++) {
			const result = await login(strict, {
				email: uniqueEmail('probe'),
				password: user.password,
				locale: 'de',
				clientAddress
			});
			expect(result).toEqual({ ok: false, reason: 'invalid' });
		}
		const blocked = await login(strict, { ...user, locale: 'de', clientAddress });
		expect(blocked).toEqual({ ok: false, reason: 'rateLimited' });
		const elsewhere = await login(strict, { ...user, locale: 'de', clientAddress: address() });
		expect(elsewhere.ok).toBe(true);
	});

	it('counts only failed logins against a shared address', async () => {
		const strict: AppContext = { ...ctx, config: testConfig({ RATE_LIMIT_PER_ADDRESS: '3' }) };
		const clientAddress = address();
		for (let i = 0; i < 6; i++) {
			const user = await createUser(ctx.db);
			const result = await login(strict, { ...user, locale: 'de', clientAddress });
			expect(result.ok).toBe(true);
		}
	});

	it('creates a new session with a new token at every login', async () => {
		const user = await createUser(ctx.db);
		const first = await loginAs(user.email, user.password);
		const second = await loginAs(user.email, user.password);
		if (!first.ok || !second.ok) throw new Error('login failed');
		expect(first.token).not.toBe(second.token);
		expect(await sessionCount(user.id)).toBe(2);
		const session = await validateSessionToken(ctx.db, second.token, ctx.config.session);
		expect(session?.user.id).toBe(user.id);
	});
});

describe('password reset', () => {
	it('queues no mail for an unknown address but answers ok', async () => {
		const email = uniqueEmail('unbekannt');
		expect(
			await requestPasswordReset(ctx, { email, locale: 'de', clientAddress: address() })
		).toEqual({ ok: true });
		expect(await mailsTo(email)).toEqual([]);
	});

	it('sets the new password once, ends all sessions and counts as verification', async () => {
		const user = await createUser(ctx.db, { verified: false });
		await createSession(ctx.db, user.id, ctx.config.session);
		await createSession(ctx.db, user.id, ctx.config.session);
		await requestPasswordReset(ctx, { email: user.email, locale: 'de', clientAddress: address() });
		const token = await linkToken(user.email, '/passwort-neu');

		expect(await resetPassword(ctx, { token, password: NEW_PASSWORD })).toEqual({ ok: true });
		expect(await sessionCount(user.id)).toBe(0);
		expect((await findUserById(ctx.db, user.id))?.emailVerifiedAt).toBeInstanceOf(Date);
		expect((await loginAs(user.email, NEW_PASSWORD)).ok).toBe(true);
		expect(await loginAs(user.email, user.password)).toEqual({ ok: false, reason: 'invalid' });

		expect(await resetPassword(ctx, { token, password: 'Noch-ein-neues-Passwort' })).toEqual({
			ok: false,
			reason: 'invalidToken'
		});
		expect((await loginAs(user.email, NEW_PASSWORD)).ok).toBe(true);
	});

	it('keeps the link usable when the new password is refused', async () => {
		const user = await createUser(ctx.db);
		await requestPasswordReset(ctx, { email: user.email, locale: 'de', clientAddress: address() });
		const token = await linkToken(user.email, '/passwort-neu');
		expect(await resetPassword(ctx, { token, password: 'passwort' })).toEqual({
			ok: false,
			reason: 'passwordCommon'
		});
		expect(await resetPassword(ctx, { token, password: NEW_PASSWORD })).toEqual({ ok: true });
	});

	it('refuses an expired link and leaves the password alone', async () => {
		const user = await createUser(ctx.db);
		await requestPasswordReset(ctx, { email: user.email, locale: 'de', clientAddress: address() });
		const token = await linkToken(user.email, '/passwort-neu');
		await ctx.db
			.updateTable('auth_tokens')
			.set({ expires_at: new Date(Date.now() - 1000) })
			.where('id', '=', hashToken(token))
			.execute();
		expect(await resetPassword(ctx, { token, password: NEW_PASSWORD })).toEqual({
			ok: false,
			reason: 'invalidToken'
		});
		expect((await loginAs(user.email, user.password)).ok).toBe(true);
	});
});

describe('changePassword', () => {
	it('ends the other sessions but keeps the current one', async () => {
		const user = await createUser(ctx.db);
		const current = await createSession(ctx.db, user.id, ctx.config.session);
		const other = await createSession(ctx.db, user.id, ctx.config.session);
		const result = await changePassword(ctx, {
			userId: user.id,
			sessionId: hashToken(current.token),
			current: user.password,
			next: NEW_PASSWORD
		});
		expect(result).toEqual({ ok: true });
		expect(await validateSessionToken(ctx.db, current.token, ctx.config.session)).not.toBeNull();
		expect(await validateSessionToken(ctx.db, other.token, ctx.config.session)).toBeNull();
		expect((await loginAs(user.email, NEW_PASSWORD)).ok).toBe(true);
	});

	it('refuses a wrong current password and changes nothing', async () => {
		const user = await createUser(ctx.db);
		const current = await createSession(ctx.db, user.id, ctx.config.session);
		const other = await createSession(ctx.db, user.id, ctx.config.session);
		const result = await changePassword(ctx, {
			userId: user.id,
			sessionId: hashToken(current.token),
			current: 'Nicht-mein-Passwort',
			next: NEW_PASSWORD
		});
		expect(result).toEqual({ ok: false, reason: 'wrongPassword' });
		expect(await validateSessionToken(ctx.db, other.token, ctx.config.session)).not.toBeNull();
		expect((await loginAs(user.email, user.password)).ok).toBe(true);
	});
});

describe('email change', () => {
	it('changes the address only after the link mailed to the new address is opened', async () => {
		const user = await createUser(ctx.db);
		const newEmail = uniqueEmail('umgezogen');
		const result = await requestEmailChange(ctx, {
			userId: user.id,
			password: user.password,
			newEmail,
			locale: 'de'
		});
		expect(result).toEqual({ ok: true });
		expect((await findUserById(ctx.db, user.id))?.email).toBe(user.email);
		expect(await mailsTo(user.email)).toEqual([]);

		const token = await linkToken(newEmail, '/email-bestaetigen');
		expect(await confirmEmailChange(ctx, token)).toBe(true);
		expect((await findUserById(ctx.db, user.id))?.email).toBe(newEmail);
		expect((await loginAs(newEmail, user.password)).ok).toBe(true);
		expect(await loginAs(user.email, user.password)).toEqual({ ok: false, reason: 'invalid' });
		expect(await confirmEmailChange(ctx, token)).toBe(false);
	});

	it('refuses an address another account uses, and a wrong password', async () => {
		const user = await createUser(ctx.db);
		const other = await createUser(ctx.db);
		expect(
			await requestEmailChange(ctx, {
				userId: user.id,
				password: user.password,
				newEmail: other.email,
				locale: 'de'
			})
		).toEqual({ ok: false, reason: 'taken' });
		expect(await mailsTo(other.email)).toEqual([]);

		const newEmail = uniqueEmail('frei');
		expect(
			await requestEmailChange(ctx, {
				userId: user.id,
				password: 'Nicht-mein-Passwort',
				newEmail,
				locale: 'de'
			})
		).toEqual({ ok: false, reason: 'wrongPassword' });
		expect(await mailsTo(newEmail)).toEqual([]);
	});

	it('refuses the link when the address was taken in the meantime', async () => {
		const user = await createUser(ctx.db);
		const newEmail = uniqueEmail('begehrt');
		await requestEmailChange(ctx, {
			userId: user.id,
			password: user.password,
			newEmail,
			locale: 'de'
		});
		const token = await linkToken(newEmail, '/email-bestaetigen');
		await createUser(ctx.db, { email: newEmail });
		expect(await confirmEmailChange(ctx, token)).toBe(false);
		expect((await findUserById(ctx.db, user.id))?.email).toBe(user.email);
	});
});
