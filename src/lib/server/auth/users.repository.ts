import { isUuid } from '../db/ids.ts';
import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import type { Role } from '../db/schema.ts';

export interface UserRecord {
	id: string;
	email: string | null;
	emailVerifiedAt: Date | null;
	passwordHash: string | null;
	displayName: string | null;
	locale: string;
	disabledAt: Date | null;
	deletedAt: Date | null;
	createdAt: Date;
	roles: Role[];
}

const userColumns = [
	'users.id',
	'users.email',
	'users.email_verified_at',
	'users.password_hash',
	'users.display_name',
	'users.locale',
	'users.disabled_at',
	'users.deleted_at',
	'users.created_at'
] as const;

function rolesOf() {
	return sql<
		Role[]
	>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = users.id), '{}')`.as(
		'roles'
	);
}

type Row = {
	id: string;
	email: string | null;
	email_verified_at: Date | null;
	password_hash: string | null;
	display_name: string | null;
	locale: string;
	disabled_at: Date | null;
	deleted_at: Date | null;
	created_at: Date;
	roles: Role[];
};

function toUser(row: Row): UserRecord {
	return {
		id: row.id,
		email: row.email,
		emailVerifiedAt: row.email_verified_at,
		passwordHash: row.password_hash,
		displayName: row.display_name,
		locale: row.locale,
		disabledAt: row.disabled_at,
		deletedAt: row.deleted_at,
		createdAt: row.created_at,
		roles: parseRoles(row.roles)
	};
}

// node-postgres parses text[] into an array; a custom array type may arrive as '{a,b}'.
export function parseRoles(value: unknown): Role[] {
	if (Array.isArray(value)) return value as Role[];
	if (typeof value === 'string')
		return value.replace(/[{}]/g, '').split(',').filter(Boolean) as Role[];
	return [];
}

export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRecord | undefined> {
	const row = await db
		.selectFrom('users')
		.select([...userColumns, rolesOf()])
		.where('email', '=', normalizeEmail(email))
		.executeTakeFirst();
	return row && toUser(row);
}

export async function findUserById(db: Db, id: string): Promise<UserRecord | undefined> {
	if (!isUuid(id)) return undefined;
	const row = await db
		.selectFrom('users')
		.select([...userColumns, rolesOf()])
		.where('id', '=', id)
		.executeTakeFirst();
	return row && toUser(row);
}

export async function insertUser(
	db: Db,
	user: {
		email: string;
		passwordHash: string;
		displayName: string | null;
		locale: string;
		verified?: boolean;
	}
): Promise<string> {
	const row = await db
		.insertInto('users')
		.values({
			email: normalizeEmail(user.email),
			password_hash: user.passwordHash,
			display_name: user.displayName,
			locale: user.locale,
			email_verified_at: user.verified ? new Date() : null,
			updated_at: new Date()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db.insertInto('user_roles').values({ user_id: row.id, role: 'resident' }).execute();
	return row.id;
}

export async function updateUser(
	db: Db,
	id: string,
	changes: Partial<{
		email: string | null;
		emailVerifiedAt: Date | null;
		passwordHash: string | null;
		displayName: string | null;
		disabledAt: Date | null;
		deletedAt: Date | null;
	}>
): Promise<void> {
	const set: Record<string, unknown> = { updated_at: new Date() };
	if ('email' in changes) set.email = changes.email && normalizeEmail(changes.email);
	if ('emailVerifiedAt' in changes) set.email_verified_at = changes.emailVerifiedAt;
	if ('passwordHash' in changes) set.password_hash = changes.passwordHash;
	if ('displayName' in changes) set.display_name = changes.displayName;
	if ('disabledAt' in changes) set.disabled_at = changes.disabledAt;
	if ('deletedAt' in changes) set.deleted_at = changes.deletedAt;
	await db.updateTable('users').set(set).where('id', '=', id).execute();
}

export async function setUserRoles(db: Db, userId: string, roles: Role[]): Promise<void> {
	await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
	const unique = [...new Set(roles)];
	if (unique.length) {
		await db
			.insertInto('user_roles')
			.values(unique.map((role) => ({ user_id: userId, role })))
			.execute();
	}
}

export interface UserListItem {
	id: string;
	email: string | null;
	displayName: string | null;
	verified: boolean;
	disabled: boolean;
	deleted: boolean;
	createdAt: Date;
	roles: Role[];
}

export async function listUsers(
	db: Db,
	opts: { search?: string; role?: Role; limit: number; offset: number }
): Promise<{ users: UserListItem[]; total: number }> {
	let q = db.selectFrom('users');
	if (opts.search) {
		const pattern = `%${opts.search.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
		q = q.where((eb) =>
			eb.or([eb('users.email', 'ilike', pattern), eb('users.display_name', 'ilike', pattern)])
		);
	}
	if (opts.role) {
		const role = opts.role;
		q = q.where((eb) =>
			eb.exists(
				eb
					.selectFrom('user_roles')
					.select('user_roles.role')
					.whereRef('user_roles.user_id', '=', 'users.id')
					.where('user_roles.role', '=', role)
			)
		);
	}
	const [rows, count] = await Promise.all([
		q
			.select([...userColumns, rolesOf()])
			.orderBy('users.created_at', 'desc')
			.orderBy('users.id')
			.limit(opts.limit)
			.offset(opts.offset)
			.execute(),
		q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
	]);
	return {
		total: Number(count.n),
		users: rows.map((r) => {
			const u = toUser(r);
			return {
				id: u.id,
				email: u.email,
				displayName: u.displayName,
				verified: u.emailVerifiedAt !== null,
				disabled: u.disabledAt !== null,
				deleted: u.deletedAt !== null,
				createdAt: u.createdAt,
				roles: u.roles
			};
		})
	};
}

/**
 * Counts active admins. Inside a transaction it first takes a transaction-scoped advisory lock,
 * so two admins removing each other at the same moment run one after the other and the second
 * sees that only one is left (READ COMMITTED alone would let both pass).
 */
export async function countAdmins(db: Db): Promise<number> {
	if (db.isTransaction) await sql`select pg_advisory_xact_lock(736174)`.execute(db);
	const row = await db
		.selectFrom('user_roles')
		.innerJoin('users', 'users.id', 'user_roles.user_id')
		.select(sql<number>`count(*)::int`.as('n'))
		.where('user_roles.role', '=', 'admin')
		.where('users.disabled_at', 'is', null)
		.where('users.deleted_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
