import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isHttpError, type RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '$lib/server/context.ts';
import { createArchiveMeeting } from '$lib/server/archive/test-archive.ts';
import { archiveVersion } from '$lib/server/archive/playlist.ts';
import { findFfmpeg, probeMedia, transcodeToHls } from '$lib/server/media/ffmpeg.ts';
import { createTestApp, type TestApp } from '$lib/server/testing/test-app.ts';

// The route as the server runs it, against a real archive that ffmpeg makes here, in a media
// store under a temporary DATA_DIR.
let ctx: AppContext;
vi.mock('$lib/server/app.ts', () => ({ appContext: async () => ctx }));
const { GET, HEAD } = await import('./+server.ts');

let app: TestApp;
let dataDir: string;
let archive: { meetingId: string; recordingId: string; itemIds: string[] };
let prefix: string;
/** Paths of the archive as this ffmpeg wrote them: a media playlist, its init file, segments. */
const files = { media: '', init: '', segments: [] as string[] };

beforeAll(async () => {
	const found = await findFfmpeg();
	if (!found.ok) throw new Error(`Die Archivtests brauchen ffmpeg: ${found.message}`);
	dataDir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-serve-'));
	app = await createTestApp({ DATA_DIR: dataDir });
	ctx = app.ctx;
	archive = await createArchiveMeeting(ctx.db, {
		items: [
			{ number: 'TOP 1', title: 'Eröffnung', chapterStartMs: 0 },
			{ number: 'N 1', title: 'Geheim', public: false, chapterStartMs: 2000 },
			{ number: 'TOP 2', title: 'Radverkehr', chapterStartMs: 4000 }
		],
		durationMs: 6000,
		outputPrefix: 'recordings/archive-test/v1',
		captionsKey: 'recordings/archive-test/captions-1.vtt'
	});
	prefix = 'recordings/archive-test/v1';
	const source = path.join(dataDir, 'source.mp4');
	const made = spawnSync(found.ffmpeg, [
		...['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25'],
		...['-f', 'lavfi', '-i', 'sine=frequency=440', '-t', '6', '-c:v', 'libx264'],
		...['-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', source]
	]);
	if (made.status !== 0) throw new Error(made.stderr.toString());
	const out = path.join(dataDir, 'media', ...prefix.split('/'));
	await mkdir(path.dirname(out), { recursive: true });
	const probe = await probeMedia(source, { maxBytes: 1e9, maxDurationSeconds: 3600 });
	await transcodeToHls(source, out, { probe });
	const master = await readFile(path.join(out, 'master.m3u8'), 'utf8');
	files.media = master.split('\n').find((l) => l.endsWith('.m3u8') && !l.startsWith('#'))!;
	const dir = path.posix.dirname(files.media);
	const media = await readFile(path.join(out, ...files.media.split('/')), 'utf8');
	files.init = `${dir}/${/URI="([^"]+)"/.exec(media)![1]}`;
	files.segments = media
		.split('\n')
		.filter((l) => l.endsWith('.m4s'))
		.map((l) => `${dir}/${l}`);
	await mkdir(path.join(out, 'thumbnails'), { recursive: true });
	for (const id of archive.itemIds) await writeFile(path.join(out, 'thumbnails', `${id}.jpg`), 'x');
	await writeFile(path.join(out, 'poster.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
	await writeFile(
		path.join(dataDir, 'media', 'recordings', 'archive-test', 'captions-1.vtt'),
		'WEBVTT\n'
	);
}, 120_000);

afterAll(async () => {
	await app?.close();
	if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function request(
	pathname: string,
	init: { method?: 'GET' | 'HEAD'; headers?: Record<string, string>; recordingId?: string } = {}
): Promise<Response> {
	const url = new URL(`http://localhost${pathname}`);
	const event = {
		params: {
			recordingId: init.recordingId ?? archive.recordingId,
			path: decodeURIComponent(url.pathname.slice(1))
		},
		url,
		request: new Request(url, { method: init.method ?? 'GET', headers: init.headers }),
		locals: { locale: 'de' }
	} as unknown as RequestEvent<{ recordingId: string; path: string }>;
	try {
		return await (init.method === 'HEAD' ? HEAD : GET)(event as never);
	} catch (err) {
		if (isHttpError(err)) return new Response(err.body.message, { status: err.status });
		throw err;
	}
}

const fileOf = (...parts: string[]) => path.join(dataDir, 'media', ...prefix.split('/'), ...parts);

describe('/medien/aufzeichnungen/[recordingId]/[...path]', () => {
	it('serves the master playlist with versioned URIs', async () => {
		const res = await request('/master.m3u8');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('cache-control')).toBe('public, max-age=30');
		const text = await res.text();
		expect(text).toContain(`/index.m3u8?v=${archiveVersion(prefix)}`);
	});

	it('rewrites media playlists with the recording’s date-times and public chapters', async () => {
		const res = await request(`/${files.media}`);
		const text = await res.text();
		expect(text).toMatch(/#EXT-X-PROGRAM-DATE-TIME:2026-11-18T17:00:00\.000Z\n#EXT-X-DATERANGE:/);
		expect(text).toMatch(/#EXT-X-PROGRAM-DATE-TIME:2026-11-18T17:00:02\.000Z\n#EXTINF:/);
		expect(text).toContain('START-DATE="2026-11-18T17:00:04.000Z"');
		expect(text).toContain('X-TITLE="Eröffnung"');
		expect(text).toContain('DURATION=2.000');
		expect(text).not.toContain('Geheim');
		expect(text).not.toContain(archive.itemIds[1]);
		expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
	});

	it('answers 304 for a known ETag', async () => {
		const first = await request(`/${files.media}`);
		const etag = first.headers.get('etag')!;
		const again = await request(`/${files.media}`, { headers: { 'if-none-match': etag } });
		expect(again.status).toBe(304);
	});

	it('serves segments and init files with their types, versioned ones as immutable', async () => {
		const v = archiveVersion(prefix);
		const segment = await request(`/${files.segments[0]}?v=${v}`);
		expect(segment.status).toBe(200);
		expect(segment.headers.get('content-type')).toBe('video/iso.segment');
		expect(segment.headers.get('cache-control')).toContain('immutable');
		expect(segment.headers.get('accept-ranges')).toBe('bytes');
		expect(segment.headers.get('last-modified')).toBeTruthy();
		const bytes = new Uint8Array(await segment.arrayBuffer());
		expect(
			Buffer.from(bytes).equals(await readFile(fileOf(...files.segments[0]!.split('/'))))
		).toBe(true);
		const init = await request(`/${files.init}`);
		expect(init.headers.get('content-type')).toBe('video/mp4');
		expect(init.headers.get('cache-control')).toBe('public, max-age=3600');
		expect((await request('/poster.jpg')).headers.get('content-type')).toBe('image/jpeg');
		expect((await request(`/${files.segments[0]}?v=stale`)).status).toBe(404);
	});

	it('answers byte ranges with 206, 416 and HEAD', async () => {
		const whole = await readFile(fileOf(...files.segments[1]!.split('/')));
		const part = await request(`/${files.segments[1]}`, { headers: { range: 'bytes=10-19' } });
		expect(part.status).toBe(206);
		expect(part.headers.get('content-range')).toBe(`bytes 10-19/${whole.length}`);
		expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(10, 20))).toBe(true);
		const suffix = await request(`/${files.segments[1]}`, { headers: { range: 'bytes=-4' } });
		expect(Buffer.from(await suffix.arrayBuffer()).equals(whole.subarray(-4))).toBe(true);
		const beyond = await request(`/${files.segments[1]}`, {
			headers: { range: `bytes=${whole.length}-` }
		});
		expect(beyond.status).toBe(416);
		expect(beyond.headers.get('content-range')).toBe(`bytes */${whole.length}`);
		const multi = await request(`/${files.segments[1]}`, { headers: { range: 'bytes=0-1,4-5' } });
		expect(multi.status).toBe(200);
		const head = await request(`/${files.segments[1]}`, { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(head.headers.get('content-length')).toBe(String(whole.length));
		expect(head.body).toBeNull();
	});

	it('serves captions as WebVTT and public thumbnails only', async () => {
		const captions = await request('/untertitel.vtt');
		expect(captions.status).toBe(200);
		expect(captions.headers.get('content-type')).toBe('text/vtt; charset=utf-8');
		expect(await captions.text()).toBe('WEBVTT\n');
		expect((await request(`/thumbnails/${archive.itemIds[0]}.jpg`)).status).toBe(200);
		expect((await request(`/thumbnails/${archive.itemIds[1]}.jpg`)).status).toBe(404);
	});

	it.each([
		'/..%2F..%2Fsource.mp4',
		'/360p/..%2F..%2F..%2Fsource.mp4',
		'/%2e%2e/v1/master.m3u8',
		'/.work/x.m4s',
		'/720p/index.m3u8%00.jpg',
		'/360p/segment-99999.m4s',
		'/360p',
		'/360p/init.mp4.bak',
		'/master.m3u8/..%2F..%2F..%2Fsource.mp4'
	])('answers 404 for %s', async (pathname) => {
		expect((await request(pathname)).status).toBe(404);
	});

	it('answers 404 for unknown, malformed and unpublished recordings', async () => {
		expect((await request('/master.m3u8', { recordingId: 'nope' })).status).toBe(404);
		const unknown = '00000000-0000-4000-8000-000000000000';
		expect((await request('/master.m3u8', { recordingId: unknown })).status).toBe(404);
		const draft = await createArchiveMeeting(ctx.db, { items: [], outputPrefix: null });
		expect((await request('/master.m3u8', { recordingId: draft.recordingId })).status).toBe(404);
		await ctx.db
			.updateTable('meetings')
			.set({ deleted_at: new Date() })
			.where('id', '=', archive.meetingId)
			.execute();
		expect((await request('/master.m3u8')).status).toBe(404);
		await ctx.db
			.updateTable('meetings')
			.set({ deleted_at: null })
			.where('id', '=', archive.meetingId)
			.execute();
	});
});
