import { spawn, type ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { requireFfmpeg } from '../src/lib/server/media/ffmpeg-lookup.ts';
import { testEncoderArgs } from '../src/lib/server/media/ffmpeg-test-encoder.ts';
import { E2E_RTMP_PORT } from './constants.ts';
import { expect, expectAccessible, logIn, submitStatus, test, visit } from './fixtures.ts';
import { CLERK, createLiveMeeting, openConsole, pressShortcut } from './live.ts';

// The whole live path in a browser with real parts (issue #6): ffmpeg as the council's encoder
// sends RTMP to the worker's ingest, the live ladder and the fail-closed publisher fill the
// playlists, a resident's Chromium plays them with hls.js, the clerk marks agenda items and a
// non-public part by keyboard, and "Sitzung beenden" turns the recording into the archive.

interface Segment {
	uri: string;
	startsAt: number;
	endsAt: number;
}

/** Segments of a media playlist with their wall-clock windows. */
function segments(text: string): Segment[] {
	const out: Segment[] = [];
	let pdt = 0;
	let seconds = 0;
	for (const line of text.split('\n')) {
		if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) pdt = Date.parse(line.slice(25));
		else if (line.startsWith('#EXTINF:')) seconds = Number.parseFloat(line.slice(8));
		else if (line && !line.startsWith('#')) {
			out.push({ uri: line, startsAt: pdt, endsAt: pdt + seconds * 1000 });
		}
	}
	return out;
}

/** START-DATE and DURATION of every agenda date range, by its X-NUMBER. */
function dateRanges(text: string): Map<string, { start: number; end: number }> {
	const ranges = new Map<string, { start: number; end: number }>();
	for (const line of text.split('\n').filter((l) => l.startsWith('#EXT-X-DATERANGE:'))) {
		const number = /X-NUMBER="([^"]*)"/.exec(line)?.[1] ?? '';
		const start = Date.parse(/START-DATE="([^"]*)"/.exec(line)?.[1] ?? '');
		const duration = Number(/DURATION=([\d.]+)/.exec(line)?.[1] ?? 0);
		ranges.set(number, { start, end: start + duration * 1000 });
	}
	return ranges;
}

async function press(clerk: Page, key: string): Promise<void> {
	expect(await submitStatus(clerk, () => pressShortcut(clerk, key))).toBe(200);
}

/** Seconds of video the resident's player has played, read twice apart. */
async function playedBetween(page: Page, ms: number): Promise<number> {
	const video = page.locator('section.live video');
	const before = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
	await page.waitForTimeout(ms);
	const after = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
	return after - before;
}

let encoder: ChildProcess | null = null;
test.afterEach(() => {
	encoder?.kill('SIGKILL');
	encoder = null;
});

test('an RTMP encoder goes live, residents watch, a non-public part never reaches the stream, and the end is the archive', async ({
	page: clerk,
	newContext,
	request
}) => {
	test.setTimeout(240_000);
	const { ffmpeg } = await requireFfmpeg();
	await logIn(clerk, CLERK);
	const meeting = await createLiveMeeting(clerk);
	await openConsole(clerk, meeting.id);
	const key = await clerk.getByLabel('Streamschlüssel').inputValue();
	expect(key).toMatch(/^[a-z2-7]{32}$/);

	// Before the start the encoder may connect: the console shows its signal, nothing is public.
	encoder = spawn(
		ffmpeg,
		testEncoderArgs({
			url: `rtmp://127.0.0.1:${E2E_RTMP_PORT}/live/${key}`,
			seconds: 120,
			size: '640x360'
		}),
		{ stdio: 'ignore' }
	);
	await expect(clerk.getByText('Encoder verbunden')).toBeVisible({ timeout: 20_000 });
	await expectAccessible(clerk);

	await clerk.getByRole('button', { name: 'Sitzung beginnen' }).click();
	await expect(clerk.locator('.state-panel .state')).toHaveText(/^ÖFFENTLICH/);
	await press(clerk, 'n');

	// A resident joins and sees the picture move.
	const resident = await (await newContext()).newPage();
	await visit(resident, `/sitzungen/${meeting.id}`);
	const live = resident.locator('section.live');
	await expect(live.locator('.badge')).toHaveText('LIVE', { timeout: 15_000 });
	await expect(live.locator('.live-video')).toHaveAttribute('data-state', 'ready', {
		timeout: 30_000
	});
	await expect.poll(() => playedBetween(resident, 2_000), { timeout: 30_000 }).toBeGreaterThan(1);
	await expect(live.locator('.current')).toContainText(`TOP 1 ${meeting.titles[0]}`);
	await expectAccessible(resident);

	// The non-public item, by keyboard: the page says so, the stream shows the slate.
	await resident.waitForTimeout(4_000);
	await press(clerk, 'n');
	await expect(clerk.locator('.state-panel .state')).toHaveText(/^NICHTÖFFENTLICH/);
	await expect(live).toContainText('Nichtöffentlicher Teil', { timeout: 15_000 });
	await expectAccessible(resident);
	await resident.waitForTimeout(8_000);
	await press(clerk, 'n');
	await expect(clerk.locator('.state-panel .state')).toHaveText(/^ÖFFENTLICH/);
	await expect(live.locator('.current')).toContainText(`TOP 3 ${meeting.titles[2]}`, {
		timeout: 15_000
	});
	await resident.waitForTimeout(4_000);
	// A speaker without consent: live a slate, in the archive a cut of the same length.
	await press(clerk, 'e');
	await expect(clerk.getByText('Rede ohne Einwilligung: Beginn markiert.')).toBeVisible();
	await resident.waitForTimeout(3_000);
	await press(clerk, 'e');
	await expect(clerk.getByText('Rede ohne Einwilligung: Ende markiert.')).toBeVisible();
	await resident.waitForTimeout(6_000);

	await clerk.getByLabel(/^Ja, die Sitzung beenden/).check();
	expect(
		await submitStatus(clerk, () => clerk.getByRole('button', { name: 'Sitzung beenden' }).click())
	).toBe(200);
	encoder.kill('SIGTERM');

	// The archive is ready within a minute: the page shows the replay with the public chapters.
	await expect(async () => {
		await resident.reload();
		await expect(resident.locator('.archive-video')).toBeVisible({ timeout: 2_000 });
	}).toPass({ timeout: 60_000 });
	await expect(resident).toHaveURL(new RegExp(`/sitzungen/${meeting.id}$`));
	await expectAccessible(resident);

	// The archive's playlist: VOD, the camera's segments never overlap the non-public part.
	const playlistPath = await findPlaylistPath(request, meeting.id);
	const text = await (await request.get(playlistPath)).text();
	expect(text).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
	expect(text).toContain('#EXT-X-ENDLIST');
	const chapters = dateRanges(text);
	expect([...chapters.keys()]).toEqual(['TOP 1', 'TOP 3']);
	const closedFrom = chapters.get('TOP 1')!.end;
	const closedUntil = chapters.get('TOP 3')!.start;
	expect(closedUntil - closedFrom).toBeGreaterThan(5_000);
	const all = segments(text);
	const camera = all.filter((s) => !s.uri.includes('/slates/'));
	expect(camera.length).toBeGreaterThan(4);
	for (const s of camera) {
		expect(s.endsAt <= closedFrom || s.startsAt >= closedUntil, s.uri).toBe(true);
	}
	expect(all.some((s) => s.uri.includes('/slates/nonpublic/'))).toBe(true);

	// The cut job replaces the slots the consent range touches; nothing else moves.
	let cut = text;
	await expect(async () => {
		cut = await (await request.get(playlistPath)).text();
		expect(cut).toContain('/cuts/');
	}).toPass({ timeout: 60_000 });
	const before = segments(text);
	const after = segments(cut);
	expect(after.map((s) => [s.startsAt, s.endsAt])).toEqual(
		before.map((s) => [s.startsAt, s.endsAt])
	);
	// Unless the job was quicker than the first read, exactly the touched slots changed.
	const changed = after.filter((s, i) => s.uri !== before[i]!.uri);
	if (!text.includes('/cuts/')) expect(changed.length).toBeGreaterThan(0);
	expect(changed.every((s) => s.uri.includes('/cuts/') || s.uri.includes('/slates/'))).toBe(true);
	await resident.reload();
	await expect(resident.getByRole('heading', { name: 'Entfernte Ausschnitte' })).toBeVisible();
	await expect(resident.getByText('ohne Einwilligung')).toBeVisible();
	await expectAccessible(resident);
	// Every listed file is there; a non-public slot points at the slate, never at the camera.
	for (const s of all.slice(0, 3)) {
		expect((await request.get(new URL(s.uri, `http://x${playlistPath}`).pathname)).status()).toBe(
			200
		);
	}
});

/** The recording's playlist address from the meeting's OParl object (its auxiliary File). */
async function findPlaylistPath(
	request: import('@playwright/test').APIRequestContext,
	meetingId: string
): Promise<string> {
	const meeting = (await (await request.get(`/oparl/v1/meetings/${meetingId}`)).json()) as {
		auxiliaryFile?: { accessUrl: string }[];
	};
	const master = meeting.auxiliaryFile?.[0]?.accessUrl ?? '';
	return new URL(master).pathname.replace('master.m3u8', '360p/index.m3u8');
}
