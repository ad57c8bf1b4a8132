import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO_RECORDED_MEETING_ID } from '../src/lib/server/demo/demo-ids.ts';
import {
	DEMO_RESIDENT,
	E2E_ORIGIN,
	expect,
	expectAccessible,
	logIn,
	logInWithoutScript,
	logOut,
	submitStatus,
	test,
	visit
} from './fixtures.ts';

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

/**
 * A meeting of its own for this test, made through the clerk pages (the page must be logged in
 * as a clerk); reaches the recording page through the meeting's link.
 */
async function createMeeting(page: Page): Promise<string> {
	await visit(page, '/sitzungsdienst/sitzungen/neu');
	await page.getByLabel('Gremium').selectOption({ label: 'Rat der Stadt Hennef' });
	await page.getByLabel('Bezeichnung').fill(`Sitzung mit Aufzeichnung ${Date.now()}`);
	await page.getByLabel('Beginn').fill('2026-11-12T17:00');
	await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
	await page.waitForURL(/\/sitzungsdienst\/sitzungen\/[0-9a-f-]{36}\?/);
	await expectAccessible(page);
	const id = /sitzungen\/([0-9a-f-]{36})/.exec(page.url())![1]!;
	await page.getByRole('link', { name: 'Aufzeichnung', exact: true }).click();
	await page.waitForURL(`**/sitzungsdienst/sitzungen/${id}/aufzeichnung`);
	await expectAccessible(page);
	return id;
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
	test.setTimeout(480_000);
	await logIn(page, CLERK);
	await createMeeting(page);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Aufzeichnung');
	await expect(page.getByText('12.11.2026, 17:00')).toBeVisible();
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
	// The worker transcodes it (after the demo recording queued at start); the page follows.
	await expect(stateLine(page)).toHaveText('Zustand: Fertig', { timeout: 240_000 });
	await expect(page.getByText('Dauer: 0:06')).toBeVisible();
	await expect(page.getByText(/Qualitätsstufen: .*240/)).toBeVisible();
	await expect(
		page.getByRole('link', { name: 'Öffentliche Seite der Sitzung ansehen' })
	).toBeVisible();
	await expectAccessible(page);

	// Captions: a file that is not WebVTT is refused; a real one is stored, then removed.
	await page.getByLabel('Untertiteldatei').setInputFiles({
		name: 'untertitel.vtt',
		mimeType: 'text/vtt',
		buffer: Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nSRT, kein WebVTT\n')
	});
	await page.getByRole('button', { name: 'Untertitel hochladen' }).click();
	await expect(page.locator('#untertitel .error-summary')).toContainText('beginnt nicht mit');
	await expectAccessible(page);
	await page.getByLabel('Untertiteldatei').setInputFiles({
		name: 'untertitel.vtt',
		mimeType: 'text/vtt',
		buffer: Buffer.from('WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nIch eröffne die Sitzung.\n')
	});
	await page.getByRole('button', { name: 'Untertitel hochladen' }).click();
	await expect(page.getByText('Die Untertitel sind gespeichert.')).toBeVisible();
	await expect(page.getByText('Für diese Aufzeichnung sind Untertitel hinterlegt.')).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel('Ja, die Untertitel entfernen').check();
	await page.getByRole('button', { name: 'Untertitel entfernen' }).click();
	await expect(page.getByText('Die Untertitel wurden entfernt.')).toBeVisible();
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

test('an upload continues by itself after a dropped connection and after a page reload', async ({
	page
}) => {
	test.setTimeout(180_000);
	await logIn(page, CLERK);
	await createMeeting(page);

	// The network drops the second chunk once: the page asks the server's offset and goes on.
	const seen: string[] = [];
	let patches = 0;
	await page.route(/\/aufzeichnung\/upload\//, async (route) => {
		const method = route.request().method();
		seen.push(method);
		if (method === 'PATCH' && ++patches === 2) return route.abort('connectionreset');
		return route.continue();
	});
	await chooseAndUpload(page, meetingVideo);
	await expect(page.getByText('Upload abgeschlossen')).toBeVisible({ timeout: 60_000 });
	expect(seen.slice(0, 3)).toEqual(['PATCH', 'PATCH', 'HEAD']);
	await expectAccessible(page);
	await page.unroute(/\/aufzeichnung\/upload\//);

	// Every chunk after the first is lost; the clerk reloads and picks the same file again.
	let first = true;
	await page.route(/\/aufzeichnung\/upload\//, async (route) => {
		if (route.request().method() !== 'PATCH' || first) {
			if (route.request().method() === 'PATCH') first = false;
			return route.continue();
		}
		return route.abort('connectionreset');
	});
	await chooseAndUpload(page, meetingVideo, true);
	// Chunks pass through Playwright's interception, slowly on a busy machine.
	await expect(page.getByText(/Verbindung unterbrochen/)).toBeVisible({ timeout: 60_000 });
	await page.unroute(/\/aufzeichnung\/upload\//);
	await page.reload();
	await expectAccessible(page);
	const open = page.locator('.open-uploads li');
	await expect(open).toHaveCount(1);
	await expect(open).toContainText(/Ratssitzung\.mp4: 8 MB von 21,2 MB übertragen/);
	// The server answers the new start with the interrupted upload (200, not 201) at its offset;
	// the notice saying so may already be replaced by the result on a fast machine.
	const created = page.waitForResponse(
		(r) => r.request().method() === 'POST' && r.url().endsWith('/aufzeichnung/upload')
	);
	await chooseAndUpload(page, meetingVideo, true);
	const answer = await created;
	expect(answer.status()).toBe(200);
	expect(await answer.json()).toMatchObject({ resumed: true, offset: 8 * 1024 * 1024 });
	await expect(page.getByText('Upload abgeschlossen')).toBeVisible({ timeout: 60_000 });
	await expect(page.locator('.open-uploads li')).toHaveCount(0);
	await expectAccessible(page);
});

test('the upload endpoints check role, origin, offset and size', async ({ page }) => {
	await logIn(page, CLERK);
	const meetingId = await createMeeting(page);
	const base = `/sitzungsdienst/sitzungen/${meetingId}/aufzeichnung`;
	await logOut(page);
	expect((await page.request.get(`${base}/status`)).status()).toBe(401);
	await logIn(page, DEMO_RESIDENT);
	await visit(page, base, 403);
	expect((await page.request.get(`${base}/status`)).status()).toBe(403);
	await logOut(page);

	await logIn(page, CLERK);
	await visit(page, '/sitzungsdienst/sitzungen/keine-uuid/aufzeichnung', 404);
	await visit(
		page,
		'/sitzungsdienst/sitzungen/00000000-0000-4000-8000-000000000000/aufzeichnung',
		404
	);
	const create = (form: Record<string, string>) =>
		page.request.post(`${base}/upload`, { headers: { origin: E2E_ORIGIN }, form });
	const empty = await create({ name: 'leer.mp4', size: '0' });
	expect(empty.status()).toBe(400);
	expect(JSON.stringify(await empty.json())).toContain('Die Datei ist leer (0 Byte).');
	const huge = await create({ name: 'riesig.mp4', size: String(1024 ** 4) });
	expect(JSON.stringify(await huge.json())).toContain('Die Datei ist zu groß');

	const started = await create({ name: 'teil.mp4', size: String(10 * 1024 * 1024) });
	expect(started.status()).toBe(201);
	const { id } = (await started.json()) as { id: string };
	const chunkUrl = `${base}/upload/${id}`;
	const chunk = (offset: number, bytes: number, origin: string | null = E2E_ORIGIN) =>
		page.request.patch(chunkUrl, {
			headers: {
				'content-type': 'application/offset+octet-stream',
				'upload-offset': String(offset),
				...(origin ? { origin } : {})
			},
			data: Buffer.alloc(bytes, 1)
		});
	expect((await chunk(0, 1000, null)).status()).toBe(403);
	expect((await chunk(0, 1000, 'http://evil.example')).status()).toBe(403);
	const ok = await chunk(0, 1000);
	expect(ok.status()).toBe(204);
	expect(ok.headers()['upload-offset']).toBe('1000');
	const wrong = await chunk(0, 1000);
	expect(wrong.status()).toBe(409);
	expect(wrong.headers()['upload-offset']).toBe('1000');
	expect((await chunk(1000, 8 * 1024 * 1024 + 1)).status()).toBe(413);
	const head = await page.request.head(chunkUrl);
	expect(head.headers()['upload-offset']).toBe('1000');
	// Outside the chunk route, bodies beyond 512 KiB stay refused whatever the method.
	const big = await page.request.patch(`${base}/status`, {
		headers: { origin: E2E_ORIGIN, 'content-type': 'application/offset+octet-stream' },
		data: Buffer.alloc(600 * 1024)
	});
	expect(big.status()).toBe(413);
	expect((await page.request.delete(chunkUrl, { headers: { origin: E2E_ORIGIN } })).status()).toBe(
		204
	);
	expect((await page.request.head(chunkUrl)).status()).toBe(404);
});

test('without script the page says that uploading needs it and still shows the state', async ({
	newContext
}) => {
	const context = await newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await logInWithoutScript(page, CLERK);
	const response = await page.goto(
		`/sitzungsdienst/sitzungen/${DEMO_RECORDED_MEETING_ID}/aufzeichnung`
	);
	expect(response?.status()).toBe(200);
	await expect(
		page.getByText('Zum Hochladen großer Videodateien wird JavaScript benötigt.')
	).toBeVisible();
	await expect(page.getByLabel('Videodatei')).toHaveCount(0);
	await expect(stateLine(page)).toHaveText(/Zustand: (In Warteschlange|Wird umgewandelt|Fertig)/);
	await expectAccessible(page);
});
