import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchiveMeeting } from '../archive/test-archive.ts';
import type { Database } from '../db/index.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import { createUser } from '../testing/factories.ts';
import { markField, saveChapterMarks, validateChapterMarks } from './chapter-marks.ts';
import { chaptersJson, chaptersVtt, computeChapters, vttTimestamp } from './chapters.ts';
import { listChapterItems, type ChapterItem } from './chapters.repository.ts';
import { loadReplay } from './replay.ts';
import { localMediaStore } from '../media/media-store.ts';

const item = (
	id: string,
	chapterStartMs: number | null,
	extra: Partial<ChapterItem> = {}
): ChapterItem => ({
	id,
	number: `TOP ${id}`,
	title: `Titel ${id}`,
	public: true,
	position: Number(id),
	chapterStartMs,
	updatedAt: new Date(),
	...extra
});

describe('computeChapters', () => {
	it('ends each chapter at the next mark and the last at the recording’s end', () => {
		const chapters = computeChapters(
			[item('1', 0), item('2', 25_000), item('3', null), item('4', 95_000)],
			180_000
		);
		expect(chapters.map((c) => [c.number, c.startMs, c.endMs, c.durationMs])).toEqual([
			['TOP 1', 0, 25_000, 25_000],
			['TOP 2', 25_000, 95_000, 70_000],
			['TOP 4', 95_000, 180_000, 85_000]
		]);
		expect(chapters[1]?.top).toBe('2');
	});

	it('lets a non-public item end the public one before it, and hides it from the public', () => {
		const chapters = computeChapters(
			[item('1', 0), item('2', 60_000, { public: false }), item('3', 90_000)],
			120_000
		);
		expect(chapters[0]?.endMs).toBe(60_000);
		const vtt = chaptersVtt(chapters);
		expect(vtt).not.toContain('Titel 2');
		const doc = chaptersJson({
			meetingId: 'm',
			recordingId: 'r',
			startedAt: new Date('2026-11-18T17:00:00Z'),
			durationMs: 120_000,
			chapters,
			meetingUrl: 'https://example.org/sitzungen/m'
		});
		expect(doc.chapters.map((c) => c.number)).toEqual(['TOP 1', 'TOP 3']);
		expect(doc.chapters[1]).toMatchObject({
			start: 90,
			end: 120,
			duration: 30,
			startDate: '2026-11-18T17:01:30.000Z',
			url: 'https://example.org/sitzungen/m?top=3'
		});
	});

	it('ends imported out-of-order marks at the next mark in time', () => {
		const chapters = computeChapters([item('1', 60_000), item('2', 0)], 90_000);
		expect(chapters.map((c) => [c.startMs, c.endMs])).toEqual([
			[60_000, 90_000],
			[0, 60_000]
		]);
	});
});

describe('chaptersVtt', () => {
	it('writes a valid WebVTT chapter file with escaped one-line cues', () => {
		const vtt = chaptersVtt(
			computeChapters(
				[item('1', 0, { title: 'Haushalt <2027> & mehr\n--> Ende' }), item('2', 3_723_004)],
				4_000_000
			)
		);
		const blocks = vtt.trimEnd().split('\n\n');
		expect(blocks[0]).toBe('WEBVTT');
		expect(blocks[1]).toBe(
			'1\n00:00:00.000 --> 01:02:03.004\nTOP 1: Haushalt &lt;2027&gt; &amp; mehr --&gt; Ende'
		);
		expect(blocks[2]).toBe('2\n01:02:03.004 --> 01:06:40.000\nTOP 2: Titel 2');
		for (const block of blocks.slice(1)) {
			expect(block.split('\n')[1]).toMatch(
				/^\d{2,}:\d{2}:\d{2}\.\d{3} --> \d{2,}:\d{2}:\d{2}\.\d{3}$/
			);
		}
	});

	it('formats long timestamps', () => {
		expect(vttTimestamp(100 * 3_600_000 + 1)).toBe('100:00:00.001');
	});
});

describe('validateChapterMarks', () => {
	const items = [item('1', null), item('2', null), item('3', null)];
	const form = (a: string, b: string, c: string) => ({
		[markField('1')]: a,
		[markField('2')]: b,
		[markField('3')]: c
	});

	it('accepts clock times, seconds and empty fields', () => {
		const result = validateChapterMarks(items, form('0:00', '25', ''), 180_000);
		expect(result.ok && [...result.marks.values()]).toEqual([0, 25_000, null]);
	});

	it.each([
		['not a time', form('abc', '', ''), 'chapTimeInvalid'],
		['negative', form('-5', '', ''), 'chapTimeInvalid'],
		['NaN', form('NaN', '', ''), 'chapTimeInvalid'],
		['huge', form('99999999999999999999', '', ''), 'chapTimeInvalid'],
		['after the end', form('3:00', '', ''), 'chapTimeAfterEnd'],
		['out of agenda order', form('1:00', '0:30', ''), 'chapTimeOrder'],
		['duplicate', form('1:00', '60', ''), 'chapTimeDuplicate']
	])('refuses %s', (_, raw, key) => {
		const result = validateChapterMarks(items, raw, 180_000);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.errors.map((e) => e.key)).toContain(key);
	});

	it('names the earlier item an out-of-order mark collides with', () => {
		const result = validateChapterMarks(items, form('1:00', '', '0:59'), 180_000);
		expect(!result.ok && result.errors).toEqual([
			{ field: markField('3'), key: 'chapTimeOrder', params: { number: 'TOP 1', time: '1:00' } }
		]);
	});
});

describe('saveChapterMarks (database)', () => {
	let database: Database;
	beforeAll(async () => {
		database = await createTestDatabase();
	});
	afterAll(async () => {
		await database?.close();
	});

	it('saves all marks with one audit entry, or nothing at all', async () => {
		const { db } = database;
		const clerk = await createUser(db, { roles: ['clerk'] });
		const { meetingId, itemIds } = await createArchiveMeeting(db, {
			items: [{ number: 'TOP 1' }, { number: 'TOP 2' }, { number: 'TOP 3', public: false }]
		});
		const raw = (a: string, b: string, c: string) => ({
			[markField(itemIds[0]!)]: a,
			[markField(itemIds[1]!)]: b,
			[markField(itemIds[2]!)]: c
		});
		const bad = await saveChapterMarks(db, clerk.id, meetingId, raw('0', '1:30', '1:00'));
		expect(bad.ok).toBe(false);
		expect((await listChapterItems(db, meetingId)).map((i) => i.chapterStartMs)).toEqual([
			null,
			null,
			null
		]);

		const good = await saveChapterMarks(db, clerk.id, meetingId, raw('0', '1:00', '2:00'));
		expect(good).toMatchObject({ ok: true, changed: 3 });
		expect((await listChapterItems(db, meetingId)).map((i) => i.chapterStartMs)).toEqual([
			0, 60_000, 120_000
		]);
		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('target_id', '=', meetingId)
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['meeting.chapters.update']);

		const again = await saveChapterMarks(db, clerk.id, meetingId, raw('0', '60', '120'));
		expect(again).toMatchObject({ ok: true, changed: 0 });
	});

	it('refuses marks for a meeting without a published archive', async () => {
		const { db } = database;
		const clerk = await createUser(db, { roles: ['clerk'] });
		const { meetingId } = await createArchiveMeeting(db, {
			items: [{ number: 'TOP 1' }],
			outputPrefix: null
		});
		expect(await saveChapterMarks(db, clerk.id, meetingId, {})).toEqual({
			ok: false,
			reason: 'noArchive'
		});
	});

	it('gives the player public chapters only', async () => {
		const { db } = database;
		const { meetingId, itemIds } = await createArchiveMeeting(db, {
			items: [
				{ number: 'TOP 1', chapterStartMs: 0 },
				{ number: 'N 1', title: 'Grundstücksverkauf', public: false, chapterStartMs: 60_000 },
				{ number: 'TOP 2', chapterStartMs: 90_000 }
			]
		});
		const replay = await loadReplay(db, localMediaStore('/nonexistent'), meetingId);
		expect(replay?.items).toEqual([
			{
				id: itemIds[0],
				number: 'TOP 1',
				title: 'Punkt TOP 1',
				public: true,
				top: '1',
				start: 0,
				duration: 60
			},
			{
				id: itemIds[1],
				number: 'N 1',
				title: null,
				public: false,
				top: null,
				start: null,
				duration: null
			},
			{
				id: itemIds[2],
				number: 'TOP 2',
				title: 'Punkt TOP 2',
				public: true,
				top: '2',
				start: 90,
				duration: 90
			}
		]);
		expect(JSON.stringify(replay)).not.toContain('Grundstücksverkauf');
		expect(replay?.posterUrl).toBeNull();
	});
});
