import type { Db } from '../db/index.ts';

export interface TestAgendaItem {
	number: string;
	title?: string;
	public?: boolean;
	chapterStartMs?: number | null;
}

/**
 * A meeting with agenda items and a recording row for archive tests. `outputPrefix` null leaves
 * the recording unpublished.
 */
export async function createArchiveMeeting(
	db: Db,
	opts: {
		items: TestAgendaItem[];
		durationMs?: number;
		outputPrefix?: string | null;
		startedAt?: Date;
		captionsKey?: string | null;
	}
): Promise<{ meetingId: string; recordingId: string; itemIds: string[] }> {
	const body = await db
		.insertInto('bodies')
		.values({ name: 'Rat der Stadt Testhausen' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const startedAt = opts.startedAt ?? new Date('2026-11-18T17:00:00.000Z');
	const meeting = await db
		.insertInto('meetings')
		.values({ body_id: body.id, name: 'Ratssitzung', starts_at: startedAt, state: 'held' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const itemIds: string[] = [];
	for (const [position, item] of opts.items.entries()) {
		const row = await db
			.insertInto('agenda_items')
			.values({
				meeting_id: meeting.id,
				number: item.number,
				title: item.title ?? `Punkt ${item.number}`,
				public: item.public ?? true,
				position,
				chapter_start_ms: item.chapterStartMs ?? null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		itemIds.push(row.id);
	}
	const recording = await db
		.insertInto('recordings')
		.values({
			meeting_id: meeting.id,
			state: 'ready',
			started_at: startedAt,
			duration_ms: opts.durationMs ?? 180_000,
			output_prefix:
				opts.outputPrefix === undefined ? `recordings/${meeting.id}/v1` : opts.outputPrefix,
			captions_key: opts.captionsKey ?? null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return { meetingId: meeting.id, recordingId: recording.id, itemIds };
}
