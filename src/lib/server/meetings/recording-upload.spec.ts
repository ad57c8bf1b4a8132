import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endBroadcast, startBroadcast } from '../live/broadcast.service.ts';
import { findFfmpeg } from '../media/ffmpeg.ts';
import { mediaStore } from '../media/media-store.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { createUser } from '../testing/factories.ts';
import { findRecordingByMeeting } from './recordings.repository.ts';
import { purgeStaleUploads } from './recording-publish.ts';
import {
	CHUNK_BYTES,
	abandonUpload,
	appendChunk,
	startUpload,
	uploadPartPath,
	type AppendResult
} from './recording-upload.ts';
import { findMeetingHeader, findUpload, listOpenUploads } from './recording-uploads.repository.ts';
import { cancelRecordingJob, recordingStatus, retryRecordingJob } from './recording-status.ts';

let app: TestApp;
let dir: string;
let clerk: string;
let video: Buffer;

const MEETING_START = new Date('2026-11-12T17:00:00Z');

/** A 2-second 160x90 H.264/AAC MP4 made by ffmpeg's test sources (STYLE.md: no downloads). */
async function makeVideo(): Promise<Buffer> {
	const found = await findFfmpeg();
	if (!found.ok) throw new Error(`Diese Tests brauchen ffmpeg: ${found.message}`);
	const out = path.join(dir, 'tiny.mp4');
	const args = ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i'];
	args.push('testsrc2=size=160x90:rate=10', '-f', 'lavfi', '-i', 'sine=frequency=440');
	args.push('-t', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p');
	args.push('-c:a', 'aac', '-movflags', '+faststart', out);
	const r = spawnSync(found.ffmpeg, args);
	if (r.status !== 0) throw new Error(r.stderr.toString());
	return readFile(out);
}

async function newMeeting(): Promise<string> {
	const { db } = app.ctx;
	const body = await db
		.insertInto('bodies')
		.values({ name: 'Rat der Stadt' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const meeting = await db
		.insertInto('meetings')
		.values({ body_id: body.id, name: 'Sitzung des Rates', starts_at: MEETING_START })
		.returning('id')
		.executeTakeFirstOrThrow();
	return meeting.id;
}

async function* pieces(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
	for (let i = 0; i < bytes.byteLength; i += size) yield bytes.subarray(i, i + size);
}

/** A request body that breaks off after `keep` bytes, as when the connection drops. */
async function* dropsAfter(bytes: Uint8Array, keep: number): AsyncGenerator<Uint8Array> {
	yield* pieces(bytes.subarray(0, keep));
	throw new Error('ECONNRESET');
}

function append(
	meetingId: string,
	uploadId: string,
	offset: number,
	bytes: Uint8Array,
	body: AsyncIterable<Uint8Array> = pieces(bytes)
): Promise<AppendResult> {
	return appendChunk(app.ctx, {
		meetingId,
		uploadId,
		userId: clerk,
		offset,
		length: bytes.byteLength,
		body
	});
}

async function start(meetingId: string, name: string, size: number, startedAt: Date | null = null) {
	const r = await startUpload(app.ctx, { meetingId, userId: clerk, name, size, startedAt });
	if (!r.ok) throw new Error(`startUpload: ${r.reason}`);
	return r.upload;
}

/** Uploads `bytes` in one go and returns the final append's result. */
async function uploadAll(meetingId: string, name: string, bytes: Uint8Array) {
	const upload = await start(meetingId, name, bytes.byteLength);
	return append(meetingId, upload.id, 0, bytes);
}

beforeAll(async () => {
	dir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-upload-'));
	// 10 MiB: small enough to test the limit, large enough for the tiny video.
	app = await createTestApp({ DATA_DIR: dir, MEDIA_MAX_UPLOAD_GB: String(10 / 1024) });
	clerk = (await createUser(app.ctx.db, { roles: ['clerk'] })).id;
	video = await makeVideo();
}, 60_000);

afterAll(async () => {
	await app?.close();
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('starting an upload', () => {
	it('refuses zero bytes, oversized totals, wrong extensions and empty names', async () => {
		const meetingId = await newMeeting();
		const reason = async (name: string, size: number) => {
			const r = await startUpload(app.ctx, {
				meetingId,
				userId: clerk,
				name,
				size,
				startedAt: null
			});
			return r.ok ? 'ok' : r.reason;
		};
		expect(await reason('rat.mp4', 0)).toBe('empty');
		expect(await reason('rat.mp4', 10 * 1024 * 1024 + 1)).toBe('tooBig');
		expect(await reason('rat.avi', 1000)).toBe('extension');
		expect(await reason('rat.mp4.exe', 1000)).toBe('extension');
		expect(await reason('/', 1000)).toBe('name');
		expect(await reason('rat.mp4', -5)).toBe('size');
		expect(await reason('Rat 2026.MKV', 10 * 1024 * 1024)).toBe('ok');
		expect((await listOpenUploads(app.ctx.db, meetingId)).map((u) => u.originalName)).toEqual([
			'Rat 2026.MKV'
		]);
	});

	it('refuses an upload while the meeting is streamed live, and takes it after the end', async () => {
		const meetingId = await newMeeting();
		const deps = { db: app.ctx.db, config: app.ctx.config };
		await startBroadcast(deps, clerk, meetingId);
		const input = { meetingId, userId: clerk, name: 'rat.mp4', size: 1000, startedAt: null };
		expect(await startUpload(app.ctx, input)).toEqual({ ok: false, reason: 'live' });
		expect(await listOpenUploads(app.ctx.db, meetingId)).toEqual([]);
		await endBroadcast(deps, clerk, meetingId);
		expect((await startUpload(app.ctx, input)).ok).toBe(true);
	});

	it('resumes the unfinished upload of the same file instead of starting anew', async () => {
		const meetingId = await newMeeting();
		const first = await start(meetingId, 'C:\\Videos\\rat.mov', 5000);
		expect(first.originalName).toBe('rat.mov');
		expect(await append(meetingId, first.id, 0, Buffer.alloc(1000, 1))).toEqual({
			ok: true,
			offset: 1000
		});
		const again = await startUpload(app.ctx, {
			meetingId,
			userId: clerk,
			name: 'rat.mov',
			size: 5000,
			startedAt: null
		});
		expect(again.ok && again.resumed && again.upload.id).toBe(first.id);
		expect(again.ok && again.upload.receivedBytes).toBe(1000);
		const other = await start(meetingId, 'rat.mov', 5001);
		expect(other.id).not.toBe(first.id);
	});
});

describe('appending chunks', () => {
	it('appends in order and answers a wrong offset with the server offset', async () => {
		const meetingId = await newMeeting();
		const upload = await start(meetingId, 'rat.mp4', 3000);
		const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));
		expect(await append(meetingId, upload.id, 0, bytes.subarray(0, 1000))).toEqual({
			ok: true,
			offset: 1000
		});
		expect(await append(meetingId, upload.id, 0, bytes.subarray(0, 1000))).toEqual({
			ok: false,
			reason: 'conflict',
			offset: 1000
		});
		expect(await append(meetingId, upload.id, 2000, bytes.subarray(2000))).toMatchObject({
			reason: 'conflict',
			offset: 1000
		});
		expect(await append(meetingId, upload.id, 1000, bytes.subarray(1000, 2000))).toEqual({
			ok: true,
			offset: 2000
		});
		const part = uploadPartPath(mediaStore(app.ctx.config).workDir, upload.id);
		expect((await readFile(part)).subarray(0, 2000)).toEqual(bytes.subarray(0, 2000));
		// Past the announced total, and chunks above the limit, are refused before writing.
		expect(await append(meetingId, upload.id, 2000, Buffer.alloc(1001))).toMatchObject({
			reason: 'tooLarge',
			offset: 2000
		});
		expect(CHUNK_BYTES).toBe(8 * 1024 * 1024);
	});

	it('keeps what arrived before a dropped connection and resumes from there', async () => {
		const meetingId = await newMeeting();
		const upload = await start(meetingId, 'rat.mp4', 4096);
		const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));
		const dropped = await append(meetingId, upload.id, 0, bytes, dropsAfter(bytes, 1500));
		expect(dropped).toEqual({ ok: false, reason: 'interrupted', offset: 1500 });
		expect((await findUpload(app.ctx.db, upload.id))?.receivedBytes).toBe(1500);
		// A retry at the old offset is told where to continue.
		expect(await append(meetingId, upload.id, 0, bytes)).toMatchObject({
			reason: 'conflict',
			offset: 1500
		});
		const rest = bytes.subarray(1500, 4000);
		expect(await append(meetingId, upload.id, 1500, rest)).toEqual({ ok: true, offset: 4000 });
		const part = uploadPartPath(mediaStore(app.ctx.config).workDir, upload.id);
		expect((await readFile(part)).subarray(0, 4000)).toEqual(bytes.subarray(0, 4000));
	});

	it('does not count a chunk that brings more bytes than it announced', async () => {
		const meetingId = await newMeeting();
		const upload = await start(meetingId, 'rat.mp4', 4096);
		const announced = Buffer.alloc(100, 7);
		const r = await appendChunk(app.ctx, {
			meetingId,
			uploadId: upload.id,
			userId: clerk,
			offset: 0,
			length: 100,
			body: pieces(Buffer.alloc(300, 7), 50)
		});
		expect(r).toMatchObject({ ok: false, reason: 'tooLarge', offset: 0 });
		expect((await findUpload(app.ctx.db, upload.id))?.receivedBytes).toBe(0);
		expect(await append(meetingId, upload.id, 0, announced)).toEqual({ ok: true, offset: 100 });
	});

	it('does not let one meeting write into another meeting’s upload', async () => {
		const meetingId = await newMeeting();
		const other = await newMeeting();
		const upload = await start(meetingId, 'rat.mp4', 100);
		expect(await append(other, upload.id, 0, Buffer.alloc(100))).toEqual({
			ok: false,
			reason: 'notFound'
		});
		expect(await abandonUpload(app.ctx, clerk, other, upload.id)).toBe(false);
		expect(await abandonUpload(app.ctx, clerk, meetingId, upload.id)).toBe(true);
		expect(await findUpload(app.ctx.db, upload.id)).toBeNull();
	});
});

describe('completing an upload', () => {
	it('publishes a real video: recording queued, job in the queue, audit entry', async () => {
		const meetingId = await newMeeting();
		const startedAt = new Date('2026-11-12T17:04:30Z');
		const upload = await start(meetingId, 'Ratssitzung.mp4', video.byteLength, startedAt);
		const half = Math.floor(video.byteLength / 2);
		expect(await append(meetingId, upload.id, 0, video.subarray(0, half))).toEqual({
			ok: true,
			offset: half
		});
		const done = await append(meetingId, upload.id, half, video.subarray(half));
		expect(done).toMatchObject({ ok: true, offset: video.byteLength, published: { ok: true } });

		const recording = await findRecordingByMeeting(app.ctx.db, meetingId);
		expect(recording).toMatchObject({
			state: 'queued',
			sourceKey: `uploads/${upload.id}/source`,
			sourceName: 'Ratssitzung.mp4',
			sourceBytes: video.byteLength,
			startedAt
		});
		const stored = await mediaStore(app.ctx.config).localPath(recording!.sourceKey!);
		expect(await readFile(stored!)).toEqual(video);
		const [job] = await app.boss.findJobs('transcode-recording', { id: recording!.jobId! });
		expect(job?.data).toEqual({ recordingId: recording!.id });
		expect(await findUpload(app.ctx.db, upload.id)).toBeNull();
		const audit = await app.ctx.db
			.selectFrom('audit_log')
			.select(['action', 'actor_id'])
			.where('target_id', '=', meetingId)
			.execute();
		expect(audit).toEqual([{ action: 'recording.upload', actor_id: clerk }]);
	});

	it('replaces the previous source and takes the meeting start by default', async () => {
		const meetingId = await newMeeting();
		await uploadAll(meetingId, 'erste.mp4', video);
		const first = await findRecordingByMeeting(app.ctx.db, meetingId);
		expect(await cancelRecordingJob(app.ctx, clerk, meetingId)).toBe(true);
		expect((await recordingStatus(app.ctx.db, meetingId)).state).toBe('cancelled');
		expect(await retryRecordingJob(app.ctx, clerk, meetingId)).toEqual({ ok: true });
		expect((await recordingStatus(app.ctx.db, meetingId)).state).toBe('queued');

		const second = await uploadAll(meetingId, 'zweite.mkv', video);
		expect(second).toMatchObject({ published: { ok: true, recordingId: first!.id } });
		const now = await findRecordingByMeeting(app.ctx.db, meetingId);
		expect(now).toMatchObject({ sourceName: 'zweite.mkv', startedAt: MEETING_START });
		const store = mediaStore(app.ctx.config);
		expect(await store.stat(first!.sourceKey!)).toBeNull();
		expect(await store.stat(now!.sourceKey!)).not.toBeNull();
	});

	async function refused(name: string, bytes: Uint8Array) {
		const meetingId = await newMeeting();
		const upload = await start(meetingId, name, bytes.byteLength);
		const r = await append(meetingId, upload.id, 0, bytes);
		expect(r.ok).toBe(true);
		const published = r.ok ? r.published : undefined;
		expect(published?.ok).toBe(false);
		// Refused: no file left, no upload to resume, nothing queued.
		const part = uploadPartPath(mediaStore(app.ctx.config).workDir, upload.id);
		expect(await stat(part).catch(() => null)).toBeNull();
		expect(await findUpload(app.ctx.db, upload.id)).toBeNull();
		expect(await findRecordingByMeeting(app.ctx.db, meetingId)).toBeNull();
		return published && !published.ok && published.reason === 'rejected' ? published : null;
	}

	it('refuses a text file named .mp4', async () => {
		const r = await refused('protokoll.mp4', Buffer.from('Niederschrift der Sitzung\n'.repeat(50)));
		expect(r?.message).toMatch(/keine lesbare|nicht erlaubt/);
	});

	it('refuses a truncated MP4', async () => {
		// The index sits at the front (+faststart), so ffprobe alone would accept the stump.
		const r = await refused('abgebrochen.mp4', video.subarray(0, Math.floor(video.length / 3)));
		expect(r?.rejection).toBe('truncated');
		expect(r?.message).toContain('unvollständig');
	});

	it('refuses an HLS playlist named .mp4 without connecting to what it names', async () => {
		let connections = 0;
		const server: Server = createServer((socket) => {
			connections++;
			socket.destroy();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as { port: number };
		const playlist = `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nhttp://127.0.0.1:${port}/a.ts\n#EXT-X-ENDLIST\n`;
		try {
			const r = await refused('sitzung.mp4', Buffer.from(playlist));
			expect(r?.rejection).toBe('container');
		} finally {
			server.close();
		}
		expect(connections).toBe(0);
	});
});

describe('meeting lookup', () => {
	it('treats a deleted meeting as unknown', async () => {
		const meetingId = await newMeeting();
		expect((await findMeetingHeader(app.ctx.db, meetingId))?.startsAt).toEqual(MEETING_START);
		await app.ctx.db
			.updateTable('meetings')
			.set({ deleted_at: new Date() })
			.where('id', '=', meetingId)
			.execute();
		expect(await findMeetingHeader(app.ctx.db, meetingId)).toBeNull();
	});
});

describe('stale uploads', () => {
	it('are removed with their bytes after the given age, fresh ones stay', async () => {
		const meetingId = await newMeeting();
		const old = await start(meetingId, 'alt.mp4', 100);
		const fresh = await start(meetingId, 'neu.mp4', 100);
		await app.ctx.db
			.updateTable('recording_uploads')
			.set({ updated_at: new Date(Date.now() - 8 * 86_400_000) })
			.where('id', '=', old.id)
			.execute();
		const workDir = mediaStore(app.ctx.config).workDir;
		const orphan = path.join(workDir, 'uploads', '00000000-0000-4000-8000-000000000000.part');
		await writeFile(orphan, 'x');
		const { utimes } = await import('node:fs/promises');
		await utimes(orphan, new Date(0), new Date(0));
		await purgeStaleUploads(app.ctx, 7 * 86_400_000);
		expect(await findUpload(app.ctx.db, old.id)).toBeNull();
		expect(await stat(uploadPartPath(workDir, old.id)).catch(() => null)).toBeNull();
		expect(await stat(orphan).catch(() => null)).toBeNull();
		expect(await findUpload(app.ctx.db, fresh.id)).not.toBeNull();
		expect(await stat(uploadPartPath(workDir, fresh.id))).not.toBeNull();
	});
});
