import { randomUUID } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../context.ts';
import { findFfmpeg, generateTestRecording } from '../media/ffmpeg.ts';
import { mediaStore } from '../media/media-store.ts';
import { setRecordingSource } from '../meetings/recordings.repository.ts';
import { queueTranscode } from '../meetings/transcode-jobs.ts';
import { releaseRecording, reserveRecording } from '../meetings/transcode.repository.ts';
import { DEMO_RECORDED_MEETING_ID } from './demo-ids.ts';

const DEMO_SECONDS = 180;

/**
 * The demo council meeting's recording: three minutes of ffmpeg's test pattern and a tone,
 * stored as if a clerk had uploaded it and queued for the transcode, so the demo shows the
 * whole pipeline. Browser tests (E2E=1) get 640x360, which transcodes in seconds.
 * Without ffmpeg, or once the meeting has a recording, nothing happens.
 */
export async function seedDemoRecording(
	ctx: AppContext,
	env: Record<string, string | undefined> = process.env
): Promise<string | null> {
	const meeting = await ctx.db
		.selectFrom('meetings')
		.select(['id', 'starts_at'])
		.where('id', '=', DEMO_RECORDED_MEETING_ID)
		.where('deleted_at', 'is', null)
		.executeTakeFirst();
	if (!meeting) return null;
	const tools = await findFfmpeg(env);
	if (!tools.ok) {
		ctx.log.warn(`Demo-Aufzeichnung übersprungen. ${tools.message}`);
		return null;
	}
	const reserved = await reserveRecording(ctx.db, meeting.id, meeting.starts_at);
	if (!reserved) return null;
	try {
		return await storeDemoSource(ctx, meeting, env.E2E === '1');
	} catch (err) {
		await releaseRecording(ctx.db, reserved);
		throw err;
	}
}

async function storeDemoSource(
	ctx: AppContext,
	meeting: { id: string; starts_at: Date },
	small: boolean
): Promise<string> {
	const store = mediaStore(ctx.config);
	await mkdir(store.workDir, { recursive: true });
	const file = path.join(store.workDir, `demo-${randomUUID()}.mp4`);
	try {
		const size = small ? { width: 640, height: 360 } : { width: 1280, height: 720 };
		await generateTestRecording(file, { seconds: DEMO_SECONDS, ...size });
		const key = `uploads/${randomUUID()}/source`;
		const { size: bytes } = await stat(file);
		await store.publishFile(file, key);
		const recording = await setRecordingSource(ctx.db, {
			meetingId: meeting.id,
			sourceKey: key,
			sourceName: 'demo-ratssitzung.mp4',
			sourceBytes: bytes,
			startedAt: meeting.starts_at,
			userId: null
		});
		await queueTranscode(ctx, recording.id);
		ctx.log.info('Demo-Aufzeichnung erzeugt und zur Umwandlung eingereiht', {
			recordingId: recording.id
		});
		return recording.id;
	} finally {
		await rm(file, { force: true });
	}
}
