import { describe, expect, it } from 'vitest';
import {
	checkPasswordStrength,
	hashPassword,
	isCommonPassword,
	verifyDummyPassword,
	verifyPassword
} from './passwords.ts';

describe('password hashing', () => {
	it('hashes with argon2id, salted, and verifies only the right password', async () => {
		const first = await hashPassword('Rathausplatz-1-Hennef');
		const second = await hashPassword('Rathausplatz-1-Hennef');
		expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(first).not.toBe(second);
		expect(await verifyPassword(first, 'Rathausplatz-1-Hennef')).toBe(true);
		expect(await verifyPassword(first, 'rathausplatz-1-hennef')).toBe(false);
	});

	it('treats a damaged hash as a wrong password instead of failing', async () => {
		expect(await verifyPassword('kein-hash', 'Rathausplatz-1-Hennef')).toBe(false);
		expect(await verifyDummyPassword('Rathausplatz-1-Hennef')).toBe(false);
	});
});

describe('checkPasswordStrength', () => {
	it.each(['passwort', 'Passwort1', 'password123', '12345678', 'hallo123'])(
		'refuses the common password %s',
		(password) => {
			expect(isCommonPassword(password)).toBe(true);
			expect(checkPasswordStrength(password)).toBe('passwordCommon');
		}
	);

	it('refuses the local part of the own address as password', () => {
		expect(checkPasswordStrength('erika.mustermann', 'Erika.Mustermann@hennef.de')).toBe(
			'passwordCommon'
		);
		expect(checkPasswordStrength('erika.mustermann', 'max@hennef.de')).toBeNull();
	});

	it('counts characters, not bytes, for the minimum length', () => {
		expect(checkPasswordStrength('Kurz-7!')).toBe('passwordTooShort');
		expect(checkPasswordStrength('Grün-8äö')).toBeNull();
		expect(checkPasswordStrength('🌳🌳🌳🌳🌳🌳🌳')).toBe('passwordTooShort');
	});

	it('refuses passwords over 200 characters and accepts a long passphrase', () => {
		expect(checkPasswordStrength('a'.repeat(201))).toBe('passwordTooLong');
		expect(checkPasswordStrength('Am Markt in Stadt Blankenberg blüht die Linde')).toBeNull();
	});
});
