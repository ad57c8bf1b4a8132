import { readFile } from 'node:fs/promises';
import {
	TEST_PASSWORD,
	expect,
	expectAccessible,
	logIn,
	logOut,
	mailLink,
	registerVerified,
	submitLogin,
	test,
	uniqueEmail,
	visit
} from './fixtures.ts';

const WRONG_LOGIN = 'E-Mail-Adresse oder Passwort ist falsch.';

test('register, confirm the address from the mail, log in and out; the old session is dead', async ({
	page,
	context
}) => {
	const email = uniqueEmail('register');
	await visit(page, '/');
	await page.getByRole('link', { name: 'Registrieren' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Konto anlegen');
	await expectAccessible(page);
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort', { exact: true }).fill(TEST_PASSWORD);
	await page.getByLabel('Anzeigename (freiwillig)').fill('Testperson');
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fast geschafft');
	await expect(page.getByRole('status')).toContainText('Wir haben Ihnen eine E-Mail geschickt');
	await expectAccessible(page);

	const link = await mailLink(page, email, 'Bitte bestätigen Sie Ihre E-Mail-Adresse');
	expect(link).toMatch(/\/email-bestaetigen\/[\w-]+$/);
	await page.getByRole('link', { name: link }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('E-Mail-Adresse bestätigen');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'E-Mail-Adresse bestätigen' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Ihre E-Mail-Adresse ist bestätigt. Sie können sich jetzt anmelden.'
	);
	await expectAccessible(page);

	await page.getByRole('main').getByRole('link', { name: 'Anmelden' }).click();
	await expect(page).toHaveURL('/anmelden');
	await expectAccessible(page);
	await submitLogin(page, email, TEST_PASSWORD);
	await expect(page).toHaveURL('/');
	await expect(page.getByRole('link', { name: 'Mein Konto' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Mein Konto' }).click();
	await expect(page.getByRole('main')).toContainText(email);
	await expectAccessible(page);

	const [session] = await context.cookies();
	expect(session?.name).toBe('mitreden_session');
	await logOut(page);
	expect(await context.cookies()).toEqual([]);

	// Logging out ends the session on the server, not just in this browser.
	await context.addCookies([session!]);
	await page.goto('/konto');
	await expect(page).toHaveURL('/anmelden?weiter=%2Fkonto');
	await expect(page.getByRole('status')).toHaveText('Bitte melden Sie sich an, um fortzufahren.');
	await expectAccessible(page);
	expect(await context.cookies(), 'the dead cookie is cleared').toEqual([]);
});

test('password reset: link from the mail, new password works, old one and the link do not', async ({
	page
}) => {
	const { email, password } = await registerVerified(page, 'reset');
	const newPassword = 'Neues-Siegufer-Passwort-7';

	await visit(page, '/anmelden');
	await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Passwort vergessen');
	await expectAccessible(page);
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByRole('button', { name: 'Link anfordern' }).click();
	await expect(page.getByRole('status')).toContainText('Wenn zu dieser Adresse ein Konto besteht');
	await expectAccessible(page);

	const link = await mailLink(page, email, 'Neues Passwort setzen');
	expect(link).toMatch(/\/passwort-neu\/[\w-]+$/);
	await visit(page, link);
	await page.getByLabel('Neues Passwort').fill(newPassword);
	await page.getByRole('button', { name: 'Passwort speichern' }).click();
	await expect(page.getByRole('status')).toContainText('Ihr Passwort ist geändert.');
	await expectAccessible(page);

	await visit(page, '/anmelden');
	expect(await submitLogin(page, email, password)).toBe(400);
	await expect(page.getByRole('alert')).toContainText(WRONG_LOGIN);
	await expectAccessible(page);
	await submitLogin(page, email, newPassword);
	await expect(page).toHaveURL('/');
	await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
	await expectAccessible(page);

	await visit(page, link);
	await expect(page.getByRole('alert')).toHaveText(
		'Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt. Fordern Sie bitte einen neuen Link an.'
	);
	await expect(page.getByLabel('Neues Passwort')).toHaveCount(0);
});

test('export: the download from "Mein Konto" is JSON with the own email', async ({ page }) => {
	const { email, password } = await registerVerified(page, 'export');
	await logIn(page, email, password);
	await visit(page, '/konto');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Daten herunterladen (JSON)' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^mitreden-meine-daten-\d{4}-\d{2}-\d{2}\.json$/);
	const data = JSON.parse(await readFile(await download.path(), 'utf8'));
	expect(data.account.email).toBe(email);
	expect(data.sessions).toHaveLength(1);
});

test('delete account: confirm with the password, then login fails like a wrong password', async ({
	page,
	context
}) => {
	const { email, password } = await registerVerified(page, 'delete');
	await logIn(page, email, password);
	await visit(page, '/konto');
	await page.getByRole('link', { name: 'Konto löschen …' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Konto wirklich löschen?');
	await expectAccessible(page);

	await page.getByLabel('Passwort', { exact: true }).fill('nicht-das-passwort');
	await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
	await expect(page.getByRole('alert')).toContainText('Das aktuelle Passwort ist falsch.');
	await expectAccessible(page);

	await page.getByLabel('Passwort', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
	await expect(page.getByRole('status')).toContainText('Ihr Konto wurde gelöscht.');
	await expectAccessible(page);
	expect(await context.cookies()).toEqual([]);

	await visit(page, '/anmelden');
	expect(await submitLogin(page, email, password)).toBe(400);
	await expect(page.getByRole('alert')).toContainText(WRONG_LOGIN);
	await expectAccessible(page);
});
