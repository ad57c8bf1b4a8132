import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../log.ts';
import { planLiveLadder } from '../media/ffmpeg-live.ts';
import { parseMediaPlaylist, watchSegments, type LiveSegment } from './segment-watcher.ts';

let dir: string;
const warnings: string[] = [];
const log: Logger = {
	debug: () => {},
	info: () => {},
	warn: (msg) => warnings.push(msg),
	error: () => {},
	child: () => log
};

// 640x360 with sound: renditions 360p and audio, as ffmpeg names their init segments.
const plan = planLiveLadder({
	width: 640,
	height: 360,
	fps: 25,
	keyframeIntervalSeconds: 2,
	videoCodec: 'h264',
	audioCodec: 'aac'
});

function playlist(init: string, segments: [string, number][]): string {
	const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:2'];
	lines.push('#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:EVENT', `#EXT-X-MAP:URI="${init}"`);
	for (const [uri, duration] of segments) lines.push(`#EXTINF:${duration.toFixed(6)},`, uri);
	return lines.join('\n') + '\n';
}

/** Writes what ffmpeg would have written for one rendition: playlist, init and segment files. */
async function write(name: string, init: string, segments: [string, number][], files = true) {
	await mkdir(path.join(dir, name), { recursive: true });
	await writeFile(path.join(dir, name, init), `init of ${name}`);
	if (files) {
		for (const [uri] of segments) await writeFile(path.join(dir, name, uri), `${name} ${uri}`);
	}
	await writeFile(path.join(dir, name, 'index.m3u8'), playlist(init, segments));
}

/** Reads the next segment, or 'none' if nothing comes within ms (the pending read is kept). */
function reader(segments: AsyncIterable<LiveSegment>) {
	const iterator = segments[Symbol.asyncIterator]();
	let pending: Promise<LiveSegment | 'none'> | null = null;
	return async (ms = 1_000): Promise<LiveSegment | 'none'> => {
		pending ??= iterator.next().then((r) => (r.done ? 'none' : r.value));
		const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms));
		const result = await Promise.race([pending, timeout]);
		if (result === 'timeout') return 'none';
		pending = null;
		return result;
	};
}

beforeEach(async () => {
	dir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-watch-'));
	warnings.length = 0;
});

afterEach(async () => {
	await rm(dir, { recursive: true, force: true });
});

describe('parseMediaPlaylist', () => {
	it('reads the init segment and every segment with its duration', () => {
		const text = playlist('init_0.mp4', [
			['segment-00000.m4s', 2],
			['segment-00001.m4s', 1.96]
		]);
		expect(parseMediaPlaylist(text)).toEqual({
			map: 'init_0.mp4',
			entries: [
				{ uri: 'segment-00000.m4s', duration: 2 },
				{ uri: 'segment-00001.m4s', duration: 1.96 }
			]
		});
	});
});

describe('watchSegments', () => {
	it('announces a segment only when every rendition lists it', async () => {
		const watcher = watchSegments(dir, plan, log);
		const take = reader(watcher.segments);
		await write('audio', 'init_1.mp4', [
			['segment-00000.m4s', 2.005],
			['segment-00001.m4s', 2.005]
		]);
		expect(await take(600)).toBe('none');

		await write('360p', 'init_0.mp4', [['segment-00000.m4s', 2]]);
		const first = await take();
		expect(first).toEqual({
			index: 0,
			startSeconds: 0,
			durationSeconds: 2,
			files: {
				'360p': path.join(dir, '360p', 'segment-00000.m4s'),
				audio: path.join(dir, 'audio', 'segment-00000.m4s')
			}
		});
		// ffmpeg's numbered init segments are offered as init.mp4.
		expect(await readFile(path.join(dir, '360p', 'init.mp4'), 'utf8')).toBe('init of 360p');
		expect(await readFile(path.join(dir, 'audio', 'init.mp4'), 'utf8')).toBe('init of audio');
		expect(await take(600)).toBe('none');

		await write('360p', 'init_0.mp4', [
			['segment-00000.m4s', 2],
			['segment-00001.m4s', 1.8]
		]);
		const second = await take();
		expect(second).toMatchObject({ index: 1, startSeconds: 2, durationSeconds: 1.8 });
		expect(warnings).toHaveLength(1);
		await watcher.finish();
		expect(await take()).toBe('none');
	});

	it('never announces a temporary or missing file', async () => {
		const watcher = watchSegments(dir, plan, log);
		const take = reader(watcher.segments);
		await write('audio', 'init_1.mp4', [['segment-00000.m4s.tmp', 2]]);
		await write('360p', 'init_0.mp4', [['segment-00000.m4s', 2]], false);
		expect(await take(600)).toBe('none');
		await watcher.finish();
		expect(await take()).toBe('none');
	});

	it('reports the last complete segments when ffmpeg has exited', async () => {
		const watcher = watchSegments(dir, plan, log);
		await write('360p', 'init_0.mp4', [
			['segment-00000.m4s', 2],
			['segment-00001.m4s', 0.4]
		]);
		await write('audio', 'init_1.mp4', [
			['segment-00000.m4s', 2],
			['segment-00001.m4s', 0.42]
		]);
		await watcher.finish();
		const all: LiveSegment[] = [];
		for await (const s of watcher.segments) all.push(s);
		expect(all.map((s) => [s.index, s.durationSeconds])).toEqual([
			[0, 2],
			[1, 0.4]
		]);
	});
});
