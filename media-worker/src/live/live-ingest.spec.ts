import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../../src/lib/server/audit/audit.repository.ts';
import { resolveArchiveFile } from '../../../src/lib/server/archive/archive-files.ts';
import { touches } from '../../../src/lib/server/live/decide.ts';
import {
	confirmState,
	endBroadcast,
	goToItem,
	openConsole,
	startBroadcast,
	toggleRange
} from '../../../src/lib/server/live/broadcast.service.ts';
import {
	findLiveStream,
	listLiveSessions,
	listRanges,
	listSlots,
	touchConsole
} from '../../../src/lib/server/live/live.repository.ts';
import { startEncoder } from '../../../src/lib/server/live/rtmp/test-support.ts';
import { findFfmpeg } from '../../../src/lib/server/media/ffmpeg.ts';
import { mediaStore, type MediaStore } from '../../../src/lib/server/media/media-store.ts';
import { findRecording } from '../../../src/lib/server/meetings/recordings.repository.ts';
import { createUser } from '../../../src/lib/server/testing/factories.ts';
import { createMeetingWithAgenda } from '../../../src/lib/server/testing/recording-fixtures.ts';
import { createTestApp, type TestApp } from '../../../src/lib/server/testing/test-app.ts';
import { eventually } from '../../../src/lib/server/testing/wait.ts';
import { recordingThumbnails } from '../tasks/recording-thumbnails.ts';
import { startLiveIngest, type LiveIngestHandle } from './live-ingest.ts';
import { CONSOLE_LOST, NO_SIGNAL, WORKER_RESTARTED } from './publisher.ts';
import {
	fakePipeline,
	fakeSession,
	publishedFiles,
	sampleLadder,
	type SampleLadder
} from './test-pipeline.ts';

// The publisher against a real database and real media files (a fake segment source stands in
// for the live ffmpeg ladder, so the clock can be moved instead of waited for).

let app: TestApp;
let dir: string;
let store: MediaStore;
let ladder: SampleLadder;
let clerk: string;
let ffmpeg: string;

const PORT_BASE = 19360;
let nextPort = PORT_BASE;

beforeAll(async () => {
	const found = await findFfmpeg();
	if (!found.ok) throw new Error(`Die Live-Tests brauchen ffmpeg: ${found.message}`);
	ffmpeg = found.ffmpeg;
	dir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-live-'));
	app = await createTestApp({
		DATA_DIR: dir,
		LIVE_RECONNECT_GRACE_SECONDS: '30',
		LIVE_CONSOLE_TIMEOUT_SECONDS: '45'
	});
	store = mediaStore(app.ctx.config);
	ladder = await sampleLadder(dir);
	clerk = (await createUser(app.database.db, { roles: ['clerk'] })).id;
}, 120_000);
afterAll(async () => {
	await app?.close();
	if (dir) await rm(dir, { recursive: true, force: true });
});

const deps = () => ({ db: app.ctx.db, config: app.ctx.config });

interface Rig {
	clock: { t: number };
	pipeline: ReturnType<typeof fakePipeline>;
	handle: LiveIngestHandle;
}

async function rig(
	clock = { t: Date.now() },
	pipeline = fakePipeline(ladder),
	withStore: MediaStore = store
): Promise<Rig> {
	const handle = await startLiveIngest(app.ctx, {
		pipeline,
		store: withStore,
		host: '127.0.0.1',
		port: nextPort++,
		tickMs: 3_600_000,
		scanMs: 3_600_000,
		now: () => clock.t
	});
	return { clock, pipeline, handle };
}

async function meeting() {
	const { meetingId } = await createMeetingWithAgenda(app.database.db, [{ number: 'Ö 1' }]);
	await openConsole(deps(), meetingId);
	return meetingId;
}

/** Ticks until the publisher has taken every segment it can (files are written in between). */
async function settle(r: Rig, times = 3): Promise<void> {
	for (let i = 0; i < times; i++) {
		await new Promise((resolve) => setTimeout(resolve, 30));
		await r.handle.tickAll();
	}
}

const at = (base: number, seconds: number) => new Date(base + seconds * 1000);

async function waitSessions(meetingId: string, n: number) {
	return eventually(async () => {
		const s = await listLiveSessions(app.database.db, meetingId);
		return s.length === n && s.every((x) => x.mediaStartedAt) && s;
	}, `${n} Encoder-Sitzungen`);
}

describe('live publisher', () => {
	it('ends a broadcast that never got a picture without an archive', async () => {
		const r = await rig();
		const meetingId = await meeting();
		const t0 = r.clock.t;
		await startBroadcast(deps(), clerk, meetingId, at(t0, 0));
		await settle(r);
		await endBroadcast(deps(), clerk, meetingId, at(t0, 1));
		r.clock.t = t0 + 2_000;
		await settle(r);
		const stream = await findLiveStream(app.database.db, meetingId);
		const recording = (await findRecording(app.database.db, stream!.recordingId!))!;
		expect(recording).toMatchObject({ state: 'failed', outputPrefix: null });
		expect(recording.error).toMatch(/ohne dass ein Bild/);
		const meetingRow = await app.database.db
			.selectFrom('meetings')
			.select('has_recording')
			.where('id', '=', meetingId)
			.executeTakeFirstOrThrow();
		expect(meetingRow.has_recording).toBe(false);
		await r.handle.stop();
	});

	it('publishes only after the start, replaces a non-public part by slates with no file of that time in the store, and ends as a VOD archive', async () => {
		const r = await rig();
		const meetingId = await meeting();
		const t0 = r.clock.t;
		const session = fakeSession(meetingId, new Date(t0));
		await r.handle.attach(session);
		await waitSessions(meetingId, 1);
		const fake = r.pipeline.started[0]!;
		// Before "Sitzung beginnen": the encoder is accepted, nothing is published.
		await fake.emit(0);
		await fake.emit(1);
		r.clock.t = t0 + 5_000;
		await settle(r);
		expect(await findLiveStream(app.database.db, meetingId)).toMatchObject({
			ingest: { connected: true, width: 320, height: 180, videoCodec: 'h264' }
		});
		expect(await readdir(path.join(fake.outDir, '180p'))).toEqual(['init.mp4']);

		expect(await startBroadcast(deps(), clerk, meetingId, at(t0, 5))).toEqual({ ok: true });
		const stream = (await findLiveStream(app.database.db, meetingId))!;
		const recording = (await findRecording(app.database.db, stream.recordingId!))!;
		for (let i = 2; i <= 8; i++) await fake.emit(i);
		const item = await goToItem(deps(), clerk, meetingId, 'next', at(t0, 6));
		await toggleRange(deps(), clerk, meetingId, 'nonpublic', true, { now: at(t0, 9) });
		// Ended at 12 s, taken as 14 s (ENCODER_DELAY_MS): segments 4-6 are slates, 7 is camera.
		await toggleRange(deps(), clerk, meetingId, 'nonpublic', false, { now: at(t0, 12) });
		r.clock.t = t0 + 20_000;
		await touchConsole(app.database.db, meetingId, new Date(r.clock.t));
		await settle(r);

		const slots = await listSlots(app.database.db, recording.id);
		expect(slots.map((s) => [s.kind, s.startMs, s.durationMs])).toEqual([
			['gap', 0, 1000],
			['media', 1000, 2000],
			['nonpublic', 3000, 2000],
			['nonpublic', 5000, 2000],
			['nonpublic', 7000, 2000],
			['media', 9000, 2000],
			['media', 11000, 2000]
		]);
		expect(slots[1]).toMatchObject({ dir: 's1', file: 'segment-00003.m4s' });
		expect(slots[2]).toMatchObject({ dir: 'slates/nonpublic', file: 'segment.m4s' });

		// Every camera segment in the store, checked against the non-public ranges by its time.
		const ranges = (await listRanges(app.database.db, meetingId)).map((x) => ({
			kind: x.kind,
			startsAt: x.startsAt.getTime(),
			endsAt: x.endsAt?.getTime() ?? null
		}));
		const files = await publishedFiles(store, recording.outputPrefix!);
		expect([...new Set(files.map((f) => f.index))].sort()).toEqual([3, 7, 8]);
		for (const f of files) {
			const w = { startsAt: t0 + f.index * 2000, endsAt: t0 + f.index * 2000 + 2000 };
			expect(touches(w, ranges, ['nonpublic', 'unknown'])).toBe(false);
			expect(w.startsAt).toBeGreaterThanOrEqual(stream.startedAt!.getTime());
		}
		// Nothing of the non-public time is kept anywhere, not even in the work folder.
		expect((await readdir(path.join(fake.outDir, '180p'))).sort()).toEqual(['init.mp4']);
		expect(
			await store.stat(`${recording.outputPrefix}/slates/nonpublic/180p/segment.m4s`)
		).not.toBeNull();
		expect((await findRecording(app.database.db, recording.id))!.renditions).toEqual([
			expect.objectContaining({
				name: '180p',
				width: 320,
				height: 180,
				codecs: expect.stringMatching(/^avc1\./)
			}),
			expect.objectContaining({ name: 'audio', codecs: 'mp4a.40.2' })
		]);

		// The end: the encoder is let go, the last segment begun before it is placed.
		await fake.emit(9);
		expect(await endBroadcast(deps(), clerk, meetingId, at(t0, 19.5))).toEqual({ ok: true });
		r.clock.t = t0 + 25_000;
		await settle(r);
		expect(session.closeReason).toBe('Sitzung beendet');
		const ready = await eventually(async () => {
			await r.handle.tickAll();
			const rec = await findRecording(app.database.db, recording.id);
			return rec?.state === 'ready' && rec;
		}, 'Aufzeichnung fertig');
		const finalSlots = await listSlots(app.database.db, recording.id);
		expect(finalSlots.at(-1)).toMatchObject({ kind: 'media', file: 'segment-00009.m4s' });
		expect(ready.durationMs).toBe(finalSlots.reduce((a, s) => a + s.durationMs, 0));
		expect(ready.publishedAt).not.toBeNull();
		const m = await app.database.db
			.selectFrom('meetings')
			.select('has_recording')
			.where('id', '=', meetingId)
			.executeTakeFirstOrThrow();
		expect(m.has_recording).toBe(true);
		expect(existsSync(path.join(store.workDir, 'live', meetingId))).toBe(false);
		const [job] = await app.boss.findJobs('recording-thumbnails', {
			data: { recordingId: recording.id }
		});
		expect(job).toBeDefined();

		// The archive playlist, fetched as a viewer would.
		const rep = await resolveArchiveFile(
			{ db: app.database.db, store },
			recording.id,
			'180p/index.m3u8',
			null
		);
		const text = new TextDecoder().decode((await rep!.open()) as Uint8Array);
		expect(text).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
		expect(text.trim().endsWith('#EXT-X-ENDLIST')).toBe(true);
		const extinf = [...text.matchAll(/#EXTINF:([\d.]+)/g)].map((x) => Number(x[1]));
		expect(Math.round(extinf.reduce((a, b) => a + b, 0) * 1000)).toBe(ready.durationMs);
		const pdt = [...text.matchAll(/#EXT-X-PROGRAM-DATE-TIME:(\S+)/g)].map((x) => x[1]);
		expect(pdt).toEqual(
			finalSlots.map((s) => new Date(ready.startedAt.getTime() + s.startMs).toISOString())
		);
		// Each listed camera file exists in the store.
		for (const s of finalSlots) {
			expect(await store.stat(`${recording.outputPrefix}/${s.dir}/180p/${s.file}`)).not.toBeNull();
		}

		// The chapter's thumbnail comes from the first published camera slot 2 s into it.
		await recordingThumbnails(app.ctx, { recordingId: recording.id });
		const itemId = 'itemId' in item ? item.itemId : '';
		const thumb = await resolveArchiveFile(
			{ db: app.database.db, store },
			recording.id,
			`thumbnails/${itemId}.jpg`,
			null
		);
		expect(thumb).toMatchObject({ contentType: 'image/jpeg' });
		expect(thumb!.size).toBeGreaterThan(500);
		await r.handle.stop();
	}, 60_000);

	it('keeps the state unknown (non-public) after a worker restart until a clerk confirms', async () => {
		const r = await rig();
		const meetingId = await meeting();
		const t0 = r.clock.t;
		await startBroadcast(deps(), clerk, meetingId, at(t0, 0));
		const first = fakeSession(meetingId, at(t0, 0));
		await r.handle.attach(first);
		await waitSessions(meetingId, 1);
		await r.pipeline.started[0]!.emit(0);
		r.clock.t = t0 + 3_000;
		await touchConsole(app.database.db, meetingId, new Date(r.clock.t));
		await settle(r);
		await r.handle.stop();
		expect(first.closeReason).toBe('Worker endet');

		// A new worker: the running broadcast becomes unknown at once.
		const again = await rig({ t: t0 + 4_000 });
		const unknown = (await listRanges(app.database.db, meetingId)).find(
			(x) => x.kind === 'unknown'
		);
		expect(unknown).toMatchObject({ endsAt: null, note: WORKER_RESTARTED, source: 'system' });
		const second = fakeSession(meetingId, at(t0, 6));
		await again.handle.attach(second);
		await waitSessions(meetingId, 2);
		const fake = again.pipeline.started[0]!;
		await fake.emit(0);
		await fake.emit(1);
		again.clock.t = t0 + 11_000;
		await touchConsole(app.database.db, meetingId, new Date(again.clock.t));
		await settle(again);
		const recordingId = (await findLiveStream(app.database.db, meetingId))!.recordingId!;
		let slots = await listSlots(app.database.db, recordingId);
		expect(slots.map((s) => [s.kind, s.dir, s.startMs])).toEqual([
			['media', 's1', 0],
			['gap', 'slates/gap', 2000],
			['gap', 'slates/gap', 4000],
			['nonpublic', 'slates/nonpublic', 6000],
			['nonpublic', 'slates/nonpublic', 8000]
		]);
		expect(await confirmState(deps(), clerk, meetingId, at(t0, 10))).toEqual({ ok: true });
		// The state counts as unknown until 2 s after the confirmation (ENCODER_DELAY_MS).
		await fake.emit(2);
		await fake.emit(3);
		again.clock.t = t0 + 15_000;
		await settle(again);
		slots = await listSlots(app.database.db, recordingId);
		expect(slots.slice(-2).map((s) => [s.kind, s.dir, s.startMs])).toEqual([
			['nonpublic', 'slates/nonpublic', 10_000],
			['media', 's2', 12_000]
		]);
		expect(
			(await publishedFiles(store, `recordings/${recordingId}/live`)).filter((f) => f.r === '180p')
		).toEqual([
			{ dir: 's1', r: '180p', index: 0 },
			{ dir: 's2', r: '180p', index: 3 }
		]);
		await endBroadcast(deps(), clerk, meetingId, new Date(again.clock.t));
		await again.handle.stop();
	}, 60_000);

	it('continues the same recording after a reconnect with gap slots and ends by itself without a signal', async () => {
		const r = await rig();
		const meetingId = await meeting();
		const t0 = r.clock.t;
		await startBroadcast(deps(), clerk, meetingId, at(t0, 0));
		const first = fakeSession(meetingId, at(t0, 0));
		await r.handle.attach(first);
		await waitSessions(meetingId, 1);
		await r.pipeline.started[0]!.emit(0);
		r.clock.t = t0 + 3_000;
		await settle(r);
		first.drop();
		// The encoder is gone: the live playlist keeps growing with gap slates.
		r.clock.t = t0 + 9_500;
		await touchConsole(app.database.db, meetingId, new Date(r.clock.t));
		await settle(r);
		const recordingId = (await findLiveStream(app.database.db, meetingId))!.recordingId!;
		expect((await listSlots(app.database.db, recordingId)).map((s) => [s.kind, s.startMs])).toEqual(
			[
				['media', 0],
				['gap', 2000],
				['gap', 4000]
			]
		);
		expect((await findLiveStream(app.database.db, meetingId))!.ingest.connected).toBe(false);
		// It comes back: a second folder, the gap filled up to its first segment.
		const second = fakeSession(meetingId, at(t0, 9));
		await r.handle.attach(second);
		await waitSessions(meetingId, 2);
		await r.pipeline.started[1]!.emit(0);
		r.clock.t = t0 + 12_000;
		await touchConsole(app.database.db, meetingId, new Date(r.clock.t));
		await settle(r);
		const slots = await listSlots(app.database.db, recordingId);
		expect(slots.map((s) => [s.kind, s.dir, s.startMs, s.durationMs])).toEqual([
			['media', 's1', 0, 2000],
			['gap', 'slates/gap', 2000, 2000],
			['gap', 'slates/gap', 4000, 2000],
			['gap', 'slates/gap', 6000, 2000],
			// The last piece is a slate made for its length (25 frames), not a 2 s one cut short.
			['gap', 'slates/gap-25f', 8000, 1000],
			['media', 's2', 9000, 2000]
		]);
		expect(
			(await listLiveSessions(app.database.db, meetingId)).map((s) => [s.dir, s.recordingId])
		).toEqual([
			['s1', recordingId],
			['s2', recordingId]
		]);

		// Gone for longer than the grace period (30 s here): the broadcast ends with "Kein Signal".
		second.drop();
		await settle(r);
		r.clock.t = t0 + 43_000;
		await touchConsole(app.database.db, meetingId, new Date(r.clock.t));
		await settle(r);
		const stream = await findLiveStream(app.database.db, meetingId);
		expect(stream).toMatchObject({ endReason: NO_SIGNAL });
		expect(stream!.endedAt!.getTime()).toBe(t0 + 43_000);
		const audit = await listAudit(app.database.db, {
			limit: 50,
			offset: 0,
			actorOrTargetId: meetingId
		});
		expect(JSON.stringify(audit)).toContain(NO_SIGNAL);
		await eventually(async () => {
			await r.handle.tickAll();
			return (await findRecording(app.database.db, recordingId))?.state === 'ready';
		}, 'Archiv fertig');
		await r.handle.stop();
	}, 60_000);

	it('holds consent segments privately for the cut, shows the consent slate and queues the cuts at the end', async () => {
		const r = await rig();
		const meetingId = await meeting();
		const t0 = r.clock.t;
		await startBroadcast(deps(), clerk, meetingId, at(t0, 0));
		await r.handle.attach(fakeSession(meetingId, at(t0, 0)));
		await waitSessions(meetingId, 1);
		const fake = r.pipeline.started[0]!;
		await toggleRange(deps(), clerk, meetingId, 'consent', true, { now: at(t0, 2.5) });
		await toggleRange(deps(), clerk, meetingId, 'consent', false, { now: at(t0, 3.5) });
		for (let i = 0; i < 4; i++) await fake.emit(i);
		r.clock.t = t0 + 9_000;
		await touchConsole(app.database.db, meetingId, new Date(r.clock.t));
		await settle(r);
		const recordingId = (await findLiveStream(app.database.db, meetingId))!.recordingId!;
		expect((await listSlots(app.database.db, recordingId)).map((s) => [s.kind, s.dir])).toEqual([
			['media', 's1'],
			['consent', 'slates/consent'],
			['consent', 'slates/consent'],
			['media', 's1']
		]);
		const held = path.join(store.workDir, 'live-held', recordingId, 's1', '180p');
		expect((await readdir(held)).sort()).toEqual([
			'init.mp4',
			'segment-00001.m4s',
			'segment-00002.m4s'
		]);
		const published = await publishedFiles(store, `recordings/${recordingId}/live`);
		expect([...new Set(published.map((f) => f.index))].sort()).toEqual([0, 3]);

		await endBroadcast(deps(), clerk, meetingId, at(t0, 9));
		await eventually(async () => {
			await r.handle.tickAll();
			return (await findRecording(app.database.db, recordingId))?.state === 'ready';
		}, 'Archiv fertig');
		const [cuts] = await app.boss.findJobs('recording-cuts', { data: { recordingId } });
		expect(cuts).toBeDefined();
		// The work folder is gone, the held originals stay for the cut.
		expect(existsSync(path.join(store.workDir, 'live', meetingId))).toBe(false);
		expect(existsSync(path.join(held, 'segment-00001.m4s'))).toBe(true);
		await r.handle.stop();
	}, 30_000);

	it('warns of low disk space, and a full disk ends the session with what was published kept', async () => {
		let full = false;
		const fillable: MediaStore = {
			...store,
			publishFile: async (from, key) => {
				if (full) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
				await store.publishFile(from, key);
			}
		};
		const r = await rig(undefined, undefined, fillable);
		const meetingId = await meeting();
		const t0 = r.clock.t;
		const minFree = app.ctx.config.live.minFreeBytes;
		app.ctx.config.live.minFreeBytes = Number.MAX_SAFE_INTEGER;
		try {
			await startBroadcast(deps(), clerk, meetingId, at(t0, 0));
			const session = fakeSession(meetingId, at(t0, 0));
			await r.handle.attach(session);
			await waitSessions(meetingId, 1);
			const fake = r.pipeline.started[0]!;
			await fake.emit(0);
			r.clock.t = t0 + 3_000;
			await touchConsole(app.database.db, meetingId, new Date(r.clock.t));
			await settle(r);
			const health = (await findLiveStream(app.database.db, meetingId))!.ingest;
			expect(health.warnings).toContain('lowDisk');
			expect(health.freeBytes).toBeGreaterThan(0);

			// No new segment for more than 8 s while connected: stalled.
			r.clock.t = t0 + 12_000;
			await touchConsole(app.database.db, meetingId, new Date(r.clock.t));
			await settle(r);
			expect((await findLiveStream(app.database.db, meetingId))!.ingest.warnings).toContain(
				'stalled'
			);

			full = true;
			await fake.emit(1);
			r.clock.t = t0 + 13_000;
			await settle(r);
			expect(session.closeReason).toBe('disk');
			const [row] = await listLiveSessions(app.database.db, meetingId);
			expect(row).toMatchObject({ endReason: 'disk' });
			const stream = (await findLiveStream(app.database.db, meetingId))!;
			expect(stream.ingest).toMatchObject({ connected: false, lastRefusal: { code: 'disk' } });
			const slots = await listSlots(app.database.db, stream.recordingId!);
			// What was published stays; without an encoder the live playlist goes on with gap slates.
			expect(slots[0]).toMatchObject({ kind: 'media', file: 'segment-00000.m4s' });
			expect(new Set(slots.slice(1).map((s) => s.kind))).toEqual(new Set(['gap']));
			expect(
				await store.stat(`recordings/${stream.recordingId}/live/s1/180p/segment-00000.m4s`)
			).not.toBeNull();
			await endBroadcast(deps(), clerk, meetingId, at(t0, 13));
			await settle(r);
		} finally {
			app.ctx.config.live.minFreeBytes = minFree;
			await r.handle.stop();
		}
	}, 30_000);

	it('opens an unknown range when the console goes quiet', async () => {
		const r = await rig();
		const meetingId = await meeting();
		const t0 = r.clock.t;
		await startBroadcast(deps(), clerk, meetingId, at(t0, 0));
		await touchConsole(app.database.db, meetingId, at(t0, 1));
		r.clock.t = t0 + 40_000;
		await settle(r, 1);
		expect((await listRanges(app.database.db, meetingId)).some((x) => x.kind === 'unknown')).toBe(
			false
		);
		r.clock.t = t0 + 47_000;
		await settle(r, 1);
		expect(
			(await listRanges(app.database.db, meetingId)).find((x) => x.kind === 'unknown')
		).toMatchObject({
			note: CONSOLE_LOST,
			startsAt: at(t0, 47),
			endsAt: null
		});
		await endBroadcast(deps(), clerk, meetingId, at(t0, 48));
		await r.handle.stop();
	}, 30_000);
});

describe('live ingest over RTMP', () => {
	it('refuses a wrong key (log only) and a second encoder (recorded for the console), and reports a port in use', async () => {
		const r = await rig({ t: Date.now() });
		const port = r.handle.port!;
		const meetingId = await meeting();
		const { stream } = await openConsole(deps(), meetingId);

		const wrong = startEncoder(ffmpeg, `rtmp://127.0.0.1:${port}/live/${'a'.repeat(32)}`, {
			seconds: 2
		});
		expect((await wrong.done).code).not.toBe(0);
		expect(await listLiveSessions(app.database.db, meetingId)).toEqual([]);

		const good = startEncoder(ffmpeg, `rtmp://127.0.0.1:${port}/live/${stream.streamKey}`, {
			seconds: 8
		});
		await eventually(
			async () => (await listLiveSessions(app.database.db, meetingId)).length === 1,
			'Sitzung',
			15_000
		);
		const busy = startEncoder(ffmpeg, `rtmp://127.0.0.1:${port}/live/${stream.streamKey}`, {
			seconds: 2
		});
		expect((await busy.done).code).not.toBe(0);
		const health = await eventually(async () => {
			const s = await findLiveStream(app.database.db, meetingId);
			return s?.ingest.lastRefusal?.code === 'busy' && s.ingest;
		}, 'Abweisung vermerkt');
		expect(health.connected).toBe(true);
		good.kill('SIGKILL');
		await good.done;

		// A second worker on the same port: a clear log line, no crash.
		const other = await startLiveIngest(app.ctx, {
			pipeline: r.pipeline,
			store,
			host: '127.0.0.1',
			port,
			tickMs: 3_600_000
		});
		expect(other.port).toBeNull();
		await other.stop();
		await r.handle.stop();
	}, 60_000);
});
