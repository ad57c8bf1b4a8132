import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable, Transform } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../log.ts';
import { findFfmpeg } from '../media/ffmpeg.ts';
import { startLiveTranscoder, type LiveSegment, type LiveTranscoder } from './transcoder.ts';

let dir: string;
let ffmpeg: string;
let ffprobe: string;

const lavfi = (source: string) => ['-f', 'lavfi', '-i', source];
const x264 = (gop: number) =>
	`-c:v libx264 -preset ultrafast -pix_fmt yuv420p -g ${gop} -keyint_min ${gop} -sc_threshold 0`.split(
		' '
	);

/** An encoder's FLV as the RTMP server hands it over: H.264 + AAC, timestamps from 0. */
function generateFlv(name: string, size: string, seconds: number, gop: number): string {
	const out = path.join(dir, name);
	const args = [
		...['-hide_banner', '-v', 'error', '-y'],
		...lavfi(`testsrc2=size=${size}:rate=25`),
		...lavfi('sine=frequency=440:beep_factor=4:sample_rate=44100'),
		...['-t', String(seconds), ...x264(gop), '-c:a', 'aac', '-f', 'flv', out]
	];
	const r = spawnSync(ffmpeg, args);
	if (r.status !== 0) throw new Error(`Fixture ${name}: ${r.stderr.toString()}`);
	return out;
}

function testLog() {
	const entries: { level: string; msg: string }[] = [];
	const make = (): Logger => ({
		debug: (msg) => entries.push({ level: 'debug', msg }),
		info: (msg) => entries.push({ level: 'info', msg }),
		warn: (msg) => entries.push({ level: 'warn', msg }),
		error: (msg) => entries.push({ level: 'error', msg }),
		child: () => make()
	});
	return { log: make(), entries };
}

function probe(file: string, entries: string, select = 'v'): Record<string, string>[] {
	const r = spawnSync(ffprobe, [
		...['-v', 'error', '-select_streams', select, '-show_entries', entries, '-of', 'json', file]
	]);
	const json = JSON.parse(r.stdout.toString()) as {
		streams?: Record<string, string>[];
		packets?: Record<string, string>[];
	};
	return json.streams ?? json.packets ?? [];
}

/** Everything a segment must be when it is announced: complete files under their final names. */
function checkAnnounced(segment: LiveSegment, renditions: string[]): void {
	expect(Object.keys(segment.files).sort()).toEqual([...renditions].sort());
	for (const file of Object.values(segment.files)) {
		expect(path.isAbsolute(file)).toBe(true);
		expect(file).not.toMatch(/\.tmp$/);
		expect(statSync(file).size).toBeGreaterThan(0);
	}
}

async function collect(t: LiveTranscoder, each?: (s: LiveSegment) => void) {
	const segments: LiveSegment[] = [];
	for await (const s of t.segments) {
		each?.(s);
		segments.push(s);
	}
	return segments;
}

/** init.mp4 followed by every segment of one rendition: what a player gets. */
async function concatRendition(t: LiveTranscoder, name: string, segments: LiveSegment[]) {
	const parts = [await readFile(t.initPath(name))];
	for (const s of segments) parts.push(await readFile(s.files[name]!));
	const file = path.join(dir, `joined-${name}-${randomBytes(3).toString('hex')}.mp4`);
	await writeFile(file, Buffer.concat(parts));
	return file;
}

function decodes(file: string): boolean {
	const r = spawnSync(ffmpeg, ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-']);
	return r.status === 0 && r.stderr.toString().trim() === '';
}

beforeAll(async () => {
	const found = await findFfmpeg();
	if (!found.ok) throw new Error(`Die Live-Tests brauchen ffmpeg: ${found.message}`);
	({ ffmpeg, ffprobe } = found);
	dir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-live-'));
	generateFlv('small.flv', '640x360', 7, 50);
	generateFlv('camera-1080.flv', '1920x1080', 6, 50);
	generateFlv('camera-1080-5s.flv', '1920x1080', 6, 125);
}, 60_000);

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

const INPUT_360 = {
	width: 640,
	height: 360,
	fps: 25,
	keyframeIntervalSeconds: 2,
	videoCodec: 'h264',
	audioCodec: 'aac'
};
const INPUT_1080 = { ...INPUT_360, width: 1920, height: 1080 };

describe('startLiveTranscoder', () => {
	it('announces complete 2 s segments in order, every rendition present', async () => {
		const out = path.join(dir, 'small');
		const { log } = testLog();
		let command = '';
		const t = await startLiveTranscoder(
			createReadStream(path.join(dir, 'small.flv')),
			out,
			INPUT_360,
			{ log, onCommand: (c) => (command = c) }
		);
		expect(command).toContain('-protocol_whitelist pipe');
		expect(t.pid).toBeGreaterThan(0);
		const names = t.plan.renditions.map((r) => r.name);
		expect(names).toEqual(['360p', 'audio']);
		const segments = await collect(t, (s) => checkAnnounced(s, names));
		const result = await t.done;
		expect(result.code).toBe(0);

		expect(segments.map((s) => s.index)).toEqual(segments.map((_, i) => i));
		expect(segments.length).toBeGreaterThanOrEqual(3);
		for (const s of segments.slice(0, -1)) expect(s.durationSeconds).toBeCloseTo(2, 1);
		let start = 0;
		for (const s of segments) {
			expect(s.startSeconds).toBeCloseTo(start, 6);
			start += s.durationSeconds;
		}
		expect(start).toBeGreaterThan(6.5);
		// A file is read as fast as ffmpeg can go: well above real time.
		expect(t.speed()).toBeGreaterThan(1);

		const video = await concatRendition(t, '360p', segments);
		expect(probe(video, 'stream=codec_name,width,height,profile')[0]).toMatchObject({
			codec_name: 'h264',
			width: 640,
			height: 360,
			profile: 'Main'
		});
		expect(decodes(video)).toBe(true);
		const audio = await concatRendition(t, 'audio', segments);
		expect(probe(audio, 'stream=codec_name,sample_rate,channels', 'a')[0]).toMatchObject({
			codec_name: 'aac',
			sample_rate: '48000',
			channels: 2
		});
		expect(decodes(audio)).toBe(true);
		// Nothing half-written is left behind under a final name either.
		for (const name of names) {
			expect((await readdir(path.join(out, name))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
		}
	});

	it('copies a 1080p H.264 camera with 2 s keyframes and aligns every rendition', async () => {
		const { log, entries } = testLog();
		const t = await startLiveTranscoder(
			createReadStream(path.join(dir, 'camera-1080.flv')),
			path.join(dir, 'copy'),
			INPUT_1080,
			{ log }
		);
		const names = ['1080p', '720p', '360p', 'audio'];
		expect(t.plan.renditions.map((r) => [r.name, r.passthrough])).toEqual([
			['1080p', true],
			['720p', false],
			['360p', false],
			['audio', false]
		]);
		const segments = await collect(t, (s) => checkAnnounced(s, names));
		expect((await t.done).code).toBe(0);
		expect(segments.length).toBe(3);
		expect(entries.filter((e) => e.level === 'warn')).toEqual([]);

		// The source was encoded with x264 ultrafast (Constrained Baseline); a re-encode would be Main.
		const copied = await concatRendition(t, '1080p', segments);
		expect(probe(copied, 'stream=width,height,profile')[0]).toMatchObject({
			width: 1920,
			height: 1080,
			profile: 'Constrained Baseline'
		});
		// A copy keeps every compressed frame byte for byte.
		const sizes = (file: string) => probe(file, 'packet=size').map((p) => Number(p.size));
		const copiedSizes = sizes(copied);
		expect(copiedSizes.length).toBe(150);
		expect(sizes(path.join(dir, 'camera-1080.flv')).slice(0, 150)).toEqual(copiedSizes);
		const encoded = await concatRendition(t, '720p', segments);
		expect(probe(encoded, 'stream=width,height,profile')[0]).toMatchObject({
			width: 1280,
			height: 720,
			profile: 'Main'
		});

		// Segment N starts at the same instant in every rendition (fMP4 decode time), up to a
		// frame: the first packets differ by a constant (audio priming, the FLV's first video
		// timestamp), and audio is cut at AAC frame edges (21 ms).
		const firstPts = async (name: string, s: LiveSegment) => {
			const one = await concatRendition(t, name, [s]);
			return Number(probe(one, 'packet=pts_time', name === 'audio' ? 'a' : 'v')[0]?.pts_time);
		};
		const origins = await Promise.all(names.map((n) => firstPts(n, segments[0]!)));
		expect(Math.max(...origins) - Math.min(...origins)).toBeLessThan(0.1);
		for (const s of segments.slice(1)) {
			for (const [i, name] of names.entries()) {
				const offset = (await firstPts(name, s)) - origins[i]! - s.startSeconds;
				expect(Math.abs(offset)).toBeLessThan(0.03);
			}
		}
	}, 60_000);

	it('encodes every rendition when the camera sends keyframes every 5 s', async () => {
		const { log } = testLog();
		const t = await startLiveTranscoder(
			createReadStream(path.join(dir, 'camera-1080-5s.flv')),
			path.join(dir, 'gop5'),
			{ ...INPUT_1080, keyframeIntervalSeconds: 5 },
			{ log }
		);
		expect(t.plan.renditions.map((r) => r.name)).toEqual(['720p', '360p', 'audio']);
		expect(t.plan.renditions.some((r) => r.passthrough)).toBe(false);
		const segments = await collect(t);
		expect((await t.done).code).toBe(0);
		expect(segments.length).toBeGreaterThanOrEqual(3);
		for (const s of segments.slice(0, -1)) expect(s.durationSeconds).toBeCloseTo(2, 1);
	}, 60_000);

	it('turns MP3 sound without a picture into the AAC rendition alone', async () => {
		const flv = path.join(dir, 'radio.flv');
		const r = spawnSync(ffmpeg, [
			...['-hide_banner', '-v', 'error', '-y', ...lavfi('sine=frequency=330:sample_rate=44100')],
			...['-t', '5', '-c:a', 'libmp3lame', '-f', 'flv', flv]
		]);
		expect(r.status).toBe(0);
		const { log } = testLog();
		const t = await startLiveTranscoder(
			createReadStream(flv),
			path.join(dir, 'radio'),
			{ ...INPUT_360, width: null, height: null, videoCodec: null, audioCodec: 'mp3' },
			{ log }
		);
		expect(t.plan.renditions.map((x) => x.name)).toEqual(['audio']);
		const segments = await collect(t, (s) => checkAnnounced(s, ['audio']));
		expect((await t.done).code).toBe(0);
		expect(segments.length).toBeGreaterThanOrEqual(2);
		const audio = await concatRendition(t, 'audio', segments);
		expect(probe(audio, 'stream=codec_name,sample_rate', 'a')[0]).toMatchObject({
			codec_name: 'aac',
			sample_rate: '48000'
		});
		expect(decodes(audio)).toBe(true);
	});

	it('ends the segments and reports the failure when the encoder sends garbage', async () => {
		const { log, entries } = testLog();
		// Several megabytes, so ffmpeg gives up while data is still coming (EPIPE must not throw).
		const garbage = Readable.from(
			(function* () {
				for (let i = 0; i < 80; i++) yield randomBytes(64 * 1024);
			})()
		);
		const t = await startLiveTranscoder(garbage, path.join(dir, 'garbage'), INPUT_360, { log });
		const segments = await collect(t);
		const result = await t.done;
		expect(segments).toEqual([]);
		expect(result.code).not.toBe(0);
		expect(result.stderrTail.join('\n')).not.toBe('');
		expect(entries.some((e) => e.level === 'error')).toBe(true);
	});

	it('finishes what it has when the encoder connection breaks', async () => {
		const { log, entries } = testLog();
		let read = 0;
		// About half of the stream, then the socket resets.
		const flv = new Transform({
			transform(chunk: Buffer, _encoding, callback) {
				read += chunk.length;
				if (read > 800 * 1024) callback(new Error('ECONNRESET'));
				else callback(null, chunk);
			}
		});
		createReadStream(path.join(dir, 'small.flv'), { highWaterMark: 64 * 1024 }).pipe(flv);
		const t = await startLiveTranscoder(flv, path.join(dir, 'broken'), INPUT_360, { log });
		const segments = await collect(t);
		expect((await t.done).code).toBe(0);
		expect(segments.length).toBeGreaterThanOrEqual(1);
		expect(segments.length).toBeLessThan(4);
		expect(entries.some((e) => e.level === 'warn' && /abgebrochen/.test(e.msg))).toBe(true);
	});

	it('survives a connection that breaks before ffmpeg has started', async () => {
		const { log } = testLog();
		const flv = new PassThrough();
		const starting = startLiveTranscoder(flv, path.join(dir, 'early'), INPUT_360, { log });
		flv.destroy(new Error('ECONNRESET'));
		const t = await starting;
		expect(await collect(t)).toEqual([]);
		expect((await t.done).code).not.toBe(0);
	});

	it('stops a running stream by ending its input', async () => {
		const { log } = testLog();
		// A real-time encoder: -re paces the test pattern like a camera would.
		const encoder = spawn(
			ffmpeg,
			[
				...['-hide_banner', '-v', 'error', '-re'],
				...lavfi('testsrc2=size=320x180:rate=25'),
				...lavfi('sine=frequency=440:sample_rate=48000'),
				...['-t', '60', ...x264(50), '-c:a', 'aac', '-f', 'flv', 'pipe:1']
			],
			{ stdio: ['ignore', 'pipe', 'ignore'] }
		);
		try {
			const t = await startLiveTranscoder(
				encoder.stdout,
				path.join(dir, 'stop'),
				{ ...INPUT_360, width: 320, height: 180 },
				{ log }
			);
			expect(t.plan.renditions.map((r) => r.name)).toEqual(['180p', 'audio']);
			const segments: LiveSegment[] = [];
			let stopped: Promise<void> | null = null;
			let stoppedAt = 0;
			for await (const s of t.segments) {
				segments.push(s);
				if (!stopped) {
					stoppedAt = Date.now();
					stopped = t.stop();
				}
			}
			await stopped;
			// Ended by closing its input, well before the 5 s kill.
			expect(Date.now() - stoppedAt).toBeLessThan(4_000);
			expect(segments.length).toBeGreaterThanOrEqual(1);
			expect((await t.done).code).toBe(0);
		} finally {
			encoder.kill('SIGKILL');
		}
	});
	it('kills ffmpeg 5 s after stop() when it does not finish by itself', async () => {
		const { log } = testLog();
		const flv = new PassThrough();
		const t = await startLiveTranscoder(flv, path.join(dir, 'hung'), INPUT_360, { log });
		// A frozen ffmpeg never reads the end of its input.
		process.kill(t.pid!, 'SIGSTOP');
		const started = Date.now();
		await t.stop();
		const waited = Date.now() - started;
		expect(waited).toBeGreaterThanOrEqual(4_900);
		expect(waited).toBeLessThan(8_000);
		expect((await t.done).code).toBeNull();
		expect(await collect(t)).toEqual([]);
	});
});
