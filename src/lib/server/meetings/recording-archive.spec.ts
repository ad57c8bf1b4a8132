import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeetingWithAgenda } from '../testing/recording-fixtures.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { newArchiveVersion, progressWriter, remainingSeconds } from './recording-archive.ts';
import { findRecording, setRecordingJob, setRecordingSource } from './recordings.repository.ts';
import { isMediaKey } from '../media/media-store.ts';

let app: TestApp;
beforeAll(async () => {
	app = await createTestApp();
});
afterAll(async () => {
	await app?.close();
});

describe('archive versions', () => {
	it('are valid, distinct media keys that sort by time', () => {
		const a = newArchiveVersion(new Date('2026-11-25T14:00:00.123Z'));
		const b = newArchiveVersion(new Date('2026-11-25T14:00:01Z'));
		expect(a).toMatch(/^v20261125T140000Z-[0-9a-f]{6}$/);
		expect(isMediaKey(`recordings/x/${a}`)).toBe(true);
		expect([b, a].sort()).toEqual([a, b]);
	});
});

describe('remaining time', () => {
	it('comes from ffmpeg speed, else from the pace so far', () => {
		expect(remainingSeconds({ seconds: 60, fraction: 0.5, speed: 2 }, 120, 30_000)).toBe(30);
		expect(remainingSeconds({ seconds: 30, fraction: 0.25, speed: null }, 120, 10_000)).toBe(30);
		expect(remainingSeconds({ seconds: 0, fraction: 0, speed: null }, 120, 1_000)).toBeNull();
	});
});

describe('progressWriter', () => {
	it('writes the first report, skips the burst after it, and only while the job owns the recording', async () => {
		const { db } = app.database;
		const { meetingId } = await createMeetingWithAgenda(db, []);
		const recording = await setRecordingSource(db, {
			meetingId,
			sourceKey: 'uploads/x/source',
			sourceName: 'x.mp4',
			sourceBytes: 1,
			startedAt: new Date(),
			userId: null
		});
		await setRecordingJob(db, recording.id, 'job-1');
		const writer = progressWriter(db, recording.id, 'job-1', 100, (err) => {
			throw err;
		});
		writer.report({ seconds: 10, fraction: 0.1, speed: 5 });
		writer.report({ seconds: 20, fraction: 0.2, speed: 5 });
		await writer.flush();
		expect(await findRecording(db, recording.id)).toMatchObject({
			state: 'processing',
			progress: expect.closeTo(0.1, 5),
			etaSeconds: 18
		});
		const stranger = progressWriter(db, recording.id, 'job-2', 100, () => undefined);
		stranger.report({ seconds: 50, fraction: 0.5, speed: 1 });
		await stranger.flush();
		expect((await findRecording(db, recording.id))?.progress).toBeCloseTo(0.1, 5);
	});
});
