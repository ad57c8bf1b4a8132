import { describe, expect, it } from 'vitest';
import { changePasswordForm, loginForm, registerForm, rolesForm } from '../auth/forms.ts';
import { parseForm, translateIssue } from './forms.ts';

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) data.append(key, value);
	return data;
}

describe('parseForm', () => {
	it('asks for a missing field in German', () => {
		const result = parseForm(registerForm, form({ password: 'Rathausplatz-1' }), 'de');
		expect(result).toEqual({
			ok: false,
			errors: { email: 'Bitte füllen Sie dieses Feld aus.' },
			values: {}
		});
	});

	it('answers in English on English pages', () => {
		const result = parseForm(loginForm, form({ email: '   ' }), 'en');
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toEqual({
			email: 'Please fill in this field.',
			password: 'Please fill in this field.'
		});
	});

	it('limits the display name to 60 characters', () => {
		const fields = { email: 'erika@hennef.de', password: 'Rathausplatz-1' };
		const tooLong = parseForm(registerForm, form({ ...fields, displayName: 'a'.repeat(61) }), 'de');
		expect(tooLong.ok).toBe(false);
		if (!tooLong.ok) expect(tooLong.errors.displayName).toBe('Höchstens 60 Zeichen.');

		const fits = parseForm(registerForm, form({ ...fields, displayName: 'a'.repeat(60) }), 'de');
		expect(fits.ok).toBe(true);
	});

	it.each(['erika', 'erika@hennef', 'erika @hennef.de', 'erika@hennef.d'])(
		'refuses the address %s',
		(email) => {
			const result = parseForm(loginForm, form({ email, password: 'x' }), 'de');
			expect(result.ok).toBe(false);
			if (!result.ok)
				expect(result.errors.email).toBe(
					'Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.'
				);
		}
	);

	it('normalises what it accepts: trimmed, lower-case address, empty name as null', () => {
		const result = parseForm(
			registerForm,
			form({ email: '  Erika.Muster@Hennef.DE ', password: ' Rathausplatz-1 ', displayName: '  ' }),
			'de'
		);
		expect(result).toEqual({
			ok: true,
			data: { email: 'erika.muster@hennef.de', password: ' Rathausplatz-1 ', displayName: null }
		});
	});

	it('never echoes passwords back to the page', () => {
		const secrets = { currentPassword: 'Altes-Geheimnis-1', newPassword: 'x'.repeat(201) };
		const result = parseForm(changePasswordForm, form({ ...secrets, note: 'bleibt' }), 'de');
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.newPassword).toBe('Das Passwort darf höchstens 200 Zeichen lang sein.');
		expect(result.values).toEqual({ note: 'bleibt' });

		const login = parseForm(loginForm, form({ email: 'kein-at', password: 'Geheim-123' }), 'de');
		expect(login.ok).toBe(false);
		if (!login.ok) expect(login.values).toEqual({ email: 'kein-at' });
	});
});

describe('roles form', () => {
	it('refuses a role that does not exist', () => {
		const parsed = rolesForm.safeParse({ roles: ['planner', 'superuser'] });
		expect(parsed.success).toBe(false);
		if (!parsed.success)
			expect(translateIssue(parsed.error.issues[0]!.message, 'de')).toBe('Unbekannte Rolle.');
		expect(rolesForm.safeParse({ roles: ['planner', 'admin'] }).success).toBe(true);
	});
});
