import { randomUUID } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { recordAudit } from '../audit/audit.repository.ts';
import type { AppContext } from '../context.ts';
import { mediaStore } from '../media/media-store.ts';
import { findRecordingByMeeting } from './recordings.repository.ts';
import { setRecordingCaptions } from './recording-uploads.repository.ts';

/** 2 MB holds the subtitles of a twelve-hour meeting several times over. */
export const CAPTIONS_MAX_BYTES = 2 * 1024 * 1024;

export type CaptionsError =
	'empty' | 'tooBig' | 'encoding' | 'header' | 'timing' | 'noCues' | 'markup';

// WebVTT (W3C) timestamps: hours optional, minutes and seconds two digits, milliseconds three.
const TIME = String.raw`(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})`;
const TIMING = new RegExp(String.raw`^${TIME}[ \t]+-->[ \t]+${TIME}(?:[ \t]+.*)?$`);
// Cue text may carry WebVTT's own tags (class, italic, bold, underline, ruby, voice, language)
// and inline timestamps; anything else that looks like a tag is HTML that has no place here.
const TAG = /<\/?([A-Za-z][A-Za-z0-9-]*)?[^>]*>/g;
const CUE_TAGS = new Set(['c', 'i', 'b', 'u', 'ruby', 'rt', 'v', 'lang']);
const INLINE_TIME = /^<\d/;

function millis(m: RegExpExecArray, at: number): number {
	const [h, min, s, ms] = [m[at], m[at + 1], m[at + 2], m[at + 3]].map((v) => Number(v ?? 0)) as [
		number,
		number,
		number,
		number
	];
	return ((h * 60 + min) * 60 + s) * 1000 + ms;
}

function hasForeignMarkup(line: string): boolean {
	if (/url\s*\(|@import|javascript:/i.test(line)) return true;
	for (const tag of line.match(TAG) ?? []) {
		if (INLINE_TIME.test(tag)) continue;
		const name = /^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(tag)?.[1]?.toLowerCase();
		if (!name || !CUE_TAGS.has(name.split('.')[0] ?? '')) return true;
	}
	return false;
}

/** Refuses files that are obviously not WebVTT captions; a valid file is stored as it is. */
export function checkWebVtt(bytes: Uint8Array): CaptionsError | null {
	if (bytes.byteLength === 0) return 'empty';
	if (bytes.byteLength > CAPTIONS_MAX_BYTES) return 'tooBig';
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		return 'encoding';
	}
	const lines = text.split(/\r\n|\r|\n/);
	if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) return 'header';
	let cues = 0;
	for (const line of lines.slice(1)) {
		if (line.includes('-->')) {
			const m = TIMING.exec(line);
			if (!m || millis(m, 5) < millis(m, 1)) return 'timing';
			cues++;
		} else if (hasForeignMarkup(line)) {
			return 'markup';
		}
	}
	return cues === 0 ? 'noCues' : null;
}

export type CaptionsResult = { ok: true } | { ok: false; reason: 'noRecording' | CaptionsError };

/** Stores a WebVTT file as the recording's captions; the previous file is removed afterwards. */
export async function saveCaptions(
	ctx: AppContext,
	actorId: string,
	meetingId: string,
	bytes: Uint8Array
): Promise<CaptionsResult> {
	const problem = checkWebVtt(bytes);
	if (problem) return { ok: false, reason: problem };
	const recording = await findRecordingByMeeting(ctx.db, meetingId);
	if (!recording) return { ok: false, reason: 'noRecording' };
	const store = mediaStore(ctx.config);
	// A new name per version: the served file may be cached, and the old name must not change.
	const key = `recordings/${recording.id}/captions-${Date.now()}.vtt`;
	const temp = path.join(store.workDir, `captions-${randomUUID()}.vtt`);
	await fsp.mkdir(store.workDir, { recursive: true });
	await fsp.writeFile(temp, bytes, { mode: 0o640 });
	await store.publishFile(temp, key);
	try {
		await ctx.db.transaction().execute(async (trx) => {
			await setRecordingCaptions(trx, recording.id, key);
			await recordAudit(trx, captionsAudit(actorId, meetingId, 'recording.captions.set', key));
		});
	} catch (err) {
		await store.deletePrefix(key);
		throw err;
	}
	if (recording.captionsKey && recording.captionsKey !== key) {
		await store.deletePrefix(recording.captionsKey);
	}
	return { ok: true };
}

export async function removeCaptions(
	ctx: AppContext,
	actorId: string,
	meetingId: string
): Promise<boolean> {
	const recording = await findRecordingByMeeting(ctx.db, meetingId);
	if (!recording?.captionsKey) return false;
	const key = recording.captionsKey;
	await ctx.db.transaction().execute(async (trx) => {
		await setRecordingCaptions(trx, recording.id, null);
		await recordAudit(trx, captionsAudit(actorId, meetingId, 'recording.captions.remove', key));
	});
	await mediaStore(ctx.config).deletePrefix(key);
	return true;
}

function captionsAudit(actorId: string, meetingId: string, action: string, key: string) {
	return { actorId, action, targetType: 'meeting', targetId: meetingId, details: { key } };
}
