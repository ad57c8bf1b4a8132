import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveArchiveFile, archiveExpired } from '../archive/archive-files.ts';
import { appendSlots, listSlots } from '../live/live.repository.ts';
import { mediaStore } from '../media/media-store.ts';
import { createMeetingWithAgenda } from '../testing/recording-fixtures.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { oparlFileAccess, oparlObject } from './oparl/api.ts';
import { listRetentionOverview, sweepRetention } from './retention-sweep.ts';

// Real files in a temporary DATA_DIR, the database of the run (PGlite or PostgreSQL).
let app: TestApp;
let dataDir: string;
const site = {
	origin: 'https://mitreden.example',
	siteName: 'Mitreden Teststadt',
	operatorName: 'Stadt Teststadt',
	operatorEmail: 'rathaus@teststadt.example'
};
const NOW = new Date('2027-01-20T12:00:00Z');
const STARTED = new Date('2026-11-12T17:00:00Z');

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-retention-'));
	app = await createTestApp({ DATA_DIR: dataDir });
});

afterAll(async () => {
	await app?.close();
	if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const file = (key: string) => path.join(dataDir, 'media', ...key.split('/'));
async function put(key: string, text = 'x'): Promise<void> {
	await mkdir(path.dirname(file(key)), { recursive: true });
	await writeFile(file(key), text);
}

/** A published archive with slots, thumbnails, captions, the uploaded source and a held original. */
async function publishedRecording(retention: {
	mode: 'days' | 'keep' | null;
	days: number | null;
}) {
	const { db } = app.database;
	const { meetingId, itemIds } = await createMeetingWithAgenda(db, [
		{ number: 'TOP 1', chapterStartMs: 0 }
	]);
	await db
		.updateTable('meetings')
		.set({ retention_mode: retention.mode, retention_days: retention.days, has_recording: true })
		.where('id', '=', meetingId)
		.execute();
	const rec = await db
		.insertInto('recordings')
		.values({ meeting_id: meetingId, state: 'ready', started_at: STARTED, origin: 'upload' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const prefix = `recordings/${rec.id}/v1`;
	const source = `uploads/${rec.id.slice(0, 8)}/source`;
	const captions = `captions/${rec.id}.vtt`;
	await db
		.updateTable('recordings')
		.set({
			output_prefix: prefix,
			source_key: source,
			captions_key: captions,
			renditions: JSON.stringify([
				{
					name: '360p',
					width: 640,
					height: 360,
					bandwidth: 900_000,
					codecs: 'avc1.4d401e',
					passthrough: false
				}
			])
		})
		.where('id', '=', rec.id)
		.execute();
	for (const key of [
		`${prefix}/360p/init.mp4`,
		`${prefix}/360p/segment-00000.m4s`,
		`${prefix}/thumbnails/${itemIds[0]}.jpg`,
		source,
		captions
	]) {
		await put(key);
	}
	await put(
		`${prefix}/360p/index.m3u8`,
		'#EXTM3U\n#EXTINF:2.000,\nsegment-00000.m4s\n#EXT-X-ENDLIST\n'
	);
	const held = path.join(mediaStore(app.ctx.config).workDir, 'live-held', rec.id, 's1', '360p');
	await mkdir(held, { recursive: true });
	await writeFile(path.join(held, 'segment-00001.m4s'), 'x');
	await appendSlots(db, rec.id, [
		{ startMs: 0, durationMs: 2000, kind: 'media', dir: '', file: 'segment-00000.m4s' }
	]);
	return { meetingId, recordingId: rec.id, prefix, source, captions, held };
}

describe('retention sweep', () => {
	it('deletes every file of an expired recording, keeps the meeting, answers 410, audits once', async () => {
		const { db } = app.database;
		const gone = await publishedRecording({ mode: 'days', days: 30 });
		const kept = await publishedRecording({ mode: 'keep', days: null });
		const store = mediaStore(app.ctx.config);
		expect(
			await resolveArchiveFile({ db, store }, gone.recordingId, '360p/init.mp4', null)
		).not.toBeNull();

		const overview = await listRetentionOverview(db, new Date('2026-12-01T00:00:00Z'));
		expect(overview.upcoming.map((c) => c.recordingId)).toContain(gone.recordingId);
		expect(overview.upcoming.map((c) => c.recordingId)).not.toContain(kept.recordingId);

		const swept = await sweepRetention(app.ctx, NOW);
		expect(swept).toContain(gone.recordingId);
		expect(swept).not.toContain(kept.recordingId);

		expect(existsSync(file(`recordings/${gone.recordingId}`))).toBe(false);
		expect(existsSync(file(gone.source))).toBe(false);
		expect(existsSync(file(gone.captions))).toBe(false);
		expect(
			existsSync(path.join(mediaStore(app.ctx.config).workDir, 'live-held', gone.recordingId))
		).toBe(false);
		expect(await listSlots(db, gone.recordingId)).toEqual([]);
		const meeting = await db
			.selectFrom('meetings')
			.select('has_recording')
			.where('id', '=', gone.meetingId)
			.executeTakeFirstOrThrow();
		expect(meeting.has_recording).toBe(false);
		const items = await db
			.selectFrom('agenda_items')
			.select('id')
			.where('meeting_id', '=', gone.meetingId)
			.where('deleted_at', 'is', null)
			.execute();
		expect(items).toHaveLength(1);

		// The archive address is gone for good; OParl shows the File deleted, its access URL 410.
		expect(
			await resolveArchiveFile({ db, store }, gone.recordingId, '360p/init.mp4', null)
		).toBeNull();
		expect(await archiveExpired(db, gone.recordingId)).toBe(true);
		expect(await archiveExpired(db, kept.recordingId)).toBe(false);
		expect(await oparlFileAccess(db, site, gone.recordingId)).toEqual({ status: 410 });
		const fileObject = await oparlObject(db, site, 'files', gone.recordingId);
		expect(fileObject.body).toMatchObject({ deleted: true });
		const meetingObject = await oparlObject(db, site, 'meetings', gone.meetingId);
		expect(JSON.stringify(meetingObject.body)).not.toContain('master.m3u8');

		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'recording.expired')
			.where('target_id', '=', gone.recordingId)
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0]!.actor_id).toBeNull();

		// The kept recording is untouched.
		expect(existsSync(file(`${kept.prefix}/360p/segment-00000.m4s`))).toBe(true);
		expect(await oparlFileAccess(db, site, kept.recordingId)).toMatchObject({ status: 302 });

		// A second sweep finds nothing.
		expect(await sweepRetention(app.ctx, NOW)).toEqual([]);
		const again = await db
			.selectFrom('audit_log')
			.select('id')
			.where('action', '=', 'recording.expired')
			.where('target_id', '=', gone.recordingId)
			.execute();
		expect(again).toHaveLength(1);
		expect(
			(await listRetentionOverview(db, new Date('2026-12-20T00:00:00Z'))).expired.map(
				(c) => c.recordingId
			)
		).toContain(gone.recordingId);
	});

	it('inherits the body setting and leaves recordings inside their period alone', async () => {
		const { db } = app.database;
		const young = await publishedRecording({ mode: null, days: null });
		const body = await db
			.selectFrom('meetings')
			.select('body_id')
			.where('id', '=', young.meetingId)
			.executeTakeFirstOrThrow();
		await db
			.updateTable('bodies')
			.set({ retention_mode: 'days', retention_days: 365 })
			.where('id', '=', body.body_id)
			.execute();
		expect(await sweepRetention(app.ctx, NOW)).not.toContain(young.recordingId);
		// A new transcode in progress is left alone until it is done.
		const later = new Date('2027-11-13T00:00:00Z');
		await db
			.updateTable('recordings')
			.set({ state: 'processing' })
			.where('id', '=', young.recordingId)
			.execute();
		expect(await sweepRetention(app.ctx, later)).not.toContain(young.recordingId);
		await db
			.updateTable('recordings')
			.set({ state: 'ready' })
			.where('id', '=', young.recordingId)
			.execute();
		expect(await sweepRetention(app.ctx, later)).toContain(young.recordingId);
	});
});
