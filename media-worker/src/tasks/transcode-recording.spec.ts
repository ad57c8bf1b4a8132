import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaStore } from '../../../src/lib/server/media/media-store.ts';
import {
	findRecording,
	type Recording
} from '../../../src/lib/server/meetings/recordings.repository.ts';
import {
	cancelTranscode,
	queueThumbnails,
	queueTranscode
} from '../../../src/lib/server/meetings/transcode-jobs.ts';
import {
	createMeetingWithAgenda,
	createSourceRecording,
	storeSource
} from '../../../src/lib/server/testing/recording-fixtures.ts';
import { createTestApp, type TestApp } from '../../../src/lib/server/testing/test-app.ts';
import { eventually } from '../../../src/lib/server/testing/wait.ts';
import { startWorkers } from '../worker.ts';

let app: TestApp;
let dataDir: string;

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-transcode-'));
	app = await createTestApp({ DATA_DIR: dataDir });
	await startWorkers(app.ctx);
}, 30_000);

afterAll(async () => {
	await app?.close();
	if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const mediaRoot = () => path.join(dataDir, 'media');

async function settled(id: string, timeoutMs = 60_000): Promise<Recording> {
	return eventually(
		async () => {
			const r = await findRecording(app.database.db, id);
			return r && ['ready', 'failed', 'cancelled'].includes(r.state) && r;
		},
		'recording settled',
		timeoutMs
	);
}

async function jobState(name: string, id: string): Promise<string | undefined> {
	const [job] = await app.boss.findJobs(name, { id });
	return job?.state;
}

describe('transcode-recording', () => {
	it('turns an upload into a published archive with poster and public thumbnails only', async () => {
		const { db } = app.database;
		const { meetingId, itemIds } = await createMeetingWithAgenda(db, [
			{ number: 'TOP 1', chapterStartMs: 0 },
			{ number: 'TOP 2', chapterStartMs: 3_000 },
			{ number: 'N 1', public: false, chapterStartMs: 5_000 },
			{ number: 'TOP 3' }
		]);
		const recording = await createSourceRecording(app.ctx, meetingId, {
			seconds: 8,
			width: 640,
			height: 360
		});
		expect(recording.state).toBe('queued');
		const jobId = await queueTranscode(app.ctx, recording.id);
		const ready = await settled(recording.id);
		expect(ready).toMatchObject({ state: 'ready', progress: 1, error: null, width: 640 });
		expect(Math.abs((ready.durationMs ?? 0) - 8_000)).toBeLessThan(500);
		expect(ready.renditions.map((r) => r.name)).toEqual(['360p', 'audio']);
		expect(ready.outputPrefix).toMatch(new RegExp(`^recordings/${recording.id}/v\\d{8}T\\d{6}Z-`));
		const out = path.join(mediaRoot(), ...ready.outputPrefix!.split('/'));
		expect(existsSync(path.join(out, 'master.m3u8'))).toBe(true);
		expect(existsSync(path.join(out, 'poster.jpg'))).toBe(true);
		expect((await readdir(path.join(out, 'thumbnails'))).sort()).toEqual(
			[`${itemIds[0]}.jpg`, `${itemIds[1]}.jpg`].sort()
		);
		const meeting = await db
			.selectFrom('meetings')
			.select('has_recording')
			.where('id', '=', meetingId)
			.executeTakeFirstOrThrow();
		expect(meeting.has_recording).toBe(true);
		await eventually(
			async () => (await jobState('transcode-recording', jobId!)) === 'completed',
			'job done'
		);

		// Chapter marks move: the thumbnails job redraws them for the current version.
		await db
			.updateTable('agenda_items')
			.set({ chapter_start_ms: null })
			.where('id', '=', itemIds[0]!)
			.execute();
		await db
			.updateTable('agenda_items')
			.set({ chapter_start_ms: 6_000 })
			.where('id', '=', itemIds[3]!)
			.execute();
		const thumbJob = await queueThumbnails(app.ctx, recording.id);
		await eventually(
			async () => (await jobState('recording-thumbnails', thumbJob!)) === 'completed',
			'thumbnails redrawn',
			30_000
		);
		expect((await readdir(path.join(out, 'thumbnails'))).sort()).toEqual(
			[`${itemIds[1]}.jpg`, `${itemIds[3]}.jpg`].sort()
		);

		// A new upload replaces the archive; the old version's folder goes.
		const again = await createSourceRecording(app.ctx, meetingId, {
			seconds: 4,
			width: 320,
			height: 180
		});
		expect(again.outputPrefix).toBe(ready.outputPrefix);
		await queueTranscode(app.ctx, again.id);
		const second = await eventually(
			async () => {
				const r = await findRecording(db, again.id);
				return r?.state === 'ready' && r.outputPrefix !== ready.outputPrefix && r;
			},
			'second archive',
			60_000
		);
		expect(second.height).toBe(180);
		// The old version goes right after the new one is marked ready (never before).
		await eventually(async () => !existsSync(out), 'old version deleted');
		expect(await readdir(path.join(mediaRoot(), 'recordings', recording.id))).toEqual([
			second.outputPrefix!.split('/')[2]
		]);
		expect(await readdir(path.join(mediaRoot(), '.work'))).not.toContain(
			`transcode-${recording.id}`
		);
	}, 120_000);

	it('stops when the clerk cancels: state cancelled, nothing published', async () => {
		const { meetingId } = await createMeetingWithAgenda(app.database.db, []);
		const recording = await createSourceRecording(app.ctx, meetingId, {
			seconds: 90,
			width: 640,
			height: 360
		});
		const jobId = await queueTranscode(app.ctx, recording.id);
		// Progress rows while ffmpeg works: the clerk's bar moves and shows a remaining time.
		const running = await eventually(
			async () => {
				const r = await findRecording(app.database.db, recording.id);
				return r?.state === 'processing' && r.progress > 0 && r;
			},
			'progress',
			30_000
		);
		expect(running.progress).toBeLessThan(1);
		expect(await cancelTranscode(app.ctx, recording.id)).toBe(true);
		const done = await settled(recording.id);
		expect(done.state).toBe('cancelled');
		expect(done.outputPrefix).toBeNull();
		await eventually(
			async () =>
				(await readdir(path.join(mediaRoot(), '.work'))).every((n) => !n.includes(recording.id)),
			'work folder removed'
		);
		expect(existsSync(path.join(mediaRoot(), 'recordings', recording.id))).toBe(false);
		expect(['cancelled', 'completed']).toContain(await jobState('transcode-recording', jobId!));
	}, 60_000);

	it('refuses a playlist disguised as MP4 with the German message, fetching nothing, no retry', async () => {
		const hits: string[] = [];
		const server = createServer((req, res) => {
			hits.push(req.url ?? '');
			res.end();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as { port: number };
		try {
			const { meetingId } = await createMeetingWithAgenda(app.database.db, []);
			const evil = path.join(dataDir, 'sitzung.mp4');
			await writeFile(
				evil,
				`#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nhttp://127.0.0.1:${port}/segment.ts\n#EXT-X-ENDLIST\n`
			);
			const recording = await storeSource(app.ctx, meetingId, evil);
			const jobId = await queueTranscode(app.ctx, recording.id);
			const done = await settled(recording.id);
			expect(done.state).toBe('failed');
			expect(done.error).toBe(
				'Dieses Dateiformat ist nicht erlaubt (erlaubt: MP4, MOV, MKV, WebM).'
			);
			expect(done.outputPrefix).toBeNull();
			await eventually(
				async () => (await jobState('transcode-recording', jobId!)) === 'completed',
				'completed without retry'
			);
		} finally {
			server.close();
		}
		expect(hits).toEqual([]);
	}, 30_000);

	it('refuses an empty upload', async () => {
		const { meetingId } = await createMeetingWithAgenda(app.database.db, []);
		const empty = path.join(dataDir, 'leer.mp4');
		await writeFile(empty, '');
		const recording = await storeSource(app.ctx, meetingId, empty);
		await queueTranscode(app.ctx, recording.id);
		expect(await settled(recording.id)).toMatchObject({
			state: 'failed',
			error: 'Die Datei ist leer.'
		});
	});
});

describe('media store layout', () => {
	it('keeps work folders inside the store (renames stay atomic)', () => {
		expect(mediaStore(app.ctx.config).workDir.startsWith(mediaRoot())).toBe(true);
	});
});
