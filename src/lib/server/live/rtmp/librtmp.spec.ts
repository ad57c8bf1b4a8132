import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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
import { recordingLogger } from './test-support.ts';

// OBS Studio publishes through librtmp, not ffmpeg's RTMP client; this drives the system's
// librtmp (a dependency of Debian's ffmpeg) through Python's ctypes to prove both clients work.
const PORT = 19353;
const KEY = 'obs-schluessel-31';
const script = path.join(import.meta.dirname, 'fixtures', 'librtmp-publish.py');
const librtmpFound =
	spawnSync('python3', ['-c', 'import ctypes; ctypes.CDLL("librtmp.so.1")']).status === 0;
if (!librtmpFound) console.warn('librtmp.spec.ts übersprungen: python3 oder librtmp.so.1 fehlt.');

function publish(key: string, file: string) {
	return new Promise<{ code: number | null; output: string }>((resolve) => {
		const child = spawn('python3', [script, `rtmp://127.0.0.1:${PORT}/live/${key}`, file]);
		let output = '';
		child.stdout.on('data', (d: Buffer) => (output += d.toString()));
		child.stderr.on('data', (d: Buffer) => (output += d.toString()));
		child.on('close', (code) => resolve({ code, output }));
	});
}

describe.skipIf(!librtmpFound)('RTMP ingest with librtmp (OBS) as the encoder', () => {
	let dir: string;
	let input: string;
	let server: RtmpServer;
	const sessions: IngestSession[] = [];
	const refusals: { code: IngestRefusal; message: string }[] = [];

	beforeAll(async () => {
		const { ffmpeg } = await requireFfmpeg();
		dir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-librtmp-'));
		input = path.join(dir, 'in.flv');
		const lavfi = ['-f', 'lavfi', '-i'];
		const r = spawnSync(ffmpeg, [
			'-hide_banner',
			'-v',
			'error',
			'-y',
			...lavfi,
			'testsrc2=size=320x180:rate=25',
			...lavfi,
			'sine=frequency=440',
			'-c:v',
			'libx264',
			'-preset',
			'ultrafast',
			'-g',
			'50',
			'-c:a',
			'aac',
			'-t',
			'3',
			input
		]);
		expect(r.status, r.stderr.toString()).toBe(0);
		expect(existsSync(script)).toBe(true);
		server = await startRtmpServer({
			host: '127.0.0.1',
			port: PORT,
			log: recordingLogger(),
			authorize: async (key) =>
				key === KEY
					? { ok: true, meetingId: 'sitzung-obs' }
					: { ok: false, code: 'badKey', message: 'Der Stream-Schlüssel ist ungültig.' },
			onSession: (s) => void sessions.push(s),
			onRefused: (e) => void refusals.push(e)
		});
	});

	afterAll(async () => {
		await server?.close();
		if (dir) await rm(dir, { recursive: true, force: true });
	});

	it('publishes, with stats from the stream, and ends cleanly', async () => {
		const run = publish(KEY, input);
		const session = await eventually(async () => sessions[0], 'Sitzung');
		session.flv.resume();
		const reason = new Promise<IngestCloseReason>((resolve) => session.once('close', resolve));
		const result = await run;
		expect(result.code, result.output).toBe(0);
		expect(await reason).toBe('ended');
		expect(session.stats()).toMatchObject({
			videoCodec: 'h264',
			audioCodec: 'aac',
			width: 320,
			height: 180,
			keyframeIntervalSeconds: 2
		});
	});

	it('refuses a wrong key; librtmp shows the German reason', async () => {
		const result = await publish('falsch', input);
		expect(result.code).toBe(4);
		expect(result.output).toContain('onStatus: NetStream.Publish.BadName');
		expect(result.output).toContain('Der Stream-Schlüssel ist ungültig.');
		expect(result.output).not.toContain('NetStream.Publish.Start');
		expect(refusals.at(-1)?.code).toBe('badKey');
		expect(sessions).toHaveLength(1);
	});
});
