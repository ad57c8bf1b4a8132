import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, logIn, logOut, test, visit } from './fixtures.ts';

const CLERK = 'sitzungsdienst@demo.mitreden.example';
let dir: string;
let video: string;

test.beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'mitreden-retention-e2e-'));
	video = join(dir, 'Sitzung.mp4');
	// A 4-second test picture with a tone (STYLE.md: fixtures are generated, not fetched).
	const args = ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i'];
	args.push('testsrc2=size=320x240:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=330');
	args.push('-t', '4', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p');
	args.push('-c:a', 'aac', video);
	const r = spawnSync(process.env.FFMPEG_PATH ?? 'ffmpeg', args);
	if (r.status !== 0) throw new Error(`ffmpeg: ${r.stderr?.toString()}`);
});

test.afterAll(() => {
	if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `datetime-local` value in Hennef's time, `days` before now. */
function berlinInput(daysAgo: number): string {
	const at = new Date(Date.now() - daysAgo * 86_400_000);
	const text = new Intl.DateTimeFormat('sv-SE', {
		timeZone: 'Europe/Berlin',
		dateStyle: 'short',
		timeStyle: 'short'
	}).format(at);
	return text.replace(' ', 'T').slice(0, 16);
}

/** A meeting three days ago with an uploaded, transcoded recording; returns its id. */
async function meetingWithRecording(page: Page): Promise<string> {
	await visit(page, '/sitzungsdienst/sitzungen/neu');
	await page.getByLabel('Gremium').selectOption({ label: 'Rat der Stadt Hennef' });
	await page.getByLabel('Bezeichnung').fill(`Sitzung mit Frist ${Date.now()}`);
	await page.getByLabel('Beginn').fill(berlinInput(3));
	await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
	await page.waitForURL(/\/sitzungsdienst\/sitzungen\/[0-9a-f-]{36}\?/);
	await expectAccessible(page);
	const id = /sitzungen\/([0-9a-f-]{36})/.exec(page.url())![1]!;
	await visit(page, `/sitzungsdienst/sitzungen/${id}/aufzeichnung`);
	await page.getByLabel('Videodatei').setInputFiles(video);
	await page.getByRole('button', { name: 'Hochladen', exact: true }).click();
	await expect(page.locator('#stand .state-label')).toHaveText('Zustand: Fertig', {
		timeout: 300_000
	});
	return id;
}

const retention = (page: Page) => page.locator('section[aria-labelledby="h-retention"]');

async function saveRetention(page: Page, mode: string, days = ''): Promise<void> {
	await retention(page).getByLabel('Aufbewahrung').selectOption({ label: mode });
	await retention(page).getByLabel('Tage').fill(days);
	await retention(page).getByRole('button', { name: 'Aufbewahrung speichern' }).click();
}

test('a clerk shortens a meeting’s retention; the recording goes, the page says so', async ({
	page
}) => {
	test.setTimeout(420_000);
	await logIn(page, CLERK);
	const id = await meetingWithRecording(page);

	// Online: the public page has the player; remember the archive's address.
	await visit(page, `/sitzungen/${id}`);
	await expect(page.locator('section.replay')).toBeVisible();
	const master = /\/medien\/aufzeichnungen\/[0-9a-f-]{36}\/master\.m3u8/.exec(await page.content());
	expect(master).not.toBeNull();
	expect((await page.request.get(master![0])).status()).toBe(200);

	await visit(page, `/sitzungsdienst/sitzungen/${id}`);
	// Hostile inputs: each refused with a German message beside the field, nothing saved.
	for (const days of ['abc', '-1', '0', '1e9']) {
		await saveRetention(page, 'Eine Anzahl von Tagen', days);
		await expect(retention(page).locator('#field-retentionDays-error')).toHaveText(
			'Bitte eine ganze Zahl von 1 bis 36500 Tagen eingeben.'
		);
	}
	await expectAccessible(page);
	await saveRetention(page, 'Bis zum Ende der Wahlperiode');
	await expect(retention(page).locator('#field-retentionMode-error')).toContainText(
		'keiner Wahlperiode mit Enddatum'
	);
	await expectAccessible(page);

	// Keyboard only: choose days, type 1, submit with Enter.
	await retention(page).getByLabel('Aufbewahrung').focus();
	await retention(page).getByLabel('Aufbewahrung').selectOption({ label: 'Eine Anzahl von Tagen' });
	await page.keyboard.press('Tab');
	await expect(retention(page).getByLabel('Tage')).toBeFocused();
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.type('1');
	await page.keyboard.press('Enter');
	await expect(page.getByText('Die Aufbewahrungsfrist wurde gespeichert.')).toBeVisible();
	await expectAccessible(page);

	// The sweep runs at once after the change: the recording expired two days ago.
	await logOut(page);
	await expect
		.poll(
			async () => {
				await page.goto(`/sitzungen/${id}`);
				return page.getByText(/Die Aufbewahrungsfrist endete am/).count();
			},
			{ timeout: 60_000, intervals: [1_000] }
		)
		.toBe(1);
	await expect(page.getByRole('status').filter({ hasText: 'Aufbewahrungsfrist' })).toHaveText(
		/^Die Aufzeichnung ist nicht mehr verfügbar: Die Aufbewahrungsfrist endete am \d{1,2}\. \p{L}+ \d{4}\.$/u
	);
	await expect(page.locator('section.replay')).toHaveCount(0);
	// Agenda and facts stay; the archive answers 410 Gone.
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Sitzung mit Frist');
	await expectAccessible(page);
	expect((await page.request.get(master![0])).status()).toBe(410);

	// The clerk sees it among the recently removed recordings.
	await logIn(page, CLERK);
	await visit(page, '/sitzungsdienst/aufbewahrung');
	await expect(
		page
			.locator('section[aria-labelledby="h-rt-expired"]')
			.getByRole('link', { name: /Sitzung mit Frist/ })
	).toBeVisible();
	await expectAccessible(page);
});
