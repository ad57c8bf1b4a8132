import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	canPassThrough,
	extractPoster,
	extractThumbnails,
	findFfmpeg,
	generateTestRecording,
	probeMedia,
	transcodeToHls,
	type HlsArchive
} from './ffmpeg.ts';
import { peakBitrate } from './hls-master.ts';

const LIMITS = { maxBytes: 500 * 1024 * 1024, maxDurationSeconds: 3 * 3600 };
let dir: string;
let ffmpeg: string;
let ffprobe: string;

beforeAll(async () => {
	const found = await findFfmpeg();
	if (!found.ok) throw new Error(`Die ffmpeg-Tests brauchen ffmpeg: ${found.message}`);
	ffmpeg = found.ffmpeg;
	ffprobe = found.ffprobe;
	dir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-hls-'));
	// 1080p sources are kept to a few seconds at a low frame rate so the suite stays quick.
	const small = { seconds: 6, fps: 10 };
	await generateTestRecording(path.join(dir, 'gop2.mp4'), { ...small, width: 1920, height: 1080 });
	await generateTestRecording(path.join(dir, 'gop5.mp4'), {
		...small,
		width: 1920,
		height: 1080,
		gopSeconds: 5
	});
	await generateTestRecording(path.join(dir, 'small.mp4'), { ...small, width: 640, height: 360 });
}, 60_000);

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

/** Decodes a whole media playlist: every segment must decode, only local files may be read. */
function decode(playlist: string): { ok: boolean; stderr: string } {
	const args = ['-v', 'error', '-protocol_whitelist', 'file', '-i', playlist, '-f', 'null', '-'];
	const r = spawnSync(ffmpeg, args);
	return { ok: r.status === 0 && r.stderr.toString().trim() === '', stderr: r.stderr.toString() };
}

function playlistDuration(playlist: string): number {
	const args = ['-v', 'error', '-protocol_whitelist', 'file', '-show_entries', 'format=duration'];
	const r = spawnSync(ffprobe, [...args, '-of', 'csv=p=0', playlist]);
	return Number(r.stdout.toString().trim());
}

function extinf(media: string): number[] {
	return [...media.matchAll(/#EXTINF:([\d.]+)/g)].map((m) => Number(m[1]));
}

async function transcode(name: string, passthrough: boolean): Promise<HlsArchive> {
	const input = path.join(dir, name);
	const probe = await probeMedia(input, LIMITS);
	return transcodeToHls(input, path.join(dir, 'out', `${name}-${passthrough}`), {
		probe,
		passthrough
	});
}

describe('1080p pass-through', () => {
	it('copies H.264 1080p with a keyframe every 2 s, but not with one every 5 s', async () => {
		const gop2 = path.join(dir, 'gop2.mp4');
		const gop5 = path.join(dir, 'gop5.mp4');
		expect(await canPassThrough(gop2, await probeMedia(gop2, LIMITS))).toBe(true);
		expect(await canPassThrough(gop5, await probeMedia(gop5, LIMITS))).toBe(false);
		const small = path.join(dir, 'small.mp4');
		expect(await canPassThrough(small, await probeMedia(small, LIMITS))).toBe(false);
	});

	it('writes a playable, aligned 1080p/720p/360p/audio archive with CODECS and BANDWIDTH', async () => {
		const archive = await transcode('gop2.mp4', true);
		const outDir = path.dirname(archive.masterPlaylist);
		expect(archive.renditions.map((r) => [r.name, r.passthrough])).toEqual([
			['1080p', true],
			['720p', false],
			['360p', false],
			['audio', false]
		]);
		expect(await readdir(outDir)).toEqual(
			expect.arrayContaining(['1080p', '720p', '360p', 'audio', 'master.m3u8'])
		);
		const master = await readFile(archive.masterPlaylist, 'utf8');
		const variants = [...master.matchAll(/#EXT-X-STREAM-INF:([^\n]*)\n([^\n]+)/g)];
		expect(variants.map((v) => v[2])).toEqual([
			'1080p/index.m3u8',
			'720p/index.m3u8',
			'360p/index.m3u8'
		]);
		expect(variants[0]?.[1]).toMatch(/RESOLUTION=1920x1080,CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2"/);
		for (const [, attrs] of variants) {
			expect(Number(/BANDWIDTH=(\d+)/.exec(attrs ?? '')?.[1])).toBeGreaterThan(100_000);
			expect(attrs).toContain('AUDIO="audio"');
		}
		expect(master).toMatch(/#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio"[^\n]*URI="audio\/index.m3u8"/);

		const source = (await probeMedia(path.join(dir, 'gop2.mp4'), LIMITS)).durationSeconds;
		const videoSegments: number[][] = [];
		for (const r of archive.renditions) {
			const playlist = path.join(outDir, r.name, 'index.m3u8');
			const media = await readFile(playlist, 'utf8');
			expect(media).toContain('#EXT-X-MAP:URI="init.mp4"');
			expect(media).toContain('#EXT-X-PROGRAM-DATE-TIME:');
			expect(existsSync(path.join(outDir, r.name, 'init.mp4'))).toBe(true);
			expect(decode(playlist)).toEqual({ ok: true, stderr: '' });
			expect(Math.abs(playlistDuration(playlist) - source)).toBeLessThan(0.5);
			if (r.name !== 'audio') videoSegments.push(extinf(media));
		}
		// Aligned renditions: same segment count and the same durations, so players switch cleanly.
		for (const segments of videoSegments) {
			expect(segments.length).toBe(videoSegments[0]!.length);
			segments.forEach((d, i) => expect(Math.abs(d - videoSegments[0]![i]!)).toBeLessThan(0.05));
		}
		expect(archive.durationSeconds).toBeCloseTo(source, 0);
	}, 60_000);

	it('encodes every rendition when passthrough is off (5 s keyframes)', async () => {
		const archive = await transcode('gop5.mp4', false);
		expect(archive.renditions.map((r) => r.name)).toEqual(['720p', '360p', 'audio']);
		const media = await readFile(
			path.join(path.dirname(archive.masterPlaylist), '720p', 'index.m3u8'),
			'utf8'
		);
		expect(Math.max(...extinf(media))).toBeLessThanOrEqual(2.05);
	}, 60_000);
});

describe('poster and thumbnails', () => {
	it('writes a poster at most 1280 wide and one 320-wide thumbnail per chapter', async () => {
		const input = path.join(dir, 'gop2.mp4');
		const probe = await probeMedia(input, LIMITS);
		const poster = path.join(dir, 'stills', 'poster.jpg');
		await rm(path.dirname(poster), { recursive: true, force: true });
		await extractThumbnails(
			input,
			probe,
			[
				{ id: 'a1', startSeconds: 0 },
				{ id: 'b2', startSeconds: 5.5 }
			],
			path.join(dir, 'stills', 'thumbnails')
		);
		expect(await extractPoster(input, probe, poster)).toBe(true);
		const size = (file: string) => {
			const r = spawnSync(
				ffprobe,
				['-v', 'error', '-show_entries', 'stream=width,height,codec_name'].concat([
					'-of',
					'csv=p=0',
					file
				])
			);
			return r.stdout.toString().trim();
		};
		expect(size(poster)).toBe('mjpeg,1280,720');
		expect(await readdir(path.join(dir, 'stills', 'thumbnails'))).toEqual(['a1.jpg', 'b2.jpg']);
		expect(size(path.join(dir, 'stills', 'thumbnails', 'b2.jpg'))).toBe('mjpeg,320,180');
	}, 30_000);

	it('refuses chapter ids that are not plain names', async () => {
		const input = path.join(dir, 'small.mp4');
		const probe = await probeMedia(input, LIMITS);
		await expect(
			extractThumbnails(input, probe, [{ id: '../x', startSeconds: 0 }], path.join(dir, 't'))
		).rejects.toThrow(/Ungültig/);
	});
});

describe('peakBitrate', () => {
	it('takes the busiest 1-3 s stretch, not a short final segment alone', () => {
		const segments = [
			{ duration: 2, bytes: 250_000 },
			{ duration: 2, bytes: 500_000 },
			{ duration: 0.04, bytes: 50_000 }
		];
		// 500 kB in 2 s = 2 Mbit/s; the 0.04 s tail joins its neighbour: 550 kB in 2.04 s.
		expect(peakBitrate(segments)).toBe(Math.ceil((550_000 * 8) / 2.04));
	});
});
