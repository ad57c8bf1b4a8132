import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, submitStatus, visit } from './fixtures.ts';

// Shared by the live console and live page tests: a meeting of their own with a public, a
// non-public and another public agenda item, made through the clerk pages.

export const CLERK = 'sitzungsdienst@demo.mitreden.example';

export interface LiveMeeting {
	id: string;
	titles: [string, string, string];
}

async function addItem(page: Page, number: string, title: string, nonPublic: boolean) {
	await page.locator('#field-number').fill(number);
	await page.locator('#field-title').fill(title);
	// The form keeps the box as it was after the previous item.
	await page.locator('#field-nonPublic').setChecked(nonPublic);
	const status = await submitStatus(page, () =>
		page.getByRole('button', { name: 'Punkt hinzufügen' }).click()
	);
	expect(status).toBe(200);
	await expect(page.locator('.agenda-editor')).toContainText(title);
}

/** Creates the meeting (the page must be logged in as a clerk) and stays on its clerk page. */
export async function createLiveMeeting(page: Page): Promise<LiveMeeting> {
	const tag = randomBytes(3).toString('hex');
	await visit(page, '/sitzungsdienst/sitzungen/neu');
	await page.getByLabel('Gremium').selectOption({ label: 'Rat der Stadt Hennef' });
	await page.getByLabel('Bezeichnung').fill(`Live-Sitzung ${tag}`);
	await page.getByLabel('Beginn', { exact: true }).fill('2026-12-10T18:00');
	await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
	await expect(page).toHaveURL(/\/sitzungsdienst\/sitzungen\/[0-9a-f-]{36}\?erledigt=created$/);
	const id = /sitzungen\/([0-9a-f-]{36})/.exec(page.url())![1]!;
	const titles: [string, string, string] = [
		`Eröffnung ${tag}`,
		`Grundstück Geheimweg ${tag}`,
		`Radverkehr ${tag}`
	];
	await addItem(page, 'TOP 1', titles[0], false);
	await addItem(page, 'N 2', titles[1], true);
	await addItem(page, 'TOP 3', titles[2], false);
	await expectAccessible(page);
	return { id, titles };
}

/** From the meeting's clerk page to its console, through the link. */
export async function openConsole(page: Page, meetingId: string): Promise<void> {
	await page.getByRole('link', { name: 'Live-Pult' }).click();
	await expect(page).toHaveURL(new RegExp(`/sitzungsdienst/sitzungen/${meetingId}/live$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Live-Pult');
	await expectAccessible(page);
}

/**
 * A console shortcut with the focus on the page, not in a field. Playwright's keyboard knows
 * the US layout only, so Ö (German layout) is sent as the keydown event a German keyboard makes.
 */
export async function pressShortcut(page: Page, key: string): Promise<void> {
	await page.locator('h1').click();
	if (/^[\x20-\x7e]$/.test(key)) return page.keyboard.press(key);
	await page.evaluate((k) => {
		document.body.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
	}, key);
}
