import type { Page } from '@playwright/test';
import { DEMO_RECORDED_MEETING_ID } from '../src/lib/server/demo/demo-ids.ts';
import { expect, expectAccessible, logIn, submitStatus, test, visit } from './fixtures.ts';

// The demo council meeting: chapters TOP 1 at 0 s, TOP 2 at 25 s, TOP 3 at 60 s, TOP 4 at 95 s
// and TOP 5 at 130 s on a generated 3-minute recording that the worker transcodes at demo start.
const MEETING = `/sitzungen/${DEMO_RECORDED_MEETING_ID}`;
const EDITOR = `/sitzungsdienst/sitzungen/${DEMO_RECORDED_MEETING_ID}/kapitel`;
const CLERK = 'sitzungsdienst@demo.mitreden.example';
// The demo recording is generated and transcoded once per fresh e2e server: about a minute on
// two quiet cores, several while other work shares them.
const ARCHIVE_WAIT = 420_000;

/** An agenda item of the meeting page by its number ("TOP 3"). */
const agendaItem = (page: Page, number: string) =>
	page
		.locator('li.agenda-item')
		.filter({ has: page.locator('.number', { hasText: new RegExp(`^${number}$`) }) });

const currentTime = (page: Page) =>
	page.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime);

/** Opens the meeting page, reloading until the archive is online, and waits for the player. */
async function openReplay(page: Page, query = ''): Promise<void> {
	await expect
		.poll(
			async () => {
				const response = await page.goto(`${MEETING}${query}`);
				return response?.status() === 200 && (await page.locator('section.replay').count()) > 0;
			},
			{ message: 'the demo recording is online', timeout: ARCHIVE_WAIT, intervals: [3_000] }
		)
		.toBe(true);
	await expect(page.locator('section.replay')).toHaveAttribute('data-player', 'ready', {
		timeout: 30_000
	});
	await expectAccessible(page);
}

type Seeking = { archiveSeeked?: Promise<number> };

/** Seconds the video lands on after `action` seeks it (listening before the action starts). */
async function seekedAfter(page: Page, action: () => Promise<void>): Promise<number> {
	await page.locator('video').evaluate((v: HTMLVideoElement) => {
		(window as Seeking).archiveSeeked = new Promise<number>((resolve) =>
			v.addEventListener('seeked', () => resolve(v.currentTime), { once: true })
		);
	});
	await action();
	return page.evaluate(() => (window as Seeking).archiveSeeked!);
}

test.describe.configure({ mode: 'serial' });

test('a resident chooses TOP 3 and the debate plays from its start', async ({ page }) => {
	test.setTimeout(ARCHIVE_WAIT + 60_000);
	await openReplay(page);
	const top3 = agendaItem(page, 'TOP 3');
	const landed = await seekedAfter(page, () => top3.getByRole('link', { name: 'ab 1:00' }).click());
	expect(Math.abs(landed - 60)).toBeLessThanOrEqual(1);
	// Playback advances: hls.js feeds the segments through Media Source Extensions.
	await expect.poll(() => currentTime(page), { timeout: 20_000 }).toBeGreaterThan(landed + 1);
	await expect(top3).toHaveAttribute('aria-current', 'true');
	await expect(page).toHaveURL(/\?top=3$/);
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Link zu dieser Stelle teilen' }).click();
	await expect(page.getByLabel('Link zu dieser Stelle')).toHaveValue(
		new RegExp(`${MEETING}\\?top=3&t=\\d+$`)
	);
	await expectAccessible(page);
});

test('deep links open at a chapter or a second', async ({ page }) => {
	test.setTimeout(ARCHIVE_WAIT + 60_000);
	await openReplay(page, '?top=5');
	expect(Math.abs((await currentTime(page)) - 130)).toBeLessThanOrEqual(1);
	await openReplay(page, '?t=100');
	expect(Math.abs((await currentTime(page)) - 100)).toBeLessThanOrEqual(1);
	// The chapter playing at 100 s is TOP 4 (95 s to 130 s).
	await expect(agendaItem(page, 'TOP 4')).toHaveAttribute('aria-current', 'true');
	await expect(page.locator('li.agenda-item[aria-current]')).toHaveCount(1);
});

test('without script the agenda links and the playlist are still there', async ({ newContext }) => {
	test.setTimeout(ARCHIVE_WAIT + 60_000);
	const page = await (await newContext({ javaScriptEnabled: false })).newPage();
	await expect
		.poll(
			async () => {
				await page.goto(MEETING);
				return page.locator('section.replay').count();
			},
			{ timeout: ARCHIVE_WAIT, intervals: [3_000] }
		)
		.toBe(1);
	await expectAccessible(page);
	await expect(agendaItem(page, 'TOP 3').getByRole('link', { name: 'ab 1:00' })).toHaveAttribute(
		'href',
		'?top=3'
	);
	// A non-public item shows its number only, never a chapter link.
	await expect(agendaItem(page, 'N 6').getByRole('link')).toHaveCount(0);
	const playlist = page.getByRole('link', { name: 'HLS-Playlist (m3u8)', includeHidden: true });
	await expect(playlist).toHaveAttribute(
		'href',
		/^\/medien\/aufzeichnungen\/[0-9a-f-]{36}\/master\.m3u8$/
	);
	const vtt = await page.request.get(`${MEETING}/kapitel.vtt`);
	expect(vtt.headers()['content-type']).toBe('text/vtt; charset=utf-8');
	expect(await vtt.text()).toContain('00:01:00.000 --> 00:01:35.000\nTOP 3');
});

test('a clerk sets a chapter mark with the keyboard only', async ({ page }) => {
	test.setTimeout(ARCHIVE_WAIT + 90_000);
	await openReplay(page);
	await logIn(page, CLERK);
	await visit(page, EDITOR);
	await expect(page.locator('video')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });

	// A time outside the recording is refused with a message and nothing is saved.
	const items = page.locator('ol.marks > li');
	const last = (await items.count()) - 1;
	const lastField = items.nth(last).getByRole('textbox');
	await lastField.fill('9:99:99');
	expect(
		await submitStatus(page, () =>
			page.getByRole('button', { name: 'Kapitelmarken speichern' }).click()
		)
	).toBe(400);
	await expect(page.getByRole('alert')).toContainText('Bitte eine Zeit wie 1:02:03');
	await expectAccessible(page);
	await lastField.fill('');

	// Keyboard only: leave the field (Tab), select the last item (N), go to 2:40 (Shift+L),
	// mark (M), save (Tab to the button, Enter).
	await page.keyboard.press('Tab');
	for (let i = 0; i < last; i++) await page.keyboard.press('n');
	await expect(page.getByRole('status').filter({ hasText: 'ausgewählt' })).toBeVisible();
	for (let i = 0; i < 16; i++) await page.keyboard.press('Shift+L');
	await expect.poll(() => currentTime(page)).toBe(160);
	// The picture at the new point arrives (hls.js loads that segment), so the clerk sees it.
	await expect
		.poll(() => page.locator('video').evaluate((v: HTMLVideoElement) => !v.seeking))
		.toBe(true);
	await page.keyboard.press('m');
	await expect(lastField).toHaveValue(/^2:(39|40)/);
	const mark = await lastField.inputValue();
	for (let i = 0; i < 80; i++) {
		const onSave = await page.evaluate(
			() => document.activeElement?.textContent?.trim() === 'Kapitelmarken speichern'
		);
		if (onSave) break;
		await page.keyboard.press('Tab');
	}
	expect(await submitStatus(page, () => page.keyboard.press('Enter'))).toBe(200);
	await expect(
		page.getByRole('status').filter({ hasText: 'Die Kapitelmarken sind gespeichert' })
	).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'noch nicht gespeichert' })).toHaveCount(
		0
	);
	await expectAccessible(page);
	await visit(page, EDITOR);
	await expect(items.nth(last).getByRole('textbox')).toHaveValue(mark);
});
