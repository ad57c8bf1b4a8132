import type { Locale } from '../../i18n/index.ts';
import type { AppContext } from '../context.ts';
import { enqueue } from '../jobs/queue.ts';
import { asLocale, linkMail } from '../mail/templates.ts';
import {
	checkPasswordStrength,
	hashPassword,
	verifyDummyPassword,
	verifyPassword,
	type PasswordProblem
} from './passwords.ts';
import { consumeRateLimit, refundRateLimit, resetRateLimit } from './rate-limit.ts';
import { consumeToken, issueToken, peekTokenUser } from './one-time-tokens.ts';
import { createSession, invalidateUserSessions } from './sessions.ts';
import { findUserByEmail, findUserById, insertUser, updateUser } from './users.repository.ts';

type Fail<K extends string> = { ok: false; reason: K };

async function sendVerification(ctx: AppContext, userId: string, email: string, locale: Locale) {
	const token = await issueToken(ctx.db, userId, 'verify_email');
	await enqueue(
		ctx.boss,
		'send-mail',
		linkMail('verify', {
			to: email,
			locale,
			origin: ctx.config.origin,
			path: `/email-bestaetigen/${token}`
		})
	);
}

export async function register(
	ctx: AppContext,
	input: {
		email: string;
		password: string;
		displayName: string | null;
		locale: Locale;
		clientAddress: string;
	}
): Promise<{ ok: true } | Fail<'rateLimited'> | Fail<PasswordProblem>> {
	const { windowMs, perAddress } = ctx.config.rateLimit;
	if (
		!(await consumeRateLimit(ctx.db, `register:ip:${input.clientAddress}`, perAddress, windowMs))
	) {
		return { ok: false, reason: 'rateLimited' };
	}
	const problem = checkPasswordStrength(input.password, input.email);
	if (problem) return { ok: false, reason: problem };
	const existing = await findUserByEmail(ctx.db, input.email);
	if (existing) {
		// Same answer as for a new account, so the form does not reveal who is registered; the
		// owner of the address gets a hint by mail instead (a reset link if they forgot).
		if (!existing.emailVerifiedAt)
			await sendVerification(ctx, existing.id, input.email, input.locale);
		else
			await requestPasswordReset(ctx, {
				email: input.email,
				locale: input.locale,
				clientAddress: input.clientAddress
			});
		return { ok: true };
	}
	const passwordHash = await hashPassword(input.password);
	const userId = await ctx.db.transaction().execute((trx) =>
		insertUser(trx, {
			email: input.email,
			passwordHash,
			displayName: input.displayName,
			locale: input.locale
		})
	);
	await sendVerification(ctx, userId, input.email, input.locale);
	ctx.log.info('Konto registriert', { userId });
	return { ok: true };
}

export async function verifyEmail(ctx: AppContext, token: string): Promise<boolean> {
	return ctx.db.transaction().execute(async (trx) => {
		const consumed = await consumeToken(trx, token, 'verify_email');
		if (!consumed) return false;
		await updateUser(trx, consumed.userId, { emailVerifiedAt: new Date() });
		return true;
	});
}

export type LoginResult =
	| { ok: true; token: string; expiresAt: Date; userId: string }
	| Fail<'invalid' | 'rateLimited' | 'unverified' | 'disabled'>;

export async function login(
	ctx: AppContext,
	input: { email: string; password: string; locale: Locale; clientAddress: string }
): Promise<LoginResult> {
	const { windowMs, perAccount, perAddress } = ctx.config.rateLimit;
	const accountKey = `login:acct:${input.email}`;
	const addressKey = `login:ip:${input.clientAddress}`;
	const [addressOk, accountOk] = [
		await consumeRateLimit(ctx.db, addressKey, perAddress, windowMs),
		await consumeRateLimit(ctx.db, accountKey, perAccount, windowMs)
	];
	if (!addressOk || !accountOk) return { ok: false, reason: 'rateLimited' };
	const user = await findUserByEmail(ctx.db, input.email);
	const valid = user?.passwordHash
		? await verifyPassword(user.passwordHash, input.password)
		: await verifyDummyPassword(input.password);
	if (!user || !valid) return { ok: false, reason: 'invalid' };
	// Only someone who knows the password learns that the account is disabled or unconfirmed.
	if (user.disabledAt || user.deletedAt) return { ok: false, reason: 'disabled' };
	if (!user.emailVerifiedAt) {
		await sendVerification(ctx, user.id, user.email!, asLocale(user.locale));
		return { ok: false, reason: 'unverified' };
	}
	// Only failures count against an address: a town hall or a workshop behind one router must
	// not lock out its 31st successful login.
	await resetRateLimit(ctx.db, accountKey);
	await refundRateLimit(ctx.db, addressKey);
	const session = await createSession(ctx.db, user.id, ctx.config.session);
	return { ok: true, userId: user.id, ...session };
}

export async function requestPasswordReset(
	ctx: AppContext,
	input: { email: string; locale: Locale; clientAddress: string }
): Promise<{ ok: true } | Fail<'rateLimited'>> {
	const { windowMs, perAccount, perAddress } = ctx.config.rateLimit;
	const addressOk = await consumeRateLimit(
		ctx.db,
		`reset:ip:${input.clientAddress}`,
		perAddress,
		windowMs
	);
	const accountOk = await consumeRateLimit(
		ctx.db,
		`reset:acct:${input.email}`,
		perAccount,
		windowMs
	);
	if (!addressOk || !accountOk) return { ok: false, reason: 'rateLimited' };
	const user = await findUserByEmail(ctx.db, input.email);
	if (user && !user.deletedAt && !user.disabledAt) {
		const token = await issueToken(ctx.db, user.id, 'reset_password');
		await enqueue(
			ctx.boss,
			'send-mail',
			linkMail('reset', {
				to: input.email,
				locale: input.locale,
				origin: ctx.config.origin,
				path: `/passwort-neu/${token}`
			})
		);
	}
	return { ok: true };
}

export async function resetPassword(
	ctx: AppContext,
	input: { token: string; password: string }
): Promise<{ ok: true } | Fail<'invalidToken'> | Fail<PasswordProblem>> {
	// The email is needed so a reset cannot set what registration refuses (the address as password).
	const owner = await peekTokenUser(ctx.db, input.token, 'reset_password');
	const email = owner ? (await findUserById(ctx.db, owner))?.email : undefined;
	const problem = checkPasswordStrength(input.password, email ?? undefined);
	if (problem) return { ok: false, reason: problem };
	const passwordHash = await hashPassword(input.password);
	return ctx.db.transaction().execute(async (trx) => {
		const consumed = await consumeToken(trx, input.token, 'reset_password');
		if (!consumed) return { ok: false, reason: 'invalidToken' } as const;
		const user = await findUserById(trx, consumed.userId);
		if (!user || user.deletedAt) return { ok: false, reason: 'invalidToken' } as const;
		// Opening the mailed link proves the address, so it also counts as verification.
		await updateUser(trx, user.id, {
			passwordHash,
			emailVerifiedAt: user.emailVerifiedAt ?? new Date()
		});
		await invalidateUserSessions(trx, user.id);
		return { ok: true } as const;
	});
}

export async function changePassword(
	ctx: AppContext,
	input: { userId: string; sessionId: string; current: string; next: string }
): Promise<{ ok: true } | Fail<'wrongPassword'> | Fail<PasswordProblem>> {
	const user = await findUserById(ctx.db, input.userId);
	if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.current))) {
		return { ok: false, reason: 'wrongPassword' };
	}
	const problem = checkPasswordStrength(input.next, user.email ?? undefined);
	if (problem) return { ok: false, reason: problem };
	const passwordHash = await hashPassword(input.next);
	await ctx.db.transaction().execute(async (trx) => {
		await updateUser(trx, user.id, { passwordHash });
		await invalidateUserSessions(trx, user.id, input.sessionId);
	});
	return { ok: true };
}

export async function requestEmailChange(
	ctx: AppContext,
	input: { userId: string; password: string; newEmail: string; locale: Locale }
): Promise<{ ok: true } | Fail<'wrongPassword' | 'taken' | 'same'>> {
	const user = await findUserById(ctx.db, input.userId);
	if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.password))) {
		return { ok: false, reason: 'wrongPassword' };
	}
	if (user.email === input.newEmail) return { ok: false, reason: 'same' };
	if (await findUserByEmail(ctx.db, input.newEmail)) return { ok: false, reason: 'taken' };
	const token = await issueToken(ctx.db, user.id, 'change_email', input.newEmail);
	await enqueue(
		ctx.boss,
		'send-mail',
		linkMail('change', {
			to: input.newEmail,
			locale: input.locale,
			origin: ctx.config.origin,
			path: `/email-bestaetigen/${token}?aenderung=1`
		})
	);
	return { ok: true };
}

export async function confirmEmailChange(ctx: AppContext, token: string): Promise<boolean> {
	return ctx.db.transaction().execute(async (trx) => {
		const consumed = await consumeToken(trx, token, 'change_email');
		if (!consumed?.newEmail) return false;
		if (await findUserByEmail(trx, consumed.newEmail)) return false;
		await updateUser(trx, consumed.userId, {
			email: consumed.newEmail,
			emailVerifiedAt: new Date()
		});
		return true;
	});
}
