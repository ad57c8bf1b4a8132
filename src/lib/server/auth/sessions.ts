import type { Db } from '../db/index.ts';
import type { Role } from '../db/schema.ts';
import { generateToken, hashToken, isWellFormedToken } from './tokens.ts';
import { sql } from 'kysely';
import { parseRoles } from './users.repository.ts';

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
	if (!isWellFormedToken(token)) return null;
	const id = hashToken(token);
	// One round trip per request: the session, its account and the account's roles.
	const session = await db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.user_id')
		.select([
			'sessions.expires_at',
			'sessions.absolute_expires_at',
			'users.id as user_id',
			'users.email',
			'users.display_name',
			'users.locale',
			'users.email_verified_at',
			'users.disabled_at',
			'users.deleted_at',
			sql<
				Role[] | string
			>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = users.id), '{}')`.as(
				'roles'
			)
		])
		.where('sessions.id', '=', id)
		.executeTakeFirst();
	if (!session) return null;
	const now = Date.now();
	const expired =
		session.expires_at.getTime() <= now || session.absolute_expires_at.getTime() <= now;
	if (expired || !session.email || session.disabled_at || session.deleted_at) {
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
			id: session.user_id,
			email: session.email,
			displayName: session.display_name,
			locale: session.locale,
			roles: parseRoles(session.roles),
			verified: session.email_verified_at !== null
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
