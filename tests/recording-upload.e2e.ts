import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, logIn, submitStatus, test, visit } from './fixtures.ts';

const CLERK = 'sitzungsdienst@demo.mitreden.example';
let dir: string;

/** Test recordings made by ffmpeg's own sources (STYLE.md: fixtures are generated, not fetched). */
function generate(name: string, seconds: number, size: string, extra: string[] = []): string {
	const out = join(dir, name);
	const args = ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i'];
	args.push(`testsrc2=size=${size}:rate=25`, '-f', 'lavfi', '-i', 'sine=frequency=330');
	args.push(
		'-t',
		String(seconds),
		'-c:v',
		'libx264',
		'-preset',
		'ultrafast',
		'-pix_fmt',
		'yuv420p'
	);
	args.push(...extra, '-c:a', 'aac', out);
	const r = spawnSync(process.env.FFMPEG_PATH ?? 'ffmpeg', args);
	if (r.status !== 0) throw new Error(`ffmpeg: ${r.stderr?.toString()}`);
	return out;
}

let meetingVideo: string;
let longVideo: string;

test.beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'mitreden-upload-e2e-'));
	// Lossless noise makes a 6-second clip about 21 MB: three chunks, so progress is visible.
	meetingVideo = generate('Ratssitzung.mp4', 6, '320x240', [
		'-vf',
		'noise=alls=60:allf=t',
		'-qp',
		'0'
	]);
	expect(statSync(meetingVideo).size).toBeGreaterThan(9 * 1024 * 1024);
	// Long enough at 720p that its transcode is still queued or running when it is cancelled.
	longVideo = generate('Ausschuss.mkv', 60, '1280x720');
	writeFileSync(join(dir, 'protokoll.mp4'), 'Niederschrift der Sitzung\n'.repeat(200));
	writeFileSync(join(dir, 'sitzung.avi'), 'RIFF');
});

test.afterAll(() => {
	if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A meeting of its own for this test run, made through the clerk pages. */
async function createMeeting(page: Page): Promise<string> {
	const { default: pg } = await import('pg');
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await client.connect();
	try {
		const body = await client.query(`insert into bodies (name) values ('Rat') returning id`);
		const meeting = await client.query(
			`insert into meetings (body_id, name, starts_at) values ($1, 'Sitzung des Rates', now()) returning id`,
			[body.rows[0].id]
		);
		void page;
		return meeting.rows[0].id as string;
	} finally {
		await client.end();
	}
}

async function chooseAndUpload(page: Page, file: string, replace = false): Promise<void> {
	await page.getByLabel('Videodatei').setInputFiles(file);
	if (replace) await page.getByLabel('Ja, die bisherige Aufzeichnung').check();
	await page.getByRole('button', { name: 'Hochladen', exact: true }).click();
}

const stateLine = (page: Page) => page.locator('#stand .state-label');

test('a clerk uploads a recording, follows the job, cancels and retries a second one', async ({
	page
}) => {
	test.setTimeout(300_000);
	const meetingId = await createMeeting(page);
	const address = `/sitzungsdienst/sitzungen/${meetingId}/aufzeichnung`;
	await logIn(page, CLERK);
	await visit(page, address);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Aufzeichnung');
	await expect(stateLine(page)).toHaveText('Zustand: Keine Aufzeichnung');

	// A file that is not a video, named .mp4: refused after the upload, in German, nothing queued.
	await chooseAndUpload(page, join(dir, 'protokoll.mp4'));
	await expect(
		page.getByRole('alert').filter({ hasText: 'Die Datei wurde abgelehnt' })
	).toContainText('keine lesbare Audio- oder Videodatei');
	await expectAccessible(page);
	await expect(stateLine(page)).toHaveText('Zustand: Keine Aufzeichnung');

	// A wrong extension is refused before any byte is sent.
	await chooseAndUpload(page, join(dir, 'sitzung.avi'));
	await expect(page.locator('.error-summary')).toContainText('Nur MP4-, MOV- und MKV-Dateien');
	await expectAccessible(page);

	// The real recording: progress while it uploads, then the job's state.
	await chooseAndUpload(page, meetingVideo);
	await expect(page.locator('#upload-progress')).toBeVisible();
	await expect(page.getByText(/von 2\d,\d MB/)).toBeVisible();
	await expect(
		page.getByText('Upload abgeschlossen. Die Umwandlung ist in Warteschlange.')
	).toBeVisible({ timeout: 60_000 });
	await expect(stateLine(page)).toHaveText(/Zustand: (In Warteschlange|Wird umgewandelt|Fertig)/);
	await expectAccessible(page);

	// Replacing it needs a ticked box; then cancel the long recording's job with confirmation.
	await chooseAndUpload(page, longVideo);
	await expect(page.locator('.error-summary')).toContainText('ersetzt wird');
	await chooseAndUpload(page, longVideo, true);
	await expect(page.getByText('Upload abgeschlossen')).toBeVisible({ timeout: 60_000 });
	await expect(page.getByText(/Quelldatei: Ausschuss\.mkv/)).toBeVisible();
	await expectAccessible(page);
	const cancel = page.getByRole('button', { name: 'Umwandlung abbrechen' });
	await page.getByLabel('Ja, die laufende Umwandlung abbrechen').check();
	expect(await submitStatus(page, () => cancel.click())).toBe(200);
	await expect(stateLine(page)).toHaveText('Zustand: Abgebrochen');
	await expectAccessible(page);

	expect(
		await submitStatus(page, () => page.getByRole('button', { name: 'Erneut versuchen' }).click())
	).toBe(200);
	await expect(stateLine(page)).toHaveText(/Zustand: (In Warteschlange|Wird umgewandelt)/);
	await expectAccessible(page);
});
