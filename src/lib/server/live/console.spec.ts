import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import type { MeetingDeps } from '../meetings/audit.ts';
import { createUser } from '../testing/factories.ts';
import { createMeetingWithAgenda } from '../testing/recording-fixtures.ts';
import { createTestDatabase, testConfig } from '../testing/test-app.ts';
import {
	goToItem,
	markStateUnknown,
	startBroadcast,
	toggleRange,
	endBroadcast
} from './broadcast.service.ts';
import {
	buildPublicLiveStatus,
	loadConsoleStatus,
	loadPublicLiveStatus
} from './console-status.ts';
import { consoleHeartbeat, correctRange, setConsentSlateLive } from './console.service.ts';
import { findLiveStream, listRanges, setIngestHealth, touchViewer } from './live.repository.ts';
import { berlinClock, parseRangeTime, parseRangeTimes } from './range-times.ts';

// 18:00:00 in Berlin (winter time, UTC+1).
const t0 = new Date('2026-12-01T17:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('range times', () => {
	const until = at(3 * 3600);

	it('reads HH:MM:SS on the meeting day in Berlin time', () => {
		expect(berlinClock(at(75))).toBe('18:01:15');
		expect(parseRangeTime('18:01:15', t0, until)).toEqual({ ok: true, value: at(75) });
		expect(parseRangeTime(' 18:05 ', t0, until)).toEqual({ ok: true, value: at(300) });
	});

	it('refuses hostile and impossible input', () => {
		for (const input of ['25:00:00', '18:60:00', '18:00:60', 'abc', '', '18', '18:00:00:00']) {
			expect(parseRangeTime(input, t0, until)).toEqual({ ok: false, error: 'format' });
		}
		expect(parseRangeTime("18:00:00' or 1=1", t0, until).ok).toBe(false);
		expect(parseRangeTime('1'.repeat(5000), t0, until).ok).toBe(false);
	});

	it('refuses times before the broadcast and after its end; past midnight is the next day', () => {
		expect(parseRangeTime('17:59:59', t0, until)).toEqual({ ok: false, error: 'beforeStart' });
		expect(parseRangeTime('21:00:01', t0, until)).toEqual({ ok: false, error: 'afterEnd' });
		const late = at(7 * 3600);
		expect(parseRangeTime('00:30:00', t0, late)).toEqual({ ok: true, value: at(6.5 * 3600) });
		// Within the first second the range starts at the broadcast's start, never before it.
		const odd = new Date(t0.getTime() + 400);
		expect(parseRangeTime('18:00:00', odd, until)).toEqual({ ok: true, value: odd });
	});

	it('needs an end after the start, and an end once the broadcast has ended', () => {
		const running = { startedAt: t0, endedAt: null };
		const now = at(3600);
		expect(parseRangeTimes({ start: '18:10:00', end: '18:05:00' }, running, now)).toEqual({
			ok: false,
			errors: { end: 'endBeforeStart' }
		});
		expect(parseRangeTimes({ start: '18:10:00', end: '18:10:00' }, running, now).ok).toBe(false);
		expect(parseRangeTimes({ start: '18:10:00', end: '' }, running, now)).toEqual({
			ok: true,
			startsAt: at(600),
			endsAt: null
		});
		expect(
			parseRangeTimes({ start: '18:10:00', end: '' }, { startedAt: t0, endedAt: now }, now)
		).toEqual({ ok: false, errors: { end: 'endMissing' } });
		expect(parseRangeTimes({ start: 'abc', end: '25:00:00' }, running, now)).toEqual({
			ok: false,
			errors: { start: 'format', end: 'format' }
		});
	});
});

describe('public live status', () => {
	const items = [
		{ id: 'a', number: 'Ö 1', title: 'Eröffnung', public: true },
		{ id: 'b', number: 'N 1', title: 'Grundstück Geheimweg 3', public: false }
	];
	const live = { startedAt: t0, endedAt: null };

	it('shows the current public item and withholds it while the state is not public', () => {
		expect(buildPublicLiveStatus({ ...live, currentItemId: 'a' }, [], items, 3)).toEqual({
			phase: 'live',
			nonPublic: false,
			current: { id: 'a', number: 'Ö 1', title: 'Eröffnung' },
			viewers: 3
		});
		const secret = buildPublicLiveStatus({ ...live, currentItemId: 'b' }, [], items, 3);
		expect(secret).toMatchObject({ nonPublic: true, current: null });
		expect(JSON.stringify(secret)).not.toContain('Geheimweg');
		for (const kind of ['nonpublic', 'unknown'] as const) {
			expect(
				buildPublicLiveStatus({ ...live, currentItemId: 'a' }, [{ kind, endsAt: null }], items, 1)
			).toMatchObject({ nonPublic: true, current: null });
		}
		// A consent range is not the public's business, and closed ranges no longer count.
		expect(
			buildPublicLiveStatus(
				{ ...live, currentItemId: 'a' },
				[
					{ kind: 'consent', endsAt: null },
					{ kind: 'nonpublic', endsAt: t0 }
				],
				items,
				1
			)
		).toMatchObject({ nonPublic: false, current: { id: 'a' } });
	});

	it('knows waiting and ended', () => {
		const waiting = { startedAt: null, endedAt: null, currentItemId: null };
		expect(buildPublicLiveStatus(waiting, [], items, 5)).toEqual({
			phase: 'waiting',
			nonPublic: false,
			current: null,
			viewers: 0
		});
		const ended = { startedAt: t0, endedAt: at(60), currentItemId: 'a' };
		expect(buildPublicLiveStatus(ended, [], items, 5).phase).toBe('ended');
	});
});

describe('console with a database', () => {
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

	const meeting = () =>
		createMeetingWithAgenda(database.db, [
			{ number: 'Ö 1' },
			{ number: 'N 1', public: false },
			{ number: 'Ö 2' }
		]);

	it('reports the whole console state and the public one', async () => {
		const { meetingId, itemIds } = await meeting();
		expect(await loadPublicLiveStatus(database.db, meetingId)).toBeNull();
		const first = await loadConsoleStatus(database.db, meetingId, 'rtmp://example/live');
		expect(first).toMatchObject({ phase: 'waiting', ingestUrl: 'rtmp://example/live' });
		expect(first.streamKey).toMatch(/^[a-z2-7]{32}$/);
		expect(first.items.map((i) => i.number)).toEqual(['Ö 1', 'N 1', 'Ö 2']);

		await startBroadcast(deps, clerk, meetingId, t0);
		await goToItem(deps, clerk, meetingId, 'next', at(10));
		await goToItem(deps, clerk, meetingId, 'next', at(20));
		await setIngestHealth(database.db, meetingId, {
			connected: true,
			bitrateKbps: 4500,
			lastSegmentAt: new Date(Date.now() - 3000).toISOString(),
			warnings: ['keyframeInterval']
		});
		await touchViewer(database.db, meetingId, crypto.randomUUID());
		const status = await loadConsoleStatus(database.db, meetingId, 'rtmp://example/live');
		expect(status).toMatchObject({
			phase: 'live',
			currentItemId: itemIds[1],
			nonPublic: { byItem: true },
			consent: null,
			unknown: null,
			viewers: 1,
			health: { connected: true, bitrateKbps: 4500, warnings: ['keyframeInterval'] }
		});
		expect(status.lastSegmentAgeSeconds).toBeGreaterThanOrEqual(2);
		expect(status.items[1]!.chapterStartMs).toBe(20_000);
		expect(status.ranges).toEqual([
			expect.objectContaining({ kind: 'nonpublic', start: '18:00:20', end: '' })
		]);
		expect(await loadPublicLiveStatus(database.db, meetingId)).toEqual({
			phase: 'live',
			nonPublic: true,
			current: null,
			viewers: 1
		});

		await markStateUnknown(database.db, meetingId, at(30), 'console silent');
		expect((await loadConsoleStatus(database.db, meetingId, 'x')).unknown?.note).toBe(
			'console silent'
		);
	});

	it('switches the consent slate and corrects a range, refusing bad times without writing', async () => {
		const { meetingId } = await meeting();
		expect(await setConsentSlateLive(deps, clerk, meetingId, true)).toEqual({ ok: true });
		await startBroadcast(deps, clerk, meetingId, t0);
		expect((await findLiveStream(database.db, meetingId))?.consentSlateLive).toBe(true);
		await toggleRange(deps, clerk, meetingId, 'consent', true, { now: at(60) });
		await toggleRange(deps, clerk, meetingId, 'consent', false, { now: at(90) });
		const [range] = await listRanges(database.db, meetingId);
		const before = await listRanges(database.db, meetingId);

		for (const [input, errors] of [
			[{ start: '25:00:00', end: '18:01:30' }, { start: 'format' }],
			[{ start: '17:00:00', end: '18:01:30' }, { start: 'beforeStart' }],
			[{ start: '18:01:30', end: '18:01:00' }, { end: 'endBeforeStart' }],
			[{ start: '18:01:00', end: '' }, { end: 'endMissing' }]
		] as const) {
			expect(await correctRange(deps, clerk, meetingId, range!.id, input, at(3600))).toEqual({
				ok: false,
				reason: 'invalid',
				errors
			});
		}
		expect(await listRanges(database.db, meetingId)).toEqual(before);

		const other = await meeting();
		expect(
			await correctRange(deps, clerk, other.meetingId, range!.id, {
				start: '18:00:55',
				end: '18:01:35'
			})
		).toEqual({ ok: false, reason: 'rangeNotFound' });

		const result = await correctRange(
			deps,
			clerk,
			meetingId,
			range!.id,
			{ start: '18:00:55', end: '18:01:35' },
			at(3600)
		);
		const stream = await findLiveStream(database.db, meetingId);
		expect(result).toEqual({ ok: true, recordingId: stream!.recordingId });
		const [corrected] = await listRanges(database.db, meetingId);
		expect(corrected).toMatchObject({ startsAt: at(55), endsAt: at(95), appliedAt: null });

		await endBroadcast(deps, clerk, meetingId, at(120));
		expect(await setConsentSlateLive(deps, clerk, meetingId, false)).toEqual({
			ok: false,
			reason: 'ended'
		});
	});

	it('finds the state unknown when the console comes back after a silence', async () => {
		const { meetingId } = await meeting();
		const timeout = deps.config.live.consoleTimeoutMs;
		// Before the start a silent console does not matter.
		await consoleHeartbeat(deps, meetingId, t0);
		await consoleHeartbeat(deps, meetingId, at(timeout / 1000 + 60));
		await startBroadcast(deps, clerk, meetingId, at(timeout / 1000 + 61));
		const base = timeout / 1000 + 61;
		await consoleHeartbeat(deps, meetingId, at(base + 2));
		await consoleHeartbeat(deps, meetingId, at(base + 2 + timeout / 1000));
		expect((await listRanges(database.db, meetingId)).map((r) => r.kind)).toEqual([]);
		const late = at(base + 3 + (2 * timeout) / 1000);
		await consoleHeartbeat(deps, meetingId, late);
		expect(await listRanges(database.db, meetingId)).toEqual([
			expect.objectContaining({ kind: 'unknown', startsAt: late, endsAt: null, source: 'system' })
		]);
		expect((await findLiveStream(database.db, meetingId))?.consoleSeenAt).toEqual(late);
	});

	it('does not let a clerk edit the unknown state away', async () => {
		const { meetingId } = await meeting();
		await startBroadcast(deps, clerk, meetingId, t0);
		await markStateUnknown(database.db, meetingId, at(5), 'worker restart');
		const unknown = (await listRanges(database.db, meetingId)).find((r) => r.kind === 'unknown');
		expect(
			await correctRange(
				deps,
				clerk,
				meetingId,
				unknown!.id,
				{ start: '18:00:10', end: '18:00:11' },
				at(60)
			)
		).toEqual({ ok: false, reason: 'unknownRange' });
	});
});
