import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../media/ffmpeg.ts';
import { mediaStore } from '../media/media-store.ts';
import { findRecordingByMeeting } from '../meetings/recordings.repository.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { DEMO_RECORDED_MEETING_ID } from './demo-ids.ts';
import { seedDemoRecording } from './demo-recording.ts';

let app: TestApp;
let dataDir: string;
const startsAt = new Date('2026-11-05T17:00:00Z');

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-demo-rec-'));
	app = await createTestApp({ DATA_DIR: dataDir });
});
afterAll(async () => {
	await app?.close();
	if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function createDemoMeeting() {
	const { db } = app.database;
	const body = await db
		.insertInto('bodies')
		.values({ name: 'Rat der Stadt Hennef', classification: 'Rat' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('meetings')
		.values({
			id: DEMO_RECORDED_MEETING_ID,
			body_id: body.id,
			name: 'Sitzung des Rates',
			starts_at: startsAt,
			state: 'held',
			updated_at: new Date()
		})
		.execute();
}

describe('seedDemoRecording', () => {
	it('does nothing before the demo meeting exists or without ffmpeg', async () => {
		expect(await seedDemoRecording(app.ctx, { E2E: '1' })).toBeNull();
		await createDemoMeeting();
		const noFfmpeg = { E2E: '1', FFMPEG_PATH: '/nonexistent/ffmpeg' };
		expect(await seedDemoRecording(app.ctx, noFfmpeg)).toBeNull();
		expect(await findRecordingByMeeting(app.database.db, DEMO_RECORDED_MEETING_ID)).toBeNull();
	});

	it('stores a 3-minute test recording as the source and queues its transcode, once', async () => {
		const id = await seedDemoRecording(app.ctx, { E2E: '1' });
		const recording = await findRecordingByMeeting(app.database.db, DEMO_RECORDED_MEETING_ID);
		expect(recording).toMatchObject({ id, state: 'queued', startedAt: startsAt });
		expect(recording?.jobId).toBeTruthy();
		const [job] = await app.boss.findJobs('transcode-recording', { id: recording!.jobId! });
		expect(job?.data).toEqual({ recordingId: id });
		const source = await mediaStore(app.ctx.config).localPath(recording!.sourceKey!);
		const probe = await probeMedia(source!, { maxBytes: 1024 ** 3, maxDurationSeconds: 3600 });
		expect(probe.durationSeconds).toBeCloseTo(180, 0);
		expect(probe.video).toMatchObject({ codec: 'h264', width: 640, height: 360 });
		expect(probe.audio?.codec).toBe('aac');
		expect(await seedDemoRecording(app.ctx, { E2E: '1' })).toBeNull();
	}, 120_000);
});
