import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isContainerComplete } from './container-check.ts';
import { findFfmpeg } from './ffmpeg.ts';

let dir: string;
const files: Record<string, string> = {};

beforeAll(async () => {
	const found = await findFfmpeg();
	if (!found.ok) throw new Error(`Diese Tests brauchen ffmpeg: ${found.message}`);
	dir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-container-'));
	const base = ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i'];
	const video = [
		'testsrc2=size=160x90:rate=10',
		'-t',
		'2',
		'-c:v',
		'libx264',
		'-preset',
		'ultrafast'
	];
	for (const [name, extra] of [
		['front.mp4', ['-movflags', '+faststart']],
		['back.mov', []],
		['fragmented.mp4', ['-movflags', 'frag_keyframe+empty_moov']],
		['clip.mkv', []]
	] as const) {
		const out = path.join(dir, name);
		const r = spawnSync(found.ffmpeg, [...base, ...video, ...extra, out]);
		if (r.status !== 0) throw new Error(r.stderr.toString());
		files[name] = out;
	}
}, 30_000);

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

async function cut(name: string, keep: number): Promise<string> {
	const bytes = await readFile(files[name]!);
	const out = path.join(dir, `cut-${name}`);
	await writeFile(out, bytes.subarray(0, Math.floor(bytes.length * keep)));
	return out;
}

describe('isContainerComplete', () => {
	it('accepts whole MP4, MOV, fragmented MP4 and MKV files', async () => {
		expect(await isContainerComplete(files['front.mp4']!, 'mov,mp4,m4a,3gp,3g2,mj2')).toBe(true);
		expect(await isContainerComplete(files['back.mov']!, 'mov,mp4,m4a,3gp,3g2,mj2')).toBe(true);
		expect(await isContainerComplete(files['fragmented.mp4']!, 'mov,mp4,m4a,3gp,3g2,mj2')).toBe(
			true
		);
		expect(await isContainerComplete(files['clip.mkv']!, 'matroska,webm')).toBe(true);
	});

	it('refuses the same files cut short', async () => {
		for (const name of ['front.mp4', 'back.mov', 'fragmented.mp4']) {
			expect(await isContainerComplete(await cut(name, 0.6), 'mov,mp4,m4a,3gp,3g2,mj2')).toBe(
				false
			);
		}
		expect(await isContainerComplete(await cut('clip.mkv', 0.6), 'matroska,webm')).toBe(false);
	});

	it('refuses formats it does not know', async () => {
		expect(await isContainerComplete(files['clip.mkv']!, 'hls')).toBe(false);
	});
});
