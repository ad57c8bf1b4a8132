import type { Page } from '@playwright/test';
import { CLERK, createLiveMeeting, openConsole, pressShortcut } from './live.ts';
import { E2E_CONSOLE_TIMEOUT_SECONDS } from './constants.ts';
import {
	expect,
	expectAccessible,
	logIn,
	logInWithoutScript,
	skipBrowserValidation,
	submitStatus,
	test
} from './fixtures.ts';

// The clerk's live console (issue #6): everything by keyboard, every refusal worded. Without a
// real encoder the health panel stays empty; the lead's end-to-end test pushes real ffmpeg.

const state = (page: Page) => page.locator('.state-panel .state');
const notice = (page: Page, text: string) => page.locator('.notice').filter({ hasText: text });
const refusal = (page: Page, text: string) =>
	page.locator('.error-summary').filter({ hasText: text });

/** Presses a shortcut and returns the status of the action it submitted. */
async function shortcut(page: Page, key: string): Promise<number> {
	return submitStatus(page, () => pressShortcut(page, key));
}

test('a clerk runs a meeting from the console by keyboard', async ({ page, context }) => {
	test.setTimeout(180_000);
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await logIn(page, CLERK);
	const meeting = await createLiveMeeting(page);
	await openConsole(page, meeting.id);

	// Encoder access: address and key in read-only fields, each with a copy button.
	const key = await page.getByLabel('Streamschlüssel').inputValue();
	expect(key).toMatch(/^[a-z2-7]{32}$/);
	expect(await page.getByLabel('Server-Adresse').inputValue()).toMatch(/^rtmps?:\/\/.+\/live$/);
	await page.getByRole('button', { name: 'Streamschlüssel kopieren' }).click();
	await expect(page.locator('.visually-hidden[role="status"]')).toHaveText(
		'Streamschlüssel wurde in die Zwischenablage kopiert.'
	);
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
	await expect(page.getByRole('button', { name: 'Server-Adresse kopieren' })).toBeVisible();
	await expect(page.getByRole('term').filter({ hasText: 'N' }).first()).toBeVisible();

	// Before the start an agenda shortcut is refused with a reason.
	expect(await shortcut(page, 'n')).toBe(409);
	await expect(refusal(page, 'Die Sitzung hat noch nicht begonnen.')).toBeVisible();
	await expectAccessible(page);

	const started = await submitStatus(page, () =>
		page.getByRole('button', { name: 'Sitzung beginnen' }).click()
	);
	expect(started).toBe(200);
	await expect(notice(page, 'Die Sitzung hat begonnen.')).toBeVisible();
	await expect(state(page)).toHaveText('ÖFFENTLICH – wird übertragen');
	await expectAccessible(page);

	expect(await shortcut(page, 'n')).toBe(200);
	await expect(notice(page, 'TOP 1 aufgerufen.')).toBeVisible();
	await expect(page.locator('.state-panel .current')).toContainText(meeting.titles[0]);
	await expect(page.locator('.items li.current')).toContainText('Marke bei 0:0');

	// The non-public item switches the stream off; it cannot be switched on while that item runs.
	expect(await shortcut(page, '2')).toBe(200);
	await expect(state(page)).toHaveText('NICHTÖFFENTLICH – nichts wird übertragen oder gespeichert');
	await expectAccessible(page);
	expect(await shortcut(page, 'o')).toBe(409);
	await expect(refusal(page, 'Der aktuelle Tagesordnungspunkt ist nichtöffentlich.')).toBeVisible();
	expect(await shortcut(page, '3')).toBe(200);
	await expect(state(page)).toHaveText('ÖFFENTLICH – wird übertragen');

	// Non-public by hand (Ö), and back (O).
	expect(await shortcut(page, 'Ö')).toBe(200);
	await expect(notice(page, 'Der nichtöffentliche Teil hat begonnen.')).toBeVisible();
	await expect(state(page)).toHaveText(/^NICHTÖFFENTLICH/);
	expect(await shortcut(page, 'o')).toBe(200);
	await expect(state(page)).toHaveText(/^ÖFFENTLICH/);

	// A speaker without consent: start and stop.
	expect(await shortcut(page, 'e')).toBe(200);
	await expect(page.locator('.consent-state')).toContainText('REDNER OHNE EINWILLIGUNG');
	await expectAccessible(page);
	expect(await shortcut(page, 'E')).toBe(200);
	await expect(page.locator('.consent-state')).toHaveText('Keine Rede ohne Einwilligung');

	expect(await shortcut(page, 'n')).toBe(409);
	await expect(refusal(page, 'Es gibt keinen weiteren Tagesordnungspunkt.')).toBeVisible();

	// Corrections: hostile times are refused at the field, a good one is stored.
	const ranges = page.locator('.ranges li');
	await expect(ranges).toHaveCount(3);
	const consent = ranges.filter({ hasText: 'Ohne Einwilligung' });
	const start = consent.getByLabel(/^Beginn/);
	const original = await start.inputValue();
	await start.fill('25:00:00');
	const refused = await submitStatus(page, () =>
		consent.getByRole('button', { name: /^Zeiten speichern/ }).click()
	);
	expect(refused).toBe(400);
	await expect(consent.locator('.error')).toHaveText(
		'Bitte eine Uhrzeit im Format HH:MM:SS angeben, z. B. 18:42:05.'
	);
	await expect(page.locator('.error-summary a')).toHaveCount(1);
	await expectAccessible(page);
	await start.fill(original);
	const end = consent.getByLabel(/^Ende/);
	await end.fill('00:00:01');
	expect(
		await submitStatus(page, () =>
			consent.getByRole('button', { name: /^Zeiten speichern/ }).click()
		)
	).toBe(400);
	await end.fill(original);
	expect(
		await submitStatus(page, () =>
			consent.getByRole('button', { name: /^Zeiten speichern/ }).click()
		)
	).toBe(400);
	await expect(consent.locator('.error')).toHaveText('Das Ende muss nach dem Beginn liegen.');

	// A new key and the end need a second step; without it the server refuses too.
	await skipBrowserValidation(page);
	expect(
		await submitStatus(page, () => page.getByRole('button', { name: 'Neuer Schlüssel' }).click())
	).toBe(400);
	await expect(refusal(page, 'Bitte bestätigen Sie diesen Schritt mit dem Häkchen.')).toBeVisible();
	await page.getByLabel(/^Ja, einen neuen Schlüssel erzeugen/).check();
	expect(
		await submitStatus(page, () => page.getByRole('button', { name: 'Neuer Schlüssel' }).click())
	).toBe(200);
	await expect(notice(page, 'Ein neuer Streamschlüssel wurde erzeugt.')).toBeVisible();
	await expect(page.getByLabel('Streamschlüssel')).not.toHaveValue(key);
	await expectAccessible(page);

	await skipBrowserValidation(page);
	expect(
		await submitStatus(page, () => page.getByRole('button', { name: 'Sitzung beenden' }).click())
	).toBe(400);
	await page.getByLabel(/^Ja, die Sitzung beenden/).check();
	expect(
		await submitStatus(page, () => page.getByRole('button', { name: 'Sitzung beenden' }).click())
	).toBe(200);
	await expect(notice(page, 'Die Sitzung ist beendet.')).toBeVisible();
	await expect(state(page)).toHaveText('Die Sitzung ist beendet.');
	await expect(page.getByRole('button', { name: /aufrufen$/ })).toHaveCount(0);
	await expectAccessible(page);
});

test('a console without JavaScript: stale clicks are refused, a silent console makes the state unknown', async ({
	page,
	newContext
}) => {
	// The console must stay silent longer than LIVE_CONSOLE_TIMEOUT_SECONDS (set by the e2e server).
	test.setTimeout(120_000);
	await logIn(page, CLERK);
	const meeting = await createLiveMeeting(page);
	await openConsole(page, meeting.id);

	const plain = await (await newContext({ javaScriptEnabled: false })).newPage();
	await logInWithoutScript(plain, CLERK);
	const consolePath = `/sitzungsdienst/sitzungen/${meeting.id}/live`;
	await plain.goto(consolePath);
	await expect(plain.locator('noscript')).toHaveCount(1);
	await expectAccessible(plain);

	// The scripted console starts; the page without script still offers "start".
	await page.getByRole('button', { name: 'Sitzung beginnen' }).click();
	await expect(state(page)).toHaveText(/^ÖFFENTLICH/);
	expect(
		await submitStatus(plain, () => plain.getByRole('button', { name: 'Sitzung beginnen' }).click())
	).toBe(409);
	await expect(refusal(plain, 'Die Übertragung läuft bereits.')).toBeVisible();
	await expectAccessible(plain);

	// The scripted console goes away; nothing asks for the state any more.
	await page.close();
	await plain.waitForTimeout((E2E_CONSOLE_TIMEOUT_SECONDS + 2) * 1000);
	await plain.goto(consolePath);
	await expect(state(plain)).toHaveText('ZUSTAND UNBEKANNT – gilt als nichtöffentlich');
	await expectAccessible(plain);
	// A second console tab, opened while the state is unknown.
	const stale = await plain.context().newPage();
	await stale.goto(consolePath);
	await expect(state(stale)).toHaveText(/^ZUSTAND UNBEKANNT/);
	await expectAccessible(stale);

	expect(
		await submitStatus(plain, () =>
			plain.getByRole('button', { name: 'Status bestätigen' }).click()
		)
	).toBe(200);
	await expect(notice(plain, 'Der Zustand ist bestätigt.')).toBeVisible();
	await expect(state(plain)).toHaveText(/^ÖFFENTLICH/);
	await expectAccessible(plain);
	expect(
		await submitStatus(stale, () =>
			stale.getByRole('button', { name: 'Status bestätigen' }).click()
		)
	).toBe(409);
	await expect(refusal(stale, 'Der Zustand ist bereits bestätigt.')).toBeVisible();
	await expectAccessible(stale);

	// Ending twice: the second tab still offers it and is refused.
	await plain.getByLabel(/^Ja, die Sitzung beenden/).check();
	expect(
		await submitStatus(plain, () => plain.getByRole('button', { name: 'Sitzung beenden' }).click())
	).toBe(200);
	await expect(notice(plain, 'Die Sitzung ist beendet.')).toBeVisible();
	await expectAccessible(plain);
	await stale.getByLabel(/^Ja, die Sitzung beenden/).check();
	expect(
		await submitStatus(stale, () => stale.getByRole('button', { name: 'Sitzung beenden' }).click())
	).toBe(409);
	await expect(refusal(stale, 'Die Sitzung ist bereits beendet.')).toBeVisible();
	await expectAccessible(stale);
});
