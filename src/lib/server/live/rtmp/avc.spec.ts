import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireFfmpeg } from '../../media/ffmpeg-lookup.ts';
import { formatFromAvcSequenceHeader } from './avc.ts';
import { isAvcSequenceHeader } from './flv.ts';
import { MediaWriter } from './media.ts';
import { StatsTracker } from './stats.ts';

let ffmpeg: string;
let dir: string;

beforeAll(async () => {
	({ ffmpeg } = await requireFfmpeg());
	dir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-avc-'));
});
afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

/** The AVC sequence header tag of a short FLV that ffmpeg's x264 encodes. */
async function sequenceHeader(size: string, rate: string, extra: string[] = []): Promise<Buffer> {
	const file = path.join(dir, `${size}-${rate.replace('/', '_')}-${extra.join('')}.flv`);
	const r = spawnSync(ffmpeg, [
		...[
			'-hide_banner',
			'-v',
			'error',
			'-y',
			'-f',
			'lavfi',
			'-i',
			`testsrc2=size=${size}:rate=${rate}`
		],
		...['-frames:v', '2', '-c:v', 'libx264', '-preset', 'ultrafast', ...extra, file]
	]);
	expect(r.status, r.stderr.toString()).toBe(0);
	const flv = await readFile(file);
	for (let pos = 13; pos < flv.length;) {
		const length = flv.readUIntBE(pos + 1, 3);
		const data = flv.subarray(pos + 11, pos + 11 + length);
		if (flv[pos] === 9 && isAvcSequenceHeader(data)) return data;
		pos += 11 + length + 4;
	}
	throw new Error('Kein AVC-Sequenzkopf');
}

describe('H.264 SPS', () => {
	it.each([
		['320x180', '25', [], { width: 320, height: 180, fps: 25 }],
		// 360 is not a multiple of 16: the SPS crops 8 lines off 23 macroblock rows.
		['640x360', '30000/1001', [], { width: 640, height: 360, fps: 29.97 }],
		['1280x720', '50', ['-profile:v', 'baseline'], { width: 1280, height: 720, fps: 50 }],
		['320x240', '25', ['-pix_fmt', 'yuv444p'], { width: 320, height: 240, fps: 25 }]
	])('reads %s at %s fps from what x264 writes', async (size, rate, extra, expected) => {
		expect(formatFromAvcSequenceHeader(await sequenceHeader(size, rate, extra))).toEqual(expected);
	});

	it('gives MediaWriter the real size when onMetaData is missing or wrong', async () => {
		const header = await sequenceHeader('640x360', '25');
		for (const meta of [null, { width: 1920, height: 1080, framerate: 50 }]) {
			const stats = new StatsTracker();
			const writer = new MediaWriter(new Readable({ read() {} }), stats);
			if (meta) writer.script(['onMetaData', meta]);
			writer.write(9, 0, header);
			const s = stats.snapshot(0);
			expect([s.width, s.height, s.fps]).toEqual([640, 360, meta ? 50 : 25]);
		}
	});

	it('returns null for a truncated or empty record instead of throwing', async () => {
		const header = await sequenceHeader('320x180', '25');
		for (const cut of [3, 8, 12, 16])
			expect(formatFromAvcSequenceHeader(header.subarray(0, cut))).toBeNull();
		expect(
			formatFromAvcSequenceHeader(Buffer.from([0x17, 0, 0, 0, 0, 1, 100, 0, 31, 0xff, 0xe0]))
		).toBeNull();
	});
});
