import { formatClock, parseClock } from '../../archive/timecode.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Db } from '../db/index.ts';
import { listChapterItems, setChapterStart, type ChapterItem } from './chapters.repository.ts';
import { findRecordingByMeeting } from './recordings.repository.ts';

/** A field message as a catalog key with its values, translated by the route. */
export interface MarkError {
	field: string;
	key: 'chapTimeInvalid' | 'chapTimeAfterEnd' | 'chapTimeOrder' | 'chapTimeDuplicate';
	params: Record<string, string>;
}

export type MarkValidation =
	{ ok: true; marks: Map<string, number | null> } | { ok: false; errors: MarkError[] };

/** The form field of an item's start time. */
export const markField = (itemId: string) => `start-${itemId}`;

const MAX_INPUT = 16;

function readMark(raw: unknown, durationMs: number, field: string): number | null | MarkError {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (text === '') return null;
	const ms = text.length > MAX_INPUT ? null : parseClock(text);
	if (ms === null || !Number.isSafeInteger(ms))
		return { field, key: 'chapTimeInvalid', params: {} };
	// A chapter must start on the recording: its last instant is not a start.
	if (ms >= durationMs) {
		return { field, key: 'chapTimeAfterEnd', params: { end: formatClock(durationMs / 1000) } };
	}
	return ms;
}

/**
 * Checks submitted marks against the recording and the agenda: every time on the recording,
 * each later item at a later time than every earlier marked one (chapters follow the agenda),
 * no two items at the same time. Items may stay without a mark.
 */
export function validateChapterMarks(
	items: ChapterItem[],
	raw: Record<string, unknown>,
	durationMs: number
): MarkValidation {
	const errors: MarkError[] = [];
	const marks = new Map<string, number | null>();
	let previous: { number: string; ms: number } | null = null;
	for (const item of items) {
		const field = markField(item.id);
		const mark = readMark(raw[field], durationMs, field);
		if (mark !== null && typeof mark === 'object') {
			errors.push(mark);
			continue;
		}
		marks.set(item.id, mark);
		if (mark === null) continue;
		if (previous && mark === previous.ms) {
			errors.push({ field, key: 'chapTimeDuplicate', params: { number: previous.number } });
		} else if (previous && mark < previous.ms) {
			const time = formatClock(previous.ms / 1000);
			errors.push({ field, key: 'chapTimeOrder', params: { number: previous.number, time } });
		}
		if (!previous || mark > previous.ms) previous = { number: item.number, ms: mark };
	}
	return errors.length ? { ok: false, errors } : { ok: true, marks };
}

export type SaveMarksResult =
	| { ok: true; changed: number; recordingId: string }
	| { ok: false; reason: 'noArchive' }
	| { ok: false; reason: 'invalid'; errors: MarkError[] };

/**
 * Saves all marks of a meeting at once, in one transaction with its audit entry: either every
 * mark is valid and stored, or nothing changes.
 */
export async function saveChapterMarks(
	db: Db,
	actorId: string,
	meetingId: string,
	raw: Record<string, unknown>
): Promise<SaveMarksResult> {
	return db.transaction().execute(async (trx) => {
		const recording = await findRecordingByMeeting(trx, meetingId);
		if (!recording?.outputPrefix || !recording.durationMs)
			return { ok: false, reason: 'noArchive' };
		const items = await listChapterItems(trx, meetingId);
		const checked = validateChapterMarks(items, raw, recording.durationMs);
		if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
		const changes: Record<string, { from: number | null; to: number | null }> = {};
		for (const item of items) {
			const to = checked.marks.get(item.id) ?? null;
			if (to === item.chapterStartMs) continue;
			await setChapterStart(trx, item.id, to);
			changes[item.number] = { from: item.chapterStartMs, to };
		}
		const changed = Object.keys(changes).length;
		if (changed > 0) {
			await recordAudit(trx, {
				actorId,
				action: 'meeting.chapters.update',
				targetType: 'meeting',
				targetId: meetingId,
				details: { recordingId: recording.id, changes }
			});
		}
		return { ok: true, changed, recordingId: recording.id };
	});
}
