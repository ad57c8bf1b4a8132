import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane.
// `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated modules cannot read).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN = 8;
// Long enough for passphrases; short enough that hashing cannot be used to burn CPU.
export const PASSWORD_MAX = 200;

let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
	common ??= new Set(dictionary['passwords-common'] as string[]);
	return common.has(password.toLowerCase());
}

export type PasswordProblem = 'passwordTooShort' | 'passwordTooLong' | 'passwordCommon';

export function checkPasswordStrength(password: string, email?: string): PasswordProblem | null {
	if ([...password].length < PASSWORD_MIN) return 'passwordTooShort';
	if (password.length > PASSWORD_MAX) return 'passwordTooLong';
	const local = email?.split('@')[0]?.toLowerCase();
	if (isCommonPassword(password) || (local && password.toLowerCase() === local))
		return 'passwordCommon';
	return null;
}

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

// Verified against when the account does not exist, so both paths cost the same time and an
// attacker cannot tell unknown accounts from wrong passwords by the clock.
let dummyHash: Promise<string> | undefined;
export async function verifyDummyPassword(password: string): Promise<false> {
	dummyHash ??= hashPassword('mitreden-dummy-password');
	await verifyPassword(await dummyHash, password);
	return false;
}
