import { recordAudit } from '../audit/audit.repository.ts';
import type { Db } from '../db/index.ts';
import { ROLES, type Role } from '../db/schema.ts';
import { invalidateUserSessions } from './sessions.ts';
import { countAdmins, findUserById, setUserRoles, updateUser } from './users.repository.ts';

type Result = { ok: true } | { ok: false; reason: 'notFound' | 'lastAdmin' };

/** Everyone keeps the resident role; staff roles come on top. */
export function normalizeRoles(roles: Role[]): Role[] {
	return ROLES.filter((r) => r === 'resident' || roles.includes(r));
}

export async function assignRoles(
	db: Db,
	actorId: string,
	userId: string,
	requested: Role[]
): Promise<Result> {
	const user = await findUserById(db, userId);
	if (!user || user.deletedAt) return { ok: false, reason: 'notFound' };
	const roles = normalizeRoles(requested);
	const losesAdmin = user.roles.includes('admin') && !roles.includes('admin');
	if (losesAdmin && !user.disabledAt && (await countAdmins(db)) <= 1)
		return { ok: false, reason: 'lastAdmin' };
	const added = roles.filter((r) => !user.roles.includes(r));
	const removed = user.roles.filter((r) => !roles.includes(r));
	if (!added.length && !removed.length) return { ok: true };
	await setUserRoles(db, userId, roles);
	await recordAudit(db, {
		actorId,
		action: 'user.roles_changed',
		targetType: 'user',
		targetId: userId,
		details: { added, removed, roles }
	});
	return { ok: true };
}

export async function setAccountDisabled(
	db: Db,
	actorId: string,
	userId: string,
	disabled: boolean
): Promise<Result> {
	const user = await findUserById(db, userId);
	if (!user || user.deletedAt) return { ok: false, reason: 'notFound' };
	if (disabled === (user.disabledAt !== null)) return { ok: true };
	if (disabled && user.roles.includes('admin') && (await countAdmins(db)) <= 1) {
		return { ok: false, reason: 'lastAdmin' };
	}
	await updateUser(db, userId, { disabledAt: disabled ? new Date() : null });
	if (disabled) await invalidateUserSessions(db, userId);
	await recordAudit(db, {
		actorId,
		action: disabled ? 'user.disabled' : 'user.enabled',
		targetType: 'user',
		targetId: userId
	});
	return { ok: true };
}
