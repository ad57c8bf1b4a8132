import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveArchiveFile } from '../../../src/lib/server/archive/archive-files.ts';
import {
	endBroadcast,
	openConsole,
	startBroadcast,
	toggleRange
} from '../../../src/lib/server/live/broadcast.service.ts';
import { touches } from '../../../src/lib/server/live/decide.ts';
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
import { startWorkers } from '../worker.ts';
import { publishedFiles } from './test-pipeline.ts';

// The whole live path with real parts: ffmpeg as the council's encoder over RTMP, our ingest,
// the live ffmpeg ladder, the publisher, the database, and the archive playlist at the end.

// One of this helper's RTMP ports (19360-19369); the publisher specs use the others.
const PORT = 19369;
let app: TestApp;
let dir: string;
let store: MediaStore;
let ffmpeg: string;
let clerk: string;

beforeAll(async () => {
	const found = await findFfmpeg();
	if (!found.ok) throw new Error(`Die Live-Tests brauchen ffmpeg: ${found.message}`);
	ffmpeg = found.ffmpeg;
	dir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-live-e2e-'));
	app = await createTestApp({
		DATA_DIR: dir,
		LIVE_INGEST: '1',
		LIVE_RTMP_HOST: '127.0.0.1',
		LIVE_RTMP_PORT: String(PORT)
	});
	store = mediaStore(app.ctx.config);
	clerk = (await createUser(app.database.db, { roles: ['clerk'] })).id;
}, 120_000);
afterAll(async () => {
	await app?.close();
	if (dir) await rm(dir, { recursive: true, force: true });
});

const deps = () => ({ db: app.ctx.db, config: app.ctx.config });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('live end to end', () => {
	it('streams from an RTMP encoder into one recording across a reconnect, keeps the non-public part out of the store, and ends as a VOD archive', async () => {
		// The worker as it runs in production: the media queues and, with LIVE_INGEST, the ingest.
		await startWorkers(app.ctx);
		const { meetingId } = await createMeetingWithAgenda(app.database.db, [{ number: 'Ö 1' }]);
		const { stream } = await openConsole(deps(), meetingId);
		await startBroadcast(deps(), clerk, meetingId);
		const encoder = startEncoder(ffmpeg, `rtmp://127.0.0.1:${PORT}/live/${stream.streamKey}`, {
			seconds: 12
		});
		const [session] = await eventually(
			async () => {
				const s = await listLiveSessions(app.database.db, meetingId);
				return s[0]?.mediaStartedAt ? s : undefined;
			},
			'Encoder-Sitzung',
			20_000
		);
		const media0 = session!.mediaStartedAt!.getTime();
		// The clerk closes the session for a moment, 4.5 s to 6.5 s into the picture.
		await sleep(Math.max(0, media0 + 4_500 - Date.now()));
		await toggleRange(deps(), clerk, meetingId, 'nonpublic', true);
		await touchConsole(app.database.db, meetingId);
		await sleep(Math.max(0, media0 + 6_500 - Date.now()));
		await toggleRange(deps(), clerk, meetingId, 'nonpublic', false);
		await touchConsole(app.database.db, meetingId);
		expect((await encoder.done).code).toBe(0);
		await touchConsole(app.database.db, meetingId);
		// The encoder reconnects 2 s later: the same recording goes on in a second folder.
		await sleep(2_000);
		const again = startEncoder(ffmpeg, `rtmp://127.0.0.1:${PORT}/live/${stream.streamKey}`, {
			seconds: 5
		});
		expect((await again.done).code).toBe(0);
		await touchConsole(app.database.db, meetingId);
		await sleep(1_500);
		await endBroadcast(deps(), clerk, meetingId);

		const live = (await findLiveStream(app.database.db, meetingId))!;
		const recording = await eventually(
			async () => {
				const r = await findRecording(app.database.db, live.recordingId!);
				return r?.state === 'ready' && r;
			},
			'Archiv fertig',
			30_000
		);
		const slots = await listSlots(app.database.db, recording.id);
		const kinds = slots.map((s) => s.kind);
		expect(kinds).toContain('media');
		expect(kinds).toContain('nonpublic');
		const s1 = slots.findLastIndex((x) => x.dir === 's1');
		const s2 = slots.findIndex((x) => x.dir === 's2');
		expect(s1).toBeGreaterThan(0);
		expect(s2).toBeGreaterThan(s1 + 1);
		expect(new Set(slots.slice(s1 + 1, s2).map((x) => x.kind))).toEqual(new Set(['gap']));
		const sessions = await listLiveSessions(app.database.db, meetingId);
		expect(sessions.map((x) => [x.dir, x.recordingId])).toEqual([
			['s1', recording.id],
			['s2', recording.id]
		]);
		expect(recording.renditions.map((r) => r.name)).toEqual(['180p', 'audio']);
		expect(recording.renditions[0]!.codecs).toMatch(/^avc1\.[0-9a-f]{6}$/);
		// The slates the nonpublic slots point at were made for every rendition.
		for (const r of ['180p', 'audio']) {
			const slate = `${recording.outputPrefix}/slates/nonpublic/${r}/segment.m4s`;
			expect(await store.stat(slate)).not.toBeNull();
		}

		// Every published camera file, by the time its picture was taken, against the ranges.
		const ranges = (await listRanges(app.database.db, meetingId)).map((x) => ({
			kind: x.kind,
			startsAt: x.startsAt.getTime(),
			endsAt: x.endsAt?.getTime() ?? null
		}));
		const files = await publishedFiles(store, recording.outputPrefix!);
		expect(files.length).toBeGreaterThan(0);
		const mediaStart = new Map(sessions.map((x) => [x.dir, x.mediaStartedAt!.getTime()]));
		for (const f of files) {
			const base = mediaStart.get(f.dir)!;
			const w = { startsAt: base + f.index * 2000, endsAt: base + f.index * 2000 + 2000 };
			expect(touches(w, ranges, ['nonpublic', 'unknown'])).toBe(false);
		}
		// And every slot listed as camera: its program date-time window is public too.
		const start = recording.startedAt.getTime();
		for (const s of slots.filter((x) => x.kind === 'media')) {
			const w = { startsAt: start + s.startMs, endsAt: start + s.startMs + s.durationMs };
			expect(touches(w, ranges, ['nonpublic', 'unknown'])).toBe(false);
			expect(files).toContainEqual({
				dir: s.dir,
				r: '180p',
				index: Number(/\d+/.exec(s.file)![0])
			});
		}

		const rep = await resolveArchiveFile(
			{ db: app.database.db, store },
			recording.id,
			'180p/index.m3u8',
			null
		);
		const text = new TextDecoder().decode((await rep!.open()) as Uint8Array);
		expect(text.trim().endsWith('#EXT-X-ENDLIST')).toBe(true);
		const extinf = [...text.matchAll(/#EXTINF:([\d.]+)/g)].map((x) => Number(x[1]));
		expect(Math.abs(extinf.reduce((a, b) => a + b, 0) * 1000 - recording.durationMs!)).toBeLessThan(
			slots.length
		);
	}, 90_000);
});
