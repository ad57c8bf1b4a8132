import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRecording } from '../../../src/lib/server/meetings/recordings.repository.ts';
import { queueTranscode } from '../../../src/lib/server/meetings/transcode-jobs.ts';
import {
	createMeetingWithAgenda,
	createSourceRecording
} from '../../../src/lib/server/testing/recording-fixtures.ts';
import { createTestApp, type TestApp } from '../../../src/lib/server/testing/test-app.ts';
import { eventually } from '../../../src/lib/server/testing/wait.ts';

// A separate worker process needs PostgreSQL (PGlite serves one process), so this runs only there.
const onPostgres = !!process.env.DATABASE_URL;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

let app: TestApp;
let dataDir: string;
const children: ChildProcess[] = [];

function startWorkerProcess(): ChildProcess {
	const child = spawn(process.execPath, ['media-worker/src/main.ts'], {
		cwd: root,
		env: {
			...process.env,
			DATABASE_URL: app.database.url,
			DATA_DIR: dataDir,
			LOG_LEVEL: 'error',
			// Two workers must not both try to hold the live ingest's port.
			LIVE_INGEST: '0'
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	children.push(child);
	return child;
}

describe.skipIf(!onPostgres)('a killed worker', () => {
	beforeAll(async () => {
		dataDir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-restart-'));
		app = await createTestApp({ DATA_DIR: dataDir });
	}, 30_000);

	afterAll(async () => {
		for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
		await app?.close();
		if (dataDir) await rm(dataDir, { recursive: true, force: true });
	});

	it('loses its job to another worker, which redoes it cleanly', async () => {
		const { meetingId } = await createMeetingWithAgenda(app.database.db, []);
		const recording = await createSourceRecording(app.ctx, meetingId, {
			seconds: 60,
			width: 640,
			height: 360
		});
		await queueTranscode(app.ctx, recording.id);
		const first = startWorkerProcess();
		await eventually(
			async () => {
				const r = await findRecording(app.database.db, recording.id);
				return r?.state === 'processing' && r.progress > 0;
			},
			'first worker transcoding',
			60_000
		);
		// A crash, not a shutdown: no chance to release the job or clean up.
		first.kill('SIGKILL');
		await new Promise((resolve) => first.once('exit', resolve));
		const work = path.join(dataDir, 'media', '.work');
		expect(await readdir(work)).toContain(`transcode-${recording.id}`);

		startWorkerProcess();
		// The missing heartbeat fails the job after 30 s; pg-boss then retries it after its delay.
		// supervise() runs the heartbeat check now instead of at the next minute.
		const ready = await eventually(
			async () => {
				await app.boss.supervise('transcode-recording');
				const r = await findRecording(app.database.db, recording.id);
				return r?.state === 'ready' && r;
			},
			'ready after restart',
			240_000
		);
		expect(ready.progress).toBe(1);
		expect(Math.abs((ready.durationMs ?? 0) - 60_000)).toBeLessThan(500);
		// The task removes its work folder right after marking the recording ready.
		await eventually(
			async () => !(await readdir(work)).includes(`transcode-${recording.id}`),
			'work folder removed',
			10_000
		);
		const versions = await readdir(path.join(dataDir, 'media', 'recordings', recording.id));
		expect(versions).toEqual([ready.outputPrefix!.split('/')[2]]);
		expect(existsSync(path.join(dataDir, 'media', ready.outputPrefix!, 'master.m3u8'))).toBe(true);
	}, 300_000);
});
