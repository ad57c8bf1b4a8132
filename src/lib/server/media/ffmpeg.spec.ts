import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	FfmpegAbortedError,
	FfmpegFailedError,
	MediaRejectedError,
	findFfmpeg,
	probeMedia,
	transcodeToHls,
	type MediaProbe,
	type TranscodeProgress
} from './ffmpeg.ts';

const LIMITS = { maxBytes: 100 * 1024 * 1024, maxDurationSeconds: 3 * 3600 };
let dir: string;
let ffmpeg: string;

/** Fixtures come from ffmpeg's own test sources (STYLE.md), never from downloads. */
function generate(name: string, args: string[]): string {
	const out = path.join(dir, name);
	const r = spawnSync(ffmpeg, ['-hide_banner', '-v', 'error', '-y', ...args, out]);
	if (r.status !== 0) throw new Error(`Fixture ${name}: ${r.stderr.toString()}`);
	return out;
}

const lavfi = (source: string) => ['-f', 'lavfi', '-i', source];

beforeAll(async () => {
	const found = await findFfmpeg();
	// CI installs ffmpeg; a machine without it must fail loudly rather than skip the archive tests.
	if (!found.ok) throw new Error(`Die ffmpeg-Tests brauchen ffmpeg: ${found.message}`);
	ffmpeg = found.ffmpeg;
	dir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-ffmpeg-'));
	const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];
	generate('meeting.mp4', [
		...lavfi('testsrc2=size=1280x720:rate=25'),
		...lavfi('sine=frequency=440'),
		'-t',
		'4',
		...x264,
		'-c:a',
		'aac'
	]);
	generate('silent.mp4', [...lavfi('testsrc2=size=320x180:rate=25'), '-t', '2', ...x264]);
	generate('speech.m4a', [...lavfi('sine=frequency=220'), '-t', '2', '-c:a', 'aac']);
	generate('mjpeg.mkv', [...lavfi('testsrc2=size=160x90:rate=10'), '-t', '1', '-c:v', 'mjpeg']);
}, 30_000);

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('findFfmpeg', () => {
	it('finds ffmpeg and ffprobe with a version', async () => {
		const found = await findFfmpeg();
		expect(found.ok && found.version).toMatch(/\d/);
	});

	it('names what to install when FFMPEG_PATH is wrong', async () => {
		const found = await findFfmpeg({ FFMPEG_PATH: '/nonexistent/ffmpeg' });
		expect(found.ok).toBe(false);
		expect(!found.ok && found.message).toContain('apt-get install ffmpeg');
	});
});

describe('probeMedia', () => {
	it('describes a recording with picture and sound', async () => {
		const probe = await probeMedia(path.join(dir, 'meeting.mp4'), LIMITS);
		expect(probe.durationSeconds).toBeCloseTo(4, 0);
		expect(probe.formatName).toContain('mp4');
		expect(probe.video).toMatchObject({ codec: 'h264', width: 1280, height: 720, fps: 25 });
		expect(probe.video?.pixFmt).toBe('yuv420p');
		expect(probe.audio).toMatchObject({ codec: 'aac', channels: 1 });
		expect(probe.audio?.sampleRate).toBeGreaterThan(0);
	});

	it('describes a recording without sound', async () => {
		const probe = await probeMedia(path.join(dir, 'silent.mp4'), LIMITS);
		expect(probe.video?.height).toBe(180);
		expect(probe.audio).toBeNull();
	});

	async function rejection(file: string, limits = LIMITS): Promise<string> {
		const err: unknown = await probeMedia(file, limits).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(MediaRejectedError);
		expect((err as Error).message).toMatch(/[a-zäöüß]/);
		return (err as MediaRejectedError).reason;
	}

	it('refuses an HLS playlist named .mp4 without fetching what it names', async () => {
		let connections = 0;
		const server: Server = createServer((socket) => {
			connections++;
			socket.destroy();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as { port: number };
		const evil = path.join(dir, 'evil.mp4');
		const playlist = `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nhttp://127.0.0.1:${port}/x.ts\n#EXTINF:2,\nhttp://127.0.0.1:9/x.ts\n#EXT-X-ENDLIST\n`;
		await writeFile(evil, playlist);
		try {
			expect(await rejection(evil)).toBe('container');
		} finally {
			server.close();
		}
		expect(connections).toBe(0);
	});

	// Unhardened, ffprobe 5.1 opens this as HLS and reads the local file it names.
	it('refuses HLS and concat playlists named .mp4 that point at local files', async () => {
		const hls = path.join(dir, 'local-hls.mp4');
		const concat = path.join(dir, 'concat.mp4');
		const target = path.join(dir, 'meeting.mp4');
		await writeFile(
			hls,
			`#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\n${target}\n#EXT-X-ENDLIST\n`
		);
		await writeFile(concat, `ffconcat version 1.0\nfile ${target}\n`);
		expect(await rejection(hls)).toBe('container');
		expect(await rejection(concat)).toBe('container');
	});

	it('refuses concat lists and playlists naming HTTP URLs without connecting', async () => {
		const hits: string[] = [];
		const server = createHttpServer((req, res) => {
			hits.push(req.url ?? '');
			res.end();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as { port: number };
		const url = `http://127.0.0.1:${port}/meeting.mp4`;
		const files = {
			'concat-url.mp4': `ffconcat version 1.0\nfile ${url}\n`,
			'hls-url.mov': `#EXTM3U\n#EXTINF:4,\n${url}\n#EXT-X-ENDLIST\n`,
			'hls-url.mkv': `#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n${url}\n`
		};
		try {
			for (const [name, text] of Object.entries(files)) {
				await writeFile(path.join(dir, name), text);
				// Refused either as a demuxer off the allow-list or, when ffprobe guesses MP4 from the
				// name, as unreadable; never opened as a playlist.
				expect(['container', 'unreadable']).toContain(await rejection(path.join(dir, name)));
			}
		} finally {
			server.close();
		}
		expect(hits).toEqual([]);
	});

	it('refuses truncated media whose index is missing', async () => {
		const whole = await readFile(path.join(dir, 'meeting.mp4'));
		// Without faststart the index (moov) comes last, so a cut-off upload has none.
		await writeFile(path.join(dir, 'cut.mp4'), whole.subarray(0, Math.floor(whole.length / 2)));
		expect(await rejection(path.join(dir, 'cut.mp4'))).toBe('unreadable');
	});

	it('refuses a text file named .mp4, an empty file and a missing one', async () => {
		await writeFile(path.join(dir, 'notes.mp4'), 'Tagesordnung der Ratssitzung\n');
		await writeFile(path.join(dir, 'empty.mp4'), '');
		expect(await rejection(path.join(dir, 'notes.mp4'))).toBe('unreadable');
		expect(await rejection(path.join(dir, 'empty.mp4'))).toBe('empty');
		expect(await rejection(path.join(dir, 'missing.mp4'))).toBe('notAFile');
		expect(await rejection(dir)).toBe('notAFile');
	});

	it('refuses relative paths and paths with ..', async () => {
		expect(await rejection('meeting.mp4')).toBe('notAFile');
		expect(await rejection(path.join(dir, 'sub') + '/../meeting.mp4')).toBe('notAFile');
	});

	it('refuses files over the size and duration limits', async () => {
		const file = path.join(dir, 'meeting.mp4');
		expect(await rejection(file, { ...LIMITS, maxBytes: 1000 })).toBe('tooBig');
		expect(await rejection(file, { ...LIMITS, maxDurationSeconds: 3 })).toBe('tooLong');
	});

	it('refuses a video codec outside the allow-list', async () => {
		expect(await rejection(path.join(dir, 'mjpeg.mkv'))).toBe('videoCodec');
	});
});

function durations(playlist: string): number[] {
	return [...playlist.matchAll(/#EXTINF:([\d.]+)/g)].map((m) => Number(m[1]));
}

async function leftovers(outDir: string): Promise<string[]> {
	const names = await readdir(path.dirname(outDir));
	return names.filter((n) => n.startsWith(path.basename(outDir)));
}

describe('transcodeToHls', () => {
	let probe: MediaProbe;
	beforeAll(async () => {
		probe = await probeMedia(path.join(dir, 'meeting.mp4'), LIMITS);
	});

	it('writes a 720p/360p ladder with shared audio, 2 s fMP4 segments and a master playlist', async () => {
		const outDir = path.join(dir, 'archive', 'meeting-1');
		await mkdir(`${outDir}.tmp-deadbeef`, { recursive: true });
		const progress: TranscodeProgress[] = [];
		const { command, masterPlaylist } = await transcodeToHls(
			path.join(dir, 'meeting.mp4'),
			outDir,
			{ probe, onProgress: (p) => progress.push(p) }
		);
		expect(command).toContain('-protocol_whitelist file,pipe');
		const master = await readFile(masterPlaylist, 'utf8');
		const variants = [...master.matchAll(/#EXT-X-STREAM-INF:([^\n]*)\n([^\n]+)/g)];
		expect(variants).toHaveLength(2);
		expect(master).toContain('RESOLUTION=1280x720');
		expect(master).toContain('RESOLUTION=640x360');
		for (const [, attrs] of variants) {
			expect(attrs).toMatch(/BANDWIDTH=\d+/);
			expect(attrs).toMatch(/CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2"/);
		}
		const audio = /#EXT-X-MEDIA:TYPE=AUDIO[^\n]*URI="([^"]+)"/.exec(master)?.[1];
		const uris = [...variants.map((v) => (v[2] ?? '').trim()), audio ?? 'missing'];
		for (const uri of uris) {
			const media = await readFile(path.join(outDir, uri), 'utf8');
			expect(media).toContain('#EXT-X-PROGRAM-DATE-TIME:');
			const init = /#EXT-X-MAP:URI="([^"]+)"/.exec(media)?.[1] ?? 'missing';
			expect(existsSync(path.join(outDir, path.dirname(uri), init))).toBe(true);
			const extinf = durations(media);
			expect(extinf.length).toBeGreaterThanOrEqual(2);
			expect(Math.max(...extinf)).toBeLessThanOrEqual(2.1);
			expect(extinf.reduce((a, b) => a + b, 0)).toBeCloseTo(4, 0);
		}
		expect(await leftovers(outDir)).toEqual(['meeting-1']);
		expect(progress.length).toBeGreaterThan(0);
		expect(progress.at(-1)?.fraction).toBeCloseTo(1, 1);
	}, 30_000);

	it('writes a single rendition without audio for a small silent source', async () => {
		const silent = path.join(dir, 'silent.mp4');
		const outDir = path.join(dir, 'archive', 'silent');
		await transcodeToHls(silent, outDir, { probe: await probeMedia(silent, LIMITS) });
		const master = await readFile(path.join(outDir, 'master.m3u8'), 'utf8');
		expect(master).toMatch(/RESOLUTION=320x180,CODECS="avc1\.[0-9a-f]{6}"/);
		expect(master).not.toContain('TYPE=AUDIO');
	}, 15_000);

	it('writes an audio-only archive for a sound recording', async () => {
		const speech = path.join(dir, 'speech.m4a');
		const outDir = path.join(dir, 'archive', 'speech');
		await transcodeToHls(speech, outDir, { probe: await probeMedia(speech, LIMITS) });
		const master = await readFile(path.join(outDir, 'master.m3u8'), 'utf8');
		expect(master).toMatch(/BANDWIDTH=\d+,CODECS="mp4a\.40\.2"/);
	}, 15_000);

	it('reports the tail of stderr and leaves nothing behind when ffmpeg fails', async () => {
		const outDir = path.join(dir, 'archive', 'failed');
		const wrong = { ...probe, streams: { video: 7, audio: 1 } };
		const err: unknown = await transcodeToHls(path.join(dir, 'meeting.mp4'), outDir, {
			probe: wrong
		}).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(FfmpegFailedError);
		expect((err as FfmpegFailedError).stderrTail.join('\n')).toMatch(/stream|Invalid/i);
		expect((err as FfmpegFailedError).command).toContain('-format_whitelist');
		expect(await leftovers(outDir)).toEqual([]);
	}, 15_000);

	it('leaves neither output nor temporary folder when aborted', async () => {
		const outDir = path.join(dir, 'archive', 'aborted');
		const controller = new AbortController();
		const run = transcodeToHls(path.join(dir, 'meeting.mp4'), outDir, {
			probe,
			signal: controller.signal,
			onProgress: () => controller.abort()
		});
		await expect(run).rejects.toBeInstanceOf(FfmpegAbortedError);
		expect(await leftovers(outDir)).toEqual([]);
	}, 15_000);

	it('refuses a truncated upload whose index promises more than its data holds', async () => {
		const full = path.join(dir, 'faststart.mp4');
		const x264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];
		generate('faststart.mp4', [
			...lavfi('testsrc2=size=320x180:rate=25'),
			'-t',
			'8',
			...x264,
			'-movflags',
			'+faststart'
		]);
		const whole = await readFile(full);
		const cut = path.join(dir, 'faststart-cut.mp4');
		await writeFile(cut, whole.subarray(0, Math.floor(whole.length * 0.4)));
		const truncated = await probeMedia(cut, LIMITS);
		expect(truncated.durationSeconds).toBeCloseTo(8, 0);
		const outDir = path.join(dir, 'archive', 'truncated');
		const err: unknown = await transcodeToHls(cut, outDir, { probe: truncated }).catch(
			(e: unknown) => e
		);
		expect(err).toBeInstanceOf(MediaRejectedError);
		expect((err as MediaRejectedError).reason).toBe('truncated');
		expect(await leftovers(outDir)).toEqual([]);
	}, 20_000);

	it('refuses input paths it did not generate', async () => {
		await expect(
			transcodeToHls('meeting.mp4', path.join(dir, 'x'), { probe })
		).rejects.toBeInstanceOf(MediaRejectedError);
	});
});
