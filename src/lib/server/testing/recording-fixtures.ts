import { randomUUID } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/index.ts';
import { generateTestRecording } from '../media/ffmpeg.ts';
import { mediaStore } from '../media/media-store.ts';
import { setRecordingSource, type Recording } from '../meetings/recordings.repository.ts';

/** A council meeting with agenda items; `marks` are chapter starts in ms (null: no mark). */
export async function createMeetingWithAgenda(
	db: Db,
	items: { number: string; public?: boolean; chapterStartMs?: number | null }[]
): Promise<{ meetingId: string; itemIds: string[] }> {
	const body = await db
		.insertInto('bodies')
		.values({ name: `Rat ${randomUUID().slice(0, 8)}`, classification: 'Rat' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const meeting = await db
		.insertInto('meetings')
		.values({
			body_id: body.id,
			name: 'Sitzung des Rates',
			starts_at: new Date('2026-11-12T17:00:00Z'),
			state: 'held',
			updated_at: new Date()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const itemIds: string[] = [];
	for (const [position, item] of items.entries()) {
		const row = await db
			.insertInto('agenda_items')
			.values({
				meeting_id: meeting.id,
				number: item.number,
				title: `Punkt ${item.number}`,
				public: item.public ?? true,
				position,
				chapter_start_ms: item.chapterStartMs ?? null,
				updated_at: new Date()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		itemIds.push(row.id);
	}
	return { meetingId: meeting.id, itemIds };
}

/** Generates a test recording with ffmpeg, stores it as an upload and points the meeting at it. */
export async function createSourceRecording(
	ctx: AppContext,
	meetingId: string,
	media: { seconds: number; width: number; height: number; fps?: number }
): Promise<Recording> {
	const store = mediaStore(ctx.config);
	await mkdir(store.workDir, { recursive: true });
	const file = path.join(store.workDir, `fixture-${randomUUID()}.mp4`);
	await generateTestRecording(file, media);
	return storeSource(ctx, meetingId, file);
}

/** Stores any local file (also a hostile one) as a meeting's uploaded source. */
export async function storeSource(
	ctx: AppContext,
	meetingId: string,
	file: string
): Promise<Recording> {
	const store = mediaStore(ctx.config);
	const key = `uploads/${randomUUID()}/source`;
	const { size } = await stat(file);
	await store.publishFile(file, key);
	return setRecordingSource(ctx.db, {
		meetingId,
		sourceKey: key,
		sourceName: path.basename(file),
		sourceBytes: size,
		startedAt: new Date('2026-11-12T17:00:00Z'),
		userId: null
	});
}
