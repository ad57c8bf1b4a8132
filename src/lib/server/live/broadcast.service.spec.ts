import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import type { MeetingDeps } from '../meetings/audit.ts';
import { listChapterItems } from '../meetings/chapters.repository.ts';
import { findRecordingByMeeting } from '../meetings/recordings.repository.ts';
import { createUser } from '../testing/factories.ts';
import { createMeetingWithAgenda } from '../testing/recording-fixtures.ts';
import { createTestDatabase, testConfig } from '../testing/test-app.ts';
import {
	confirmState,
	endBroadcast,
	goToItem,
	markStateUnknown,
	newStreamKey,
	openConsole,
	startBroadcast,
	toggleRange
} from './broadcast.service.ts';
import {
	appendSlots,
	findLiveStream,
	findLiveStreamByKey,
	listRanges,
	listSlots
} from './live.repository.ts';

let database: Database;
let deps: MeetingDeps;
let clerk: string;
beforeAll(async () => {
	database = await createTestDatabase();
	deps = { db: database.db, config: testConfig({}) };
	clerk = (await createUser(database.db, { roles: ['clerk'] })).id;
});
afterAll(async () => {
	await database?.close();
});

const t0 = new Date('2026-12-01T17:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

async function meeting() {
	return createMeetingWithAgenda(database.db, [
		{ number: 'Ö 1' },
		{ number: 'Ö 2' },
		{ number: 'N 1', public: false },
		{ number: 'Ö 3' }
	]);
}

describe('broadcast', () => {
	it('creates a stream key on first use, finds the stream by it and replaces it', async () => {
		const { meetingId } = await meeting();
		const { stream } = await openConsole(deps, meetingId);
		expect(stream.streamKey).toMatch(/^[a-z2-7]{32}$/);
		expect((await findLiveStreamByKey(database.db, stream.streamKey))?.meetingId).toBe(meetingId);
		expect(await findLiveStreamByKey(database.db, 'x'.repeat(32))).toBeNull();
		expect(await findLiveStreamByKey(database.db, "' or 1=1 --")).toBeNull();
		await newStreamKey(deps, clerk, meetingId);
		expect(await findLiveStreamByKey(database.db, stream.streamKey)).toBeNull();
	});

	it('starts a live recording, marks agenda items, opens and closes non-public ranges, ends', async () => {
		const { meetingId, itemIds } = await meeting();
		expect(await goToItem(deps, clerk, meetingId, 'next', at(1))).toEqual({
			ok: false,
			reason: 'notStarted'
		});
		expect(await startBroadcast(deps, clerk, meetingId, t0)).toEqual({ ok: true });
		expect(await startBroadcast(deps, clerk, meetingId, t0)).toEqual({
			ok: false,
			reason: 'alreadyStarted'
		});
		const recording = await findRecordingByMeeting(database.db, meetingId);
		expect(recording).toMatchObject({ origin: 'live', state: 'processing', startedAt: t0 });
		expect(recording?.outputPrefix).toBe(`recordings/${recording?.id}/live`);

		await goToItem(deps, clerk, meetingId, 'next', at(5));
		await goToItem(deps, clerk, meetingId, 'next', at(65));
		await goToItem(deps, clerk, meetingId, 'next', at(125)); // N 1: non-public
		expect(await toggleRange(deps, clerk, meetingId, 'nonpublic', false, { now: at(130) })).toEqual(
			{ ok: false, reason: 'currentItemNonPublic' }
		);
		await goToItem(deps, clerk, meetingId, itemIds[3]!, at(185));
		expect(await goToItem(deps, clerk, meetingId, 'next', at(190))).toEqual({
			ok: false,
			reason: 'noNextItem'
		});
		const marks = (await listChapterItems(database.db, meetingId)).map((i) => i.chapterStartMs);
		expect(marks).toEqual([5000, 65_000, 125_000, 185_000]);
		const ranges = await listRanges(database.db, meetingId);
		expect(ranges.map((r) => [r.kind, r.source, r.startsAt, r.endsAt])).toEqual([
			['nonpublic', 'item', at(125), at(185)]
		]);

		await toggleRange(deps, clerk, meetingId, 'consent', true, { now: at(200) });
		expect(await endBroadcast(deps, clerk, meetingId, at(240))).toEqual({ ok: true });
		const consent = (await listRanges(database.db, meetingId)).find((r) => r.kind === 'consent');
		expect(consent?.endsAt).toEqual(at(240));
		expect(await endBroadcast(deps, clerk, meetingId, at(241))).toEqual({
			ok: false,
			reason: 'ended'
		});
		expect((await findLiveStream(database.db, meetingId))?.endedAt).toEqual(at(240));
	});

	it('treats an unknown state as its own range until a clerk confirms', async () => {
		const { meetingId } = await meeting();
		await startBroadcast(deps, clerk, meetingId, t0);
		await markStateUnknown(database.db, meetingId, at(10), 'Worker neu gestartet');
		await markStateUnknown(database.db, meetingId, at(20), 'Konsole stumm');
		expect(await confirmState(deps, clerk, meetingId, at(30))).toEqual({ ok: true });
		expect(await confirmState(deps, clerk, meetingId, at(31))).toEqual({
			ok: false,
			reason: 'notOpen'
		});
		const ranges = await listRanges(database.db, meetingId);
		expect(ranges.map((r) => [r.kind, r.source, r.startsAt, r.endsAt])).toEqual([
			['unknown', 'system', at(10), at(30)]
		]);
	});

	it('refuses to start over an uploaded recording', async () => {
		const { meetingId } = await meeting();
		await database.db
			.insertInto('recordings')
			.values({ meeting_id: meetingId, state: 'ready', started_at: t0 })
			.execute();
		expect(await startBroadcast(deps, clerk, meetingId, t0)).toEqual({
			ok: false,
			reason: 'recordingExists'
		});
	});
});

describe('slots', () => {
	it('append only when they continue the time axis', async () => {
		const { meetingId } = await meeting();
		await startBroadcast(deps, clerk, meetingId, t0);
		const recording = await findRecordingByMeeting(database.db, meetingId);
		const id = recording!.id;
		const slot = (startMs: number, durationMs = 2000) => ({
			startMs,
			durationMs,
			kind: 'media' as const,
			dir: 's1',
			file: `segment-${startMs}.m4s`
		});
		await appendSlots(database.db, id, [slot(0), slot(2000)]);
		await expect(appendSlots(database.db, id, [slot(5000)])).rejects.toThrow(/erwartet 4000/);
		await appendSlots(database.db, id, [slot(4000, 1500)]);
		expect((await listSlots(database.db, id)).map((s) => [s.seq, s.startMs])).toEqual([
			[0, 0],
			[1, 2000],
			[2, 4000]
		]);
	});
});
