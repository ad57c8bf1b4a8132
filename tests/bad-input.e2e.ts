import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import {
	DEMO_ADMIN,
	DEMO_PASSWORD,
	E2E_ORIGIN,
	TEST_PASSWORD,
	expect,
	expectAccessible,
	logIn,
	register,
	sameOriginForm,
	skipBrowserValidation,
	submitLogin,
	submitStatus,
	test,
	uniqueEmail,
	visit
} from './fixtures.ts';

const REQUIRED = 'Bitte füllen Sie dieses Feld aus.';
const WRONG_LOGIN = 'E-Mail-Adresse oder Passwort ist falsch.';

async function expectFieldError(page: Page, field: string, message: string) {
	await expect(page.locator(`#field-${field}-error`)).toHaveText(message);
	await expect(page.locator(`#field-${field}`)).toHaveAttribute('aria-invalid', 'true');
}

test('login with missing fields or an invalid email: German field errors, 400', async ({
	page
}) => {
	await visit(page, '/anmelden');
	await skipBrowserValidation(page);
	expect(
		await submitStatus(page, () => page.getByRole('button', { name: 'Anmelden' }).click())
	).toBe(400);
	const summary = page.getByRole('alert');
	await expect(summary).toBeFocused();
	await expect(summary).toContainText('Bitte korrigieren Sie folgende Angaben:');
	await expect(summary.getByRole('link', { name: `E-Mail-Adresse: ${REQUIRED}` })).toBeVisible();
	await expect(summary.getByRole('link', { name: `Passwort: ${REQUIRED}` })).toBeVisible();
	await expectFieldError(page, 'email', REQUIRED);
	await expectFieldError(page, 'password', REQUIRED);
	await expectAccessible(page);

	await skipBrowserValidation(page);
	expect(await submitLogin(page, 'keine-adresse', 'irgendwas')).toBe(400);
	await expectFieldError(
		page,
		'email',
		'Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.'
	);
	await expect(page.locator('#field-password-error')).toHaveCount(0);
	await expectAccessible(page);
});

test('registration refuses a long display name, a short and a common password; no account', async ({
	page
}) => {
	const cases = [
		{
			email: uniqueEmail('longname'),
			password: TEST_PASSWORD,
			displayName: 'x'.repeat(61),
			field: 'displayName',
			message: 'Höchstens 60 Zeichen.'
		},
		{
			email: uniqueEmail('short'),
			password: 'kurz12',
			field: 'password',
			message: 'Das Passwort muss mindestens 8 Zeichen lang sein.'
		},
		{
			email: uniqueEmail('common'),
			password: 'passwort1',
			field: 'password',
			message:
				'Dieses Passwort ist zu verbreitet und leicht zu erraten. Bitte wählen Sie ein anderes.'
		}
	];
	for (const c of cases) {
		await visit(page, '/registrieren');
		await skipBrowserValidation(page);
		await page.getByLabel('E-Mail-Adresse').fill(c.email);
		await page.getByLabel('Passwort', { exact: true }).fill(c.password);
		if (c.displayName) await page.getByLabel('Anzeigename').fill(c.displayName);
		const status = await submitStatus(page, () =>
			page.getByRole('button', { name: 'Konto anlegen' }).click()
		);
		expect(status, c.field).toBe(400);
		await expectFieldError(page, c.field, c.message);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Konto anlegen');
		await expectAccessible(page);
	}
	// An account, even unconfirmed, would answer "please confirm" (403) to its own password.
	await visit(page, '/anmelden');
	for (const c of cases) {
		expect(await submitLogin(page, c.email, c.password), c.email).toBe(400);
		await expect(page.getByRole('alert')).toContainText(WRONG_LOGIN);
	}
	await expectAccessible(page);
});

test('form POSTs: JSON is refused with 415, another origin with 403, over 512 KB with 413', async ({
	page,
	context
}) => {
	const json = await page.request.post('/anmelden', {
		headers: { origin: E2E_ORIGIN, 'content-type': 'application/json' },
		data: JSON.stringify({ email: DEMO_ADMIN, password: DEMO_PASSWORD })
	});
	expect(json.status()).toBe(415);
	expect(await json.text()).toBe('Dieses Formularformat wird nicht unterstützt.');

	const crossSite = await page.request.post('/anmelden', {
		headers: { ...sameOriginForm, origin: 'http://evil.example' },
		data: new URLSearchParams({ email: DEMO_ADMIN, password: DEMO_PASSWORD }).toString()
	});
	expect(crossSite.status()).toBe(403);
	expect(crossSite.headers()['set-cookie']).toBeUndefined();
	expect(await context.cookies()).toEqual([]);

	const marker = randomBytes(6).toString('hex');
	const big = await page.request.post('/barrierefreiheit', {
		headers: sameOriginForm,
		data: `message=${marker}${'x'.repeat(600 * 1024)}`
	});
	expect(big.status()).toBe(413);
	expect(await big.text()).toContain('Die gesendeten Daten sind zu groß.');

	await logIn(page, DEMO_ADMIN);
	await visit(page, '/admin/rueckmeldungen');
	await expect(page.getByRole('main')).not.toContainText(marker);
});

test('unknown addresses: 404 page with a link home, in German and in English', async ({ page }) => {
	await visit(page, '/gibt-es-nicht', 404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fehler 404');
	await expect(page.getByRole('main')).toContainText(
		'Diese Seite gibt es nicht. Vielleicht wurde sie verschoben'
	);
	await page.getByRole('link', { name: 'Zur Startseite' }).click();
	await expect(page).toHaveURL('/');
	await expectAccessible(page);

	await visit(page, '/en/does-not-exist', 404);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Error 404');
	await expect(page.getByRole('main')).toContainText('This page does not exist.');
	await page.getByRole('link', { name: 'Go to the home page' }).click();
	await expect(page).toHaveURL('/en');
	await expectAccessible(page);
});

test('a forged session cookie counts as logged out and is cleared', async ({ page, context }) => {
	await context.addCookies([
		{ name: 'mitreden_session', value: randomBytes(32).toString('base64url'), url: E2E_ORIGIN }
	]);
	expect((await context.cookies())[0]?.value).toHaveLength(43);
	await visit(page, '/konto');
	await expect(page).toHaveURL('/anmelden?weiter=%2Fkonto');
	await expect(page.getByRole('link', { name: 'Anmelden' })).toBeVisible();
	expect(await context.cookies()).toEqual([]);
});

test('an unconfirmed account cannot log in: 403 and a new link', async ({ page }) => {
	const email = uniqueEmail('unverified');
	await register(page, { email });
	await visit(page, '/anmelden');
	expect(await submitLogin(page, email, TEST_PASSWORD)).toBe(403);
	await expect(page.getByRole('alert')).toContainText(
		'Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse. Wir haben Ihnen einen neuen Bestätigungslink geschickt.'
	);
	await expectAccessible(page);

	const mails = page.locator('article').filter({ has: page.locator('.to', { hasText: email }) });
	await expect
		.poll(
			async () => {
				await page.goto('/dev/outbox');
				return mails.count();
			},
			{ message: 'the mail from the registration and the new one', timeout: 20_000 }
		)
		.toBe(2);
	await expectAccessible(page);
});

test('six wrong passwords for one account: the sixth try is refused with 429', async ({ page }) => {
	const email = uniqueEmail('guessed');
	await register(page, { email });
	await visit(page, '/anmelden');
	for (let attempt = 1; attempt <= 5; attempt++) {
		expect(await submitLogin(page, email, `falsch-${attempt}-passwort`), `try ${attempt}`).toBe(
			400
		);
		await expect(page.getByRole('alert')).toContainText(WRONG_LOGIN);
	}
	expect(await submitLogin(page, email, 'falsch-6-passwort')).toBe(429);
	const limited =
		'Zu viele Anmeldeversuche. Bitte warten Sie 15 Minuten und versuchen Sie es dann erneut.';
	await expect(page.getByRole('alert')).toContainText(limited);
	await expectAccessible(page);
	// The lock holds even for the right password.
	expect(await submitLogin(page, email, TEST_PASSWORD)).toBe(429);
	await expect(page.getByRole('alert')).toContainText(limited);
});
