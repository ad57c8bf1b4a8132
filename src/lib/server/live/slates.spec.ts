import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLATE_KINDS } from '../../live/types.ts';
import { findFfmpeg } from '../media/ffmpeg.ts';
import { prepareSlates, renderSlatePicture, wrapText } from './slates.ts';

let dir: string;
let ffmpeg: string;
let ffprobe: string;

const RENDITIONS = [
	{ name: '720p', width: 1280, height: 720, kind: 'video' as const },
	{ name: '360p', width: 640, height: 360, kind: 'video' as const },
	{ name: 'audio', width: 0, height: 0, kind: 'audio' as const }
];

beforeAll(async () => {
	const found = await findFfmpeg();
	if (!found.ok) throw new Error(`Die Tafel-Tests brauchen ffmpeg: ${found.message}`);
	({ ffmpeg, ffprobe } = found);
	dir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-slates-'));
});

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

async function joined(slateDir: string): Promise<string> {
	const file = path.join(
		dir,
		`joined-${path.basename(path.dirname(slateDir))}-${path.basename(slateDir)}.mp4`
	);
	const bytes = [
		await readFile(path.join(slateDir, 'init.mp4')),
		await readFile(path.join(slateDir, 'segment.m4s'))
	];
	await writeFile(file, Buffer.concat(bytes));
	return file;
}

function streamInfo(file: string) {
	const r = spawnSync(ffprobe, [
		...['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,profile,width,height'],
		...['-show_entries', 'stream=sample_rate,channels,duration', '-of', 'json', file]
	]);
	expect(r.status).toBe(0);
	const json = JSON.parse(r.stdout.toString()) as { streams: Record<string, string | number>[] };
	return json.streams[0]!;
}

function maxVolume(file: string): number {
	const r = spawnSync(ffmpeg, [
		'-hide_banner',
		'-i',
		file,
		'-af',
		'volumedetect',
		'-f',
		'null',
		'-'
	]);
	const match = /max_volume: (-?[\d.]+|-inf) dB/.exec(r.stderr.toString());
	return match?.[1] === '-inf' ? -Infinity : Number(match?.[1]);
}

describe('renderSlatePicture', () => {
	it('uses a font that is installed (fontconfig finds DejaVu Sans)', () => {
		const r = spawnSync('fc-list', [':family=DejaVu Sans']);
		expect(r.stdout.toString()).toMatch(/DejaVuSans/);
	});

	it('draws large white text on black, inside the picture, different per kind', async () => {
		const pictures = await Promise.all(SLATE_KINDS.map((k) => renderSlatePicture(k, 640, 360)));
		for (const png of pictures) {
			const { width, height } = await sharp(png).metadata();
			expect([width, height]).toEqual([640, 360]);
			const { channels } = await sharp(png).stats();
			// Text covers a few percent of the picture: the mean rises above black but stays low.
			expect(channels[0]!.max).toBe(255);
			expect(channels[0]!.mean).toBeGreaterThan(4);
			expect(channels[0]!.mean).toBeLessThan(80);
			// Wrapped lines keep clear of the left and right edges.
			for (const left of [0, 640 - 16]) {
				const strip = await sharp(png).extract({ left, top: 0, width: 16, height: 360 }).toBuffer();
				const edge = await sharp(strip).stats();
				expect(edge.channels[0]!.max).toBe(0);
			}
		}
		expect(pictures[0]!.equals(pictures[1]!)).toBe(false);
		expect(pictures[1]!.equals(pictures[2]!)).toBe(false);
	});

	it('wraps text at spaces', () => {
		expect(wrapText('Ohne Einwilligung der sprechenden Person', 20)).toEqual([
			'Ohne Einwilligung',
			'der sprechenden',
			'Person'
		]);
	});
});

describe('prepareSlates', () => {
	it('encodes every kind for every rendition: 2.000 s, right size, silent', async () => {
		const out = path.join(dir, 'slates');
		const prepared = await prepareSlates(out, RENDITIONS, { fps: 25 });
		expect(prepared).toHaveLength(SLATE_KINDS.length * RENDITIONS.length);
		for (const kind of SLATE_KINDS) {
			expect((await readdir(path.join(out, kind))).sort()).toEqual(['360p', '720p', 'audio']);
			for (const r of RENDITIONS) {
				const slateDir = path.join(out, kind, r.name);
				expect((await readdir(slateDir)).sort()).toEqual(['init.mp4', 'segment.m4s']);
				const file = await joined(slateDir);
				const info = streamInfo(file);
				if (r.kind === 'video') {
					expect(info).toMatchObject({ codec_name: 'h264', profile: 'Main' });
					expect([info.width, info.height]).toEqual([r.width, r.height]);
					expect(Math.abs(Number(info.duration) - 2)).toBeLessThanOrEqual(0.04);
				} else {
					expect(info).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
					expect(Math.abs(Number(info.duration) - 2)).toBeLessThanOrEqual(1024 / 48000);
					expect(maxVolume(file)).toBeLessThan(-90);
				}
			}
		}
	}, 60_000);

	it('keeps slates that exist and fills in a missing one', async () => {
		const out = path.join(dir, 'again');
		const renditions = [RENDITIONS[1]!, RENDITIONS[2]!];
		await prepareSlates(out, renditions, { fps: 25 });
		const kept = path.join(out, 'gap', '360p', 'segment.m4s');
		const before = (await stat(kept)).mtimeMs;
		await rm(path.join(out, 'consent', 'audio'), { recursive: true });

		const prepared = await prepareSlates(out, renditions, { fps: 25 });
		expect(prepared).toHaveLength(6);
		expect((await stat(kept)).mtimeMs).toBe(before);
		expect((await readdir(path.join(out, 'consent', 'audio'))).sort()).toEqual([
			'init.mp4',
			'segment.m4s'
		]);
	}, 60_000);

	it('matches an NTSC camera: 60 frames at 29.97 fps', async () => {
		const out = path.join(dir, 'ntsc');
		const small = [{ name: '180p', width: 320, height: 180, kind: 'video' as const }];
		await prepareSlates(out, small, { fps: 29.97 });
		const r = spawnSync(ffprobe, [
			...['-v', 'error', '-count_frames', '-show_entries', 'stream=nb_read_frames,r_frame_rate'],
			...['-of', 'json', await joined(path.join(out, 'gap', '180p'))]
		]);
		const info = (JSON.parse(r.stdout.toString()) as { streams: Record<string, string>[] })
			.streams[0]!;
		expect(info).toMatchObject({ nb_read_frames: '60', r_frame_rate: '30000/1001' });
	}, 60_000);
});
