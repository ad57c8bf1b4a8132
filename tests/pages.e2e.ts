import type { Page } from '@playwright/test';
import { DEMO_RECORDED_MEETING_ID } from '../src/lib/server/demo/demo-ids.ts';
import { DEMO_PASSWORD, DEMO_RESIDENT, expect, expectAccessible, test, visit } from './fixtures.ts';

const DEMO_RECORDED_NAME = '5. Sitzung des Rates der Stadt Hennef';

test('the start page lists current consultations, the next meetings and recorded ones', async ({
	page
}) => {
	await visit(page, '/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mitreden in Hennef');
	const consultations = page.getByRole('region', { name: 'Aktuelle Beteiligungsverfahren' });
	await expect(consultations.getByRole('link', { name: 'Masterplan Mobilität' })).toBeVisible();
	await expect(
		consultations.getByRole('link', { name: 'Marktplatz Stadt Blankenberg' })
	).toBeVisible();
	// The demo's next meetings link to their public pages (the nearest comes first).
	const upcoming = page.getByRole('region', { name: 'Nächste Ratssitzungen' });
	await expect(upcoming.getByRole('listitem').first()).toContainText(
		'4. Sitzung des Ausschusses für Stadtentwicklung und Verkehr'
	);
	await upcoming.getByRole('link').first().click();
	await expect(page).toHaveURL(/\/sitzungen\/[0-9a-f-]{36}$/);
	await expectAccessible(page);
	// The demo council meeting is listed as recorded once the worker has put its archive online
	// (generated and transcoded at demo start, so this may take a few minutes).
	const recorded = page.getByRole('region', { name: 'Aufgezeichnete Sitzungen' });
	await expect
		.poll(
			async () => {
				await page.goto('/');
				return recorded.getByRole('link', { name: DEMO_RECORDED_NAME }).count();
			},
			{ message: 'the demo recording is online', timeout: 420_000, intervals: [3_000] }
		)
		.toBe(1);
	await expectAccessible(page);
	// Other tests' meetings may be recorded too (live streams end as archives); the demo's once.
	await expect(recorded.getByRole('link', { name: DEMO_RECORDED_NAME })).toHaveCount(1);
	await recorded.getByRole('link', { name: DEMO_RECORDED_NAME }).click();
	await expect(page).toHaveURL(`/sitzungen/${DEMO_RECORDED_MEETING_ID}`);
	await expectAccessible(page);
});

test('language switch: English under /en and back to German', async ({ page }) => {
	await visit(page, '/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await page.getByRole('link', { name: 'Switch to English' }).click();
	await expect(page).toHaveURL('/en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Have your say in Hennef');
	await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Log in' }).click();
	await expect(page).toHaveURL('/en/anmelden');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');
	await expectAccessible(page);
	// The switch keeps the page: the login form, now in German.
	await page.getByRole('link', { name: 'Auf Deutsch wechseln' }).click();
	await expect(page).toHaveURL('/anmelden');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmelden');
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expectAccessible(page);
});

test('footer pages: imprint, privacy and accessibility statement, each with one h1', async ({
	page
}) => {
	// [link, heading] in German, then in English
	const pages: [string, string, string, string][] = [
		['Impressum', 'Impressum', 'Legal notice', 'Legal notice'],
		['Datenschutz', 'Datenschutzerklärung', 'Privacy', 'Privacy notice'],
		[
			'Barrierefreiheit',
			'Erklärung zur Barrierefreiheit',
			'Accessibility',
			'Accessibility statement'
		]
	];
	const footer = page.getByRole('navigation', { name: 'Rechtliches und Barrierefreiheit' });
	for (const [link, title] of pages) {
		await visit(page, '/');
		await footer.getByRole('link', { name: link, exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
		await expect(page.locator('h1')).toHaveCount(1);
		await expect(page).toHaveTitle(`${title} – Mitreden`);
		await expectAccessible(page);
	}
	const footerEn = page.getByRole('navigation', { name: 'Legal and accessibility' });
	for (const [, , link, title] of pages) {
		await visit(page, '/en');
		await footerEn.getByRole('link', { name: link, exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
		await expect(page.locator('h1')).toHaveCount(1);
		await expectAccessible(page);
	}
});

test('at 320 px width nothing scrolls sideways', async ({ page }) => {
	await page.setViewportSize({ width: 320, height: 640 });
	for (const path of [
		'/',
		'/anmelden',
		'/registrieren',
		'/barrierefreiheit',
		'/datenschutz',
		'/en'
	]) {
		await visit(page, path);
		const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
		expect(width, `scroll width of ${path}`).toBeLessThanOrEqual(320);
	}
});

/** What has keyboard focus now, and whether it shows a focus outline. */
function focused(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		return {
			text: el?.textContent?.trim() ?? '',
			tag: el?.tagName.toLowerCase(),
			id: el?.id,
			outline: el ? getComputedStyle(el).outlineStyle : 'none'
		};
	});
}

test('keyboard only: skip link first, then "Anmelden", log in with Enter', async ({ page }) => {
	await visit(page, '/');
	await page.keyboard.press('Tab');
	expect(await focused(page)).toEqual({
		text: 'Zum Inhalt springen',
		tag: 'a',
		id: '',
		outline: 'solid'
	});

	const order: string[] = [];
	for (let i = 0; i < 10; i++) {
		await page.keyboard.press('Tab');
		const now = await focused(page);
		expect(now.outline, `focus outline on "${now.text}"`).not.toBe('none');
		order.push(now.text);
		if (now.text === 'Anmelden') break;
	}
	expect(order.at(-1), `focus order: ${order.join(' → ')}`).toBe('Anmelden');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL('/anmelden');
	await expectAccessible(page);

	// The skip link leads past the header straight into the form.
	await page.keyboard.press('Tab');
	expect((await focused(page)).text).toBe('Zum Inhalt springen');
	await page.keyboard.press('Enter');
	await page.keyboard.press('Tab');
	expect(await focused(page)).toMatchObject({ id: 'field-email', outline: 'solid' });
	await page.keyboard.type(DEMO_RESIDENT);
	await page.keyboard.press('Tab');
	expect(await focused(page)).toMatchObject({ id: 'field-password', outline: 'solid' });
	await page.keyboard.type(DEMO_PASSWORD);
	await page.keyboard.press('Enter');

	await expect(page).toHaveURL('/');
	await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
	await expectAccessible(page);
});
