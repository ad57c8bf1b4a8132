import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireFfmpeg } from '../../media/ffmpeg-lookup.ts';
import { eventually } from '../../testing/wait.ts';
import {
	startRtmpServer,
	type IngestCloseReason,
	type IngestRefusal,
	type IngestSession,
	type RtmpServer
} from './server.ts';
import { recordingLogger, startEncoder } from './test-support.ts';

// The brief reserves 19350-19359 for this helper's RTMP tests; this file uses the first.
const PORT = 19350;
const KEY = 'schluessel-4f9a2c';
const SECOND_KEY = 'zweiter-schluessel-77';

let ffmpeg: string;
let ffprobe: string;
let dir: string;
let server: RtmpServer;
const logger = recordingLogger();
const sessions: IngestSession[] = [];
const refusals: { meetingId: string | null; code: IngestRefusal; message: string }[] = [];

const url = (key: string) => `rtmp://127.0.0.1:${PORT}/live/${key}`;

beforeAll(async () => {
	const tools = await requireFfmpeg();
	ffmpeg = tools.ffmpeg;
	ffprobe = tools.ffprobe;
	dir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-rtmp-'));
	server = await startRtmpServer({
		host: '127.0.0.1',
		port: PORT,
		log: logger,
		async authorize(key) {
			if (key === KEY || key === SECOND_KEY) return { ok: true, meetingId: 'sitzung-1' };
			return { ok: false, code: 'badKey', message: 'Der Stream-Schlüssel ist ungültig.' };
		},
		onSession: (s) => void sessions.push(s),
		onRefused: (e) => void refusals.push(e),
		limits: { idleMs: 3_000 }
	});
});

afterAll(async () => {
	await server?.close();
	if (dir) await rm(dir, { recursive: true, force: true });
	// The key is a password: it must never reach a log line.
	expect(logger.lines.join('\n')).not.toContain(KEY);
	expect(logger.lines.join('\n')).not.toContain(SECOND_KEY);
});

function probe(file: string) {
	const r = spawnSync(ffprobe, [
		'-v',
		'error',
		'-show_streams',
		'-show_format',
		'-of',
		'json',
		file
	]);
	expect(r.status, r.stderr.toString()).toBe(0);
	return JSON.parse(r.stdout.toString()) as {
		streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
		format: { duration: string; format_name: string; start_time: string };
	};
}

function closed(session: IngestSession) {
	return new Promise<IngestCloseReason>((resolve) => session.once('close', resolve));
}

describe('RTMP ingest with ffmpeg as the encoder', () => {
	it('accepts the right key and hands out a clean FLV with stats', async () => {
		const encoder = startEncoder(ffmpeg, url(`${KEY}?token=egal`));
		const session = await eventually(async () => sessions[0], 'Sitzung');
		expect(session.meetingId).toBe('sitzung-1');
		expect(server.sessions()).toEqual([session]);
		const file = path.join(dir, 'ok.flv');
		const written = pipeline(session.flv, createWriteStream(file));
		const reason = closed(session);
		const stats = await eventually(async () => {
			const s = session.stats();
			return s.keyframeIntervalSeconds !== null && s.bitrateKbps > 0 && s;
		}, 'Statistik');
		const run = await encoder.done;
		expect(run.code, run.stderr).toBe(0);
		expect(await reason).toBe('ended');
		await written;

		expect(stats).toMatchObject({
			videoCodec: 'h264',
			audioCodec: 'aac',
			width: 320,
			height: 180,
			fps: 25
		});
		expect(stats.keyframeIntervalSeconds).toBe(2);
		expect(stats.publishedAt).toBeInstanceOf(Date);
		expect(stats.firstMediaAt!.getTime()).toBeGreaterThanOrEqual(stats.publishedAt!.getTime());
		expect(stats.bytesReceived).toBeGreaterThan(10_000);

		const info = probe(file);
		expect(info.format.format_name).toBe('flv');
		expect(info.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
		expect(info.streams.find((s) => s.codec_type === 'video')).toMatchObject({
			width: 320,
			height: 180
		});
		// Rebased: the first media tag is at 0 whatever the encoder's clock said.
		expect(Number(info.format.start_time)).toBeLessThan(0.1);
		expect(Number(info.format.duration)).toBeGreaterThan(3.5);
		expect(Number(info.format.duration)).toBeLessThan(4.6);
		expect(server.sessions()).toEqual([]);
	});

	it('refuses a wrong key before any session exists', async () => {
		const before = sessions.length;
		const run = await startEncoder(ffmpeg, url('falscher-schluessel')).done;
		expect(run.code).not.toBe(0);
		expect(run.stderr).toContain('Der Stream-Schlüssel ist ungültig.');
		expect(refusals.at(-1)).toMatchObject({ meetingId: null, code: 'badKey' });
		expect(sessions.length).toBe(before);
	});

	it('refuses a second encoder for the same meeting and keeps the first', async () => {
		const before = sessions.length;
		const first = startEncoder(ffmpeg, url(KEY), { seconds: 5 });
		const session = await eventually(async () => sessions[before], 'erste Sitzung');
		const second = await startEncoder(ffmpeg, url(SECOND_KEY), { seconds: 2 }).done;
		expect(second.code).not.toBe(0);
		expect(second.stderr).toContain('Für diese Sitzung sendet bereits ein Encoder.');
		expect(refusals.at(-1)).toMatchObject({ meetingId: 'sitzung-1', code: 'busy' });
		session.flv.resume();
		const reason = closed(session);
		expect((await first.done).code).toBe(0);
		expect(await reason).toBe('ended');
		expect(sessions.length).toBe(before + 1);
	});

	it.each([
		['video flv1', { video: 'flv1' as const }, 'Videoformat Sorenson H.263'],
		['audio pcm_s16le', { audio: 'pcm_s16le' as const }, 'Tonformat PCM'],
		['audio nellymoser', { audio: 'nellymoser' as const }, 'Tonformat Nellymoser']
	])('refuses %s with a German hint', async (_name, codecs, hint) => {
		const refused = refusals.length;
		const run = await startEncoder(ffmpeg, url(KEY), { seconds: 3, ...codecs }).done;
		expect(run.code).not.toBe(0);
		const refusal = refusals.slice(refused).find((r) => r.code === 'codec');
		expect(refusal?.message).toContain(hint);
		expect(refusal?.meetingId).toBe('sitzung-1');
		expect(server.sessions()).toEqual([]);
		expect(await closed(sessions.at(-1)!)).toBe('codec');
	});

	it('closes with dropped when the encoder is killed, and the FLV ends cleanly', async () => {
		const before = sessions.length;
		const encoder = startEncoder(ffmpeg, url(KEY), { seconds: 20 });
		const session = await eventually(async () => sessions[before], 'Sitzung');
		const file = path.join(dir, 'dropped.flv');
		const written = pipeline(session.flv, createWriteStream(file));
		const reason = closed(session);
		await eventually(
			async () => session.stats().keyframeIntervalSeconds !== null,
			'zwei Keyframes'
		);
		encoder.kill('SIGKILL');
		expect(await reason).toBe('dropped');
		await written;
		const info = probe(file);
		expect(Number(info.format.duration)).toBeGreaterThan(1.5);
		expect(server.sessions()).toEqual([]);
	});
});
