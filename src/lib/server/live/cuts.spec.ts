import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameLevels, probeSegment } from '../media/ffmpeg-cut.ts';
import { generateTestRecording, probeMedia, transcodeToHls } from '../media/ffmpeg.ts';
import type { HlsArchive } from '../media/ffmpeg.ts';
import { findRecording } from '../meetings/recordings.repository.ts';
import { resolveArchiveFile } from '../archive/archive-files.ts';
import { mediaStore } from '../media/media-store.ts';
import { createMeetingWithAgenda } from '../testing/recording-fixtures.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { parseMediaPlaylist } from './archive-slots.ts';
import { listAppliedCuts } from './cut-marks.ts';
import { applyCuts } from './cuts.ts';
import {
	appendSlots,
	createLiveSession,
	findRange,
	listSlots,
	openRange,
	updateRange
} from './live.repository.ts';

// Real ffmpeg on a tiny recording: 10 s of 320x180 test picture with a tone, as 2-second slots.
let app: TestApp;
let dataDir: string;
let ladder: string;
let archive: HlsArchive;
const STARTED = new Date('2026-11-12T17:00:00Z');

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-cuts-'));
	app = await createTestApp({ DATA_DIR: dataDir });
	const source = path.join(dataDir, 'source.mp4');
	await generateTestRecording(source, { seconds: 10, width: 320, height: 180 });
	const probe = await probeMedia(source, { maxBytes: 1e9, maxDurationSeconds: 3600 });
	ladder = path.join(dataDir, 'ladder');
	archive = await transcodeToHls(source, ladder, { probe });
}, 120_000);

afterAll(async () => {
	await app?.close();
	if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const media = (...parts: string[]) => path.join(dataDir, 'media', ...parts);
const sha = async (file: string) =>
	createHash('sha256')
		.update(await readFile(file))
		.digest('hex');
const renditions = () => archive.renditions.map((r) => r.name);

/** A live recording as the publisher leaves it: session s1 published, slots of 2 s. */
async function liveRecording() {
	const { db } = app.database;
	const { meetingId } = await createMeetingWithAgenda(db, [{ number: 'TOP 1', chapterStartMs: 0 }]);
	const row = await db
		.insertInto('recordings')
		.values({
			meeting_id: meetingId,
			state: 'ready',
			started_at: STARTED,
			origin: 'live',
			renditions: JSON.stringify(archive.renditions)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const prefix = `recordings/${row.id}/live`;
	await db
		.updateTable('recordings')
		.set({ output_prefix: prefix })
		.where('id', '=', row.id)
		.execute();
	await cp(ladder, media(...prefix.split('/'), 's1'), { recursive: true });
	await createLiveSession(db, {
		meetingId,
		recordingId: row.id,
		dir: 's1',
		renditions: renditions()
	});
	await db
		.updateTable('live_sessions')
		.set({ media_started_at: STARTED })
		.where('dir', '=', 's1')
		.where('meeting_id', '=', meetingId)
		.execute();
	const video = await readFile(
		media(...prefix.split('/'), 's1', renditions()[0]!, 'index.m3u8'),
		'utf8'
	);
	let startMs = 0;
	await appendSlots(
		db,
		row.id,
		parseMediaPlaylist(video).map((s) => {
			const slot = {
				startMs,
				durationMs: s.durationMs,
				kind: 'media' as const,
				dir: 's1',
				file: s.file
			};
			startMs += s.durationMs;
			return slot;
		})
	);
	return { meetingId, recordingId: row.id, prefix };
}

const at = (seconds: number) => new Date(STARTED.getTime() + seconds * 1000);

async function consentRange(
	meetingId: string,
	from: number,
	to: number,
	kind: 'consent' | 'nonpublic' = 'consent'
) {
	const range = await openRange(app.database.db, {
		meetingId,
		kind,
		startsAt: at(from),
		source: kind === 'consent' ? 'live' : 'edit'
	});
	await app.database.db
		.updateTable('live_ranges')
		.set({ ends_at: at(to) })
		.where('id', '=', range.id)
		.execute();
	return range.id;
}

/** init + segment of a slot's rendition joined into one file the analysis can read. */
async function joined(prefix: string, dir: string, r: string, file: string): Promise<string> {
	const folder = media(...prefix.split('/'), ...dir.split('/'), r);
	const out = path.join(dataDir, `joined-${Math.random().toString(36).slice(2)}.mp4`);
	await writeFile(
		out,
		Buffer.concat([
			await readFile(path.join(folder, 'init.mp4')),
			await readFile(path.join(folder, file))
		])
	);
	return out;
}

async function slotLevels(
	prefix: string,
	slot: { dir: string; file: string; startMs: number },
	r: string
) {
	const file = await joined(prefix, slot.dir, r, slot.file);
	const start = (await probeSegment(file)).startSeconds;
	const kind = r === 'audio' ? 'audio' : 'video';
	return (await frameLevels(file, kind)).map((l) => ({
		t: slot.startMs / 1000 + (l.t - start),
		level: l.level
	}));
}

async function totalSeconds(prefix: string, slots: { dir: string; file: string }[], r: string) {
	let sum = 0;
	for (const s of slots)
		sum += (await probeSegment(await joined(prefix, s.dir, r, s.file))).durationSeconds;
	return sum;
}

describe('consent cuts', () => {
	it('blanks [3.3 s, 4.1 s] in slots 1 and 2 only, at the same length, audited', async () => {
		const { meetingId, recordingId, prefix } = await liveRecording();
		const before = await listSlots(app.database.db, recordingId);
		expect(before).toHaveLength(5);
		const hashes = new Map<string, string>();
		for (const s of before)
			for (const r of renditions())
				hashes.set(`${s.seq}/${r}`, await sha(media(...prefix.split('/'), s.dir, r, s.file)));
		const durations = Object.fromEntries(
			await Promise.all(renditions().map(async (r) => [r, await totalSeconds(prefix, before, r)]))
		);
		const rangeId = await consentRange(meetingId, 3.3, 4.1);

		const outcome = await applyCuts(app.ctx, recordingId);
		expect(outcome).toEqual({ ok: true, applied: [rangeId] });

		const after = await listSlots(app.database.db, recordingId);
		expect(after.map((s) => s.kind)).toEqual(['media', 'cut', 'cut', 'media', 'media']);
		expect(after.map((s) => [s.startMs, s.durationMs])).toEqual(
			before.map((s) => [s.startMs, s.durationMs])
		);
		expect(after[1]).toMatchObject({ dir: `cuts/${rangeId}-1`, file: 'segment.m4s' });
		for (const s of [after[0]!, after[3]!, after[4]!]) {
			for (const r of renditions())
				expect(await sha(media(...prefix.split('/'), s.dir, r, s.file))).toBe(
					hashes.get(`${s.seq}/${r}`)
				);
		}
		// The originals with the speaker are gone from the public store.
		for (const r of renditions()) {
			expect(existsSync(media(...prefix.split('/'), 's1', r, before[1]!.file))).toBe(false);
			expect(existsSync(media(...prefix.split('/'), 's1', r, before[2]!.file))).toBe(false);
		}
		for (const r of renditions()) {
			expect(Math.abs((await totalSeconds(prefix, after, r)) - durations[r])).toBeLessThan(0.03);
		}

		const picture = [
			...(await slotLevels(prefix, after[1]!, renditions()[0]!)),
			...(await slotLevels(prefix, after[2]!, renditions()[0]!))
		];
		const sound = [
			...(await slotLevels(prefix, after[1]!, 'audio')),
			...(await slotLevels(prefix, after[2]!, 'audio'))
		];
		const inside = (l: { t: number }) => l.t >= 3.3 && l.t <= 4.05;
		const outside = (l: { t: number }) => l.t < 3.15 || l.t > 4.3;
		expect(picture.filter(inside).length).toBeGreaterThan(15);
		expect(picture.filter(inside).every((l) => l.level <= 20)).toBe(true);
		expect(picture.filter(outside).every((l) => l.level > 100)).toBe(true);
		expect(sound.filter(inside).length).toBeGreaterThan(20);
		expect(sound.filter(inside).every((l) => l.level < -80)).toBe(true);
		expect(sound.filter(outside).filter((l) => l.level > -40).length).toBeGreaterThan(40);

		const audit = await app.database.db
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'recording.cut')
			.where('target_id', '=', recordingId)
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0]!.details).toMatchObject({ rangeId, slots: [1, 2] });
		expect(await listAppliedCuts(app.database.db, meetingId)).toEqual([
			{ startMs: 3300, endMs: 4100, reason: 'consent' }
		]);

		// A second run finds nothing to do and changes nothing.
		expect(await applyCuts(app.ctx, recordingId)).toEqual({ ok: true, applied: [] });
		expect(await listSlots(app.database.db, recordingId)).toEqual(after);
	}, 120_000);

	it('widens a range that starts just after a segment edge into the segment before', async () => {
		const { meetingId, recordingId } = await liveRecording();
		await consentRange(meetingId, 4.02, 4.9);
		await applyCuts(app.ctx, recordingId);
		const kinds = (await listSlots(app.database.db, recordingId)).map((s) => s.kind);
		expect(kinds).toEqual(['media', 'cut', 'cut', 'media', 'media']);
	}, 120_000);

	it('cuts a slot shown as a slate live from its held original, then deletes the original', async () => {
		const { db } = app.database;
		const { meetingId, recordingId, prefix } = await liveRecording();
		const held = path.join(dataDir, 'media', '.work', 'live-held', recordingId, 's1');
		const slots = await listSlots(db, recordingId);
		for (const r of renditions()) {
			await mkdir(path.join(held, r), { recursive: true });
			await rename(
				media(...prefix.split('/'), 's1', r, slots[2]!.file),
				path.join(held, r, slots[2]!.file)
			);
		}
		await db
			.updateTable('recording_slots')
			.set({ kind: 'consent', dir: 'slates/consent', file: 'segment.m4s' })
			.where('recording_id', '=', recordingId)
			.where('seq', '=', 2)
			.execute();
		await consentRange(meetingId, 4.6, 5.2);

		expect((await applyCuts(app.ctx, recordingId)).ok).toBe(true);
		const after = await listSlots(db, recordingId);
		expect(after.map((s) => s.kind)).toEqual(['media', 'media', 'cut', 'media', 'media']);
		expect(existsSync(path.join(dataDir, 'media', '.work', 'live-held', recordingId))).toBe(false);
		const sound = await slotLevels(prefix, after[2]!, 'audio');
		expect(sound.filter((l) => l.t > 4.05 && l.t < 4.45).every((l) => l.level > -40)).toBe(true);
		expect(sound.filter((l) => l.t > 4.6 && l.t < 5.2).every((l) => l.level < -80)).toBe(true);
	}, 120_000);

	it('turns whole slots into non-public slates for a non-public part marked afterwards', async () => {
		const { db } = app.database;
		const { meetingId, recordingId, prefix } = await liveRecording();
		for (const r of renditions()) {
			await mkdir(media(...prefix.split('/'), 'slates', 'nonpublic', r), { recursive: true });
			await writeFile(
				media(...prefix.split('/'), 'slates', 'nonpublic', r, 'segment.m4s'),
				'slate'
			);
		}
		const before = await listSlots(db, recordingId);
		await consentRange(meetingId, 5.5, 6.5, 'nonpublic');
		await applyCuts(app.ctx, recordingId);
		const after = await listSlots(db, recordingId);
		expect(after.map((s) => s.kind)).toEqual(['media', 'media', 'nonpublic', 'nonpublic', 'media']);
		expect(after[2]).toMatchObject({ dir: 'slates/nonpublic', file: 'segment.m4s' });
		for (const r of renditions()) {
			expect(existsSync(media(...prefix.split('/'), 's1', r, before[2]!.file))).toBe(false);
			expect(existsSync(media(...prefix.split('/'), 's1', r, before[3]!.file))).toBe(false);
		}
		expect(await listAppliedCuts(db, meetingId)).toEqual([
			{ startMs: 5500, endMs: 6500, reason: 'nonpublic' }
		]);
	}, 120_000);

	it('blanks whole slots for a non-public part when the recording has no slates', async () => {
		const { db } = app.database;
		const { meetingId, recordingId, prefix } = await liveRecording();
		await consentRange(meetingId, 6.5, 7.0, 'nonpublic');
		await applyCuts(app.ctx, recordingId);
		const after = await listSlots(db, recordingId);
		expect(after.map((s) => s.kind)).toEqual(['media', 'media', 'media', 'cut', 'media']);
		const picture = await slotLevels(prefix, after[3]!, renditions()[0]!);
		expect(picture.length).toBeGreaterThan(40);
		expect(picture.every((l) => l.level <= 20)).toBe(true);
		const sound = await slotLevels(prefix, after[3]!, 'audio');
		expect(sound.every((l) => l.level < -80)).toBe(true);
	}, 120_000);

	it('leaves every slot as it was when ffmpeg fails, and cuts a corrected range again', async () => {
		const { db } = app.database;
		const { meetingId, recordingId, prefix } = await liveRecording();
		const before = await listSlots(db, recordingId);
		const broken = media(...prefix.split('/'), 's1', renditions()[0]!, before[2]!.file);
		const original = await readFile(broken);
		await writeFile(broken, Buffer.alloc(4000, 7));
		const rangeId = await consentRange(meetingId, 3.3, 4.5);
		await expect(applyCuts(app.ctx, recordingId)).rejects.toThrow();
		expect(await listSlots(db, recordingId)).toEqual(before);
		expect((await findRange(db, rangeId))?.appliedAt).toBeNull();
		expect(existsSync(media(...prefix.split('/'), 'cuts', `${rangeId}-1`))).toBe(false);

		await writeFile(broken, original);
		await applyCuts(app.ctx, recordingId);
		// The clerk widens the range afterwards: applied again over the first cut.
		await updateRange(db, rangeId, { startsAt: at(3.0), endsAt: at(4.8) });
		expect((await applyCuts(app.ctx, recordingId)).ok).toBe(true);
		const after = await listSlots(db, recordingId);
		expect(after.map((s) => s.kind)).toEqual(['media', 'cut', 'cut', 'media', 'media']);
		for (const s of [after[1]!, after[2]!]) {
			for (const r of renditions()) {
				expect(existsSync(media(...prefix.split('/'), s.dir, r, s.file))).toBe(true);
			}
		}
		const sound = await slotLevels(prefix, after[1]!, 'audio');
		expect(sound.filter((l) => l.t > 3.05 && l.t < 3.95).every((l) => l.level < -80)).toBe(true);
	}, 120_000);

	it('turns an uploaded archive into slots, cuts it, and serves its playlists from the slots', async () => {
		const { db } = app.database;
		const source = path.join(dataDir, 'source-9.mp4');
		await generateTestRecording(source, { seconds: 9, width: 320, height: 180 });
		const probe = await probeMedia(source, { maxBytes: 1e9, maxDurationSeconds: 3600 });
		const { meetingId } = await createMeetingWithAgenda(db, [
			{ number: 'TOP 1', chapterStartMs: 0 }
		]);
		const row = await db
			.insertInto('recordings')
			.values({ meeting_id: meetingId, state: 'ready', started_at: STARTED, origin: 'upload' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const prefix = `recordings/${row.id}/v1`;
		const nine = await transcodeToHls(source, media(...prefix.split('/')), { probe });
		await db
			.updateTable('recordings')
			.set({ output_prefix: prefix, renditions: JSON.stringify(nine.renditions) })
			.where('id', '=', row.id)
			.execute();
		await consentRange(meetingId, 1.0, 1.5);
		expect((await applyCuts(app.ctx, row.id)).ok).toBe(true);
		const slots = await listSlots(db, row.id);
		expect(slots.map((s) => s.kind)).toEqual(['cut', 'media', 'media', 'media', 'media']);
		expect(slots[1]).toMatchObject({ dir: '', file: 'segment-00001.m4s', startMs: 2000 });
		const store = mediaStore(app.ctx.config);
		const playlist = await resolveArchiveFile({ db, store }, row.id, 'audio/index.m3u8', null);
		const text = new TextDecoder().decode((await playlist!.open()) as Uint8Array);
		expect(text).toContain(`../cuts/`);
		expect(text).toContain('../audio/segment-00001.m4s');
		expect(text).toContain('#EXT-X-ENDLIST');
	}, 120_000);

	it('leaves out the audio tail of an uploaded archive, and refuses renditions that really differ', async () => {
		const { db } = app.database;
		const { meetingId, recordingId, prefix } = await liveRecording();
		await db.deleteFrom('recording_slots').where('recording_id', '=', recordingId).execute();
		const root = `recordings/${recordingId}/v1`;
		await cp(media(...prefix.split('/'), 's1'), media(...root.split('/')), { recursive: true });
		await db
			.updateTable('recordings')
			.set({ origin: 'upload', output_prefix: root })
			.where('id', '=', recordingId)
			.execute();
		await consentRange(meetingId, 3.3, 4.1);
		const lists = await Promise.all(
			renditions().map(async (r) => ({
				r,
				file: media(...root.split('/'), r, 'index.m3u8'),
				text: await readFile(media(...root.split('/'), r, 'index.m3u8'), 'utf8')
			}))
		);
		const counts = lists.map((l) => parseMediaPlaylist(l.text).length);
		// ffmpeg's AAC priming leaves the audio rendition one short segment longer than the video.
		expect(new Set(counts).size).toBe(2);

		// One video rendition missing its last two segments is a real difference: refused.
		const video = lists.find((l) => l.r !== 'audio')!;
		const cut = video.text.split('\n');
		const uris = cut.flatMap((line, i) => (line.endsWith('.m4s') ? [i] : []));
		const shortened = cut.slice(0, uris[uris.length - 2]! - 1).join('\n') + '\n';
		await writeFile(video.file, shortened);
		expect(await applyCuts(app.ctx, recordingId)).toEqual({ ok: false, reason: 'notSlots' });
		expect(await listSlots(db, recordingId)).toEqual([]);
		expect((await findRecording(db, recordingId))?.outputPrefix).toBe(root);

		// The whole playlist back: the audio tail is left out and the cut goes through.
		await writeFile(video.file, video.text);
		expect((await applyCuts(app.ctx, recordingId)).ok).toBe(true);
		const slots = await listSlots(db, recordingId);
		expect(slots).toHaveLength(Math.min(...counts));
		expect(slots.some((s) => s.kind === 'cut')).toBe(true);
	}, 60_000);
});
