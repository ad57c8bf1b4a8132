import { randomBytes } from 'node:crypto';
import type { Db } from '../db/index.ts';
import type { Role } from '../db/schema.ts';
import { hashPassword } from '../auth/passwords.ts';
import { insertUser, setUserRoles } from '../auth/users.repository.ts';

export const TEST_PASSWORD = 'Rathausplatz-1-Hennef';

export function uniqueEmail(prefix = 'person'): string {
	return `${prefix}-${randomBytes(4).toString('hex')}@test.mitreden.example`;
}

/** A verified account with the given roles (resident is always included). */
export async function createUser(
	db: Db,
	opts: { email?: string; roles?: Role[]; verified?: boolean; password?: string } = {}
): Promise<{ id: string; email: string; password: string }> {
	const email = opts.email ?? uniqueEmail();
	const password = opts.password ?? TEST_PASSWORD;
	const id = await insertUser(db, {
		email,
		passwordHash: await hashPassword(password),
		displayName: null,
		locale: 'de',
		verified: opts.verified ?? true
	});
	if (opts.roles?.length) await setUserRoles(db, id, ['resident', ...opts.roles]);
	return { id, email, password };
}
