import type { Db } from '../db/index.ts';
import type { Role } from '../db/schema.ts';
import { generateToken, hashToken } from './tokens.ts';
import { findUserById } from './users.repository.ts';

export interface SessionUser {
	id: string;
	email: string;
	displayName: string | null;
	locale: string;
	roles: Role[];
	verified: boolean;
}

export interface SessionTimeouts {
	idleMs: number;
	absoluteMs: number;
}

export interface ValidatedSession {
	sessionId: string;
	user: SessionUser;
	expiresAt: Date;
	/** True when the idle expiry moved, so the cookie must be sent again. */
	refreshed: boolean;
}

/** A fresh token at every login (no session fixation); the cookie carries it, the table its hash. */
export async function createSession(
	db: Db,
	userId: string,
	timeouts: SessionTimeouts
): Promise<{ token: string; expiresAt: Date }> {
	const token = generateToken();
	const now = Date.now();
	const expiresAt = new Date(now + timeouts.idleMs);
	await db
		.insertInto('sessions')
		.values({
			id: hashToken(token),
			user_id: userId,
			expires_at: expiresAt,
			absolute_expires_at: new Date(now + timeouts.absoluteMs)
		})
		.execute();
	return { token, expiresAt };
}

export async function validateSessionToken(
	db: Db,
	token: string,
	timeouts: SessionTimeouts
): Promise<ValidatedSession | null> {
	// Tokens we issue are 43 base64url characters; anything else is forged and needs no query.
	if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
	const id = hashToken(token);
	const session = await db
		.selectFrom('sessions')
		.selectAll()
		.where('id', '=', id)
		.executeTakeFirst();
	if (!session) return null;
	const now = Date.now();
	if (session.expires_at.getTime() <= now || session.absolute_expires_at.getTime() <= now) {
		await invalidateSession(db, id);
		return null;
	}
	const user = await findUserById(db, session.user_id);
	if (!user || !user.email || user.disabledAt || user.deletedAt) {
		await invalidateSession(db, id);
		return null;
	}
	// Sliding expiry, written at most once per half idle period to spare the database.
	let expiresAt = session.expires_at;
	let refreshed = false;
	if (expiresAt.getTime() - now < timeouts.idleMs / 2) {
		expiresAt = new Date(Math.min(now + timeouts.idleMs, session.absolute_expires_at.getTime()));
		await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
		refreshed = true;
	}
	return {
		sessionId: id,
		expiresAt,
		refreshed,
		user: {
			id: user.id,
			email: user.email,
			displayName: user.displayName,
			locale: user.locale,
			roles: user.roles,
			verified: user.emailVerifiedAt !== null
		}
	};
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function invalidateUserSessions(
	db: Db,
	userId: string,
	exceptSessionId?: string
): Promise<void> {
	let q = db.deleteFrom('sessions').where('user_id', '=', userId);
	if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
	await q.execute();
}

export async function deleteExpiredSessions(db: Db): Promise<void> {
	const now = new Date();
	await db
		.deleteFrom('sessions')
		.where((eb) => eb.or([eb('expires_at', '<=', now), eb('absolute_expires_at', '<=', now)]))
		.execute();
}
