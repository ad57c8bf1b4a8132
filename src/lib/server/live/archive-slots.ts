import type { Db } from '../db/index.ts';
import type { MediaStore } from '../media/media-store.ts';
import type { Recording } from '../meetings/recordings.repository.ts';
import { appendSlots, countSlots, type RecordingSlot } from './live.repository.ts';

/**
 * An uploaded archive becomes a slot recording before its first cut: one slot per segment of
 * the stored VOD playlists (dir '' is the archive root, so the file of rendition R is
 * `<prefix>/<R>/<file>`). From then on its playlists are built from the slots, and a cut only
 * replaces the slots it touches.
 */

export interface PlaylistSegment {
	durationMs: number;
	file: string;
}

/** EXTINF durations and segment names of an ffmpeg VOD media playlist. */
export function parseMediaPlaylist(text: string): PlaylistSegment[] {
	const out: PlaylistSegment[] = [];
	let pending: number | null = null;
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		const extinf = /^#EXTINF:([0-9.]+)/.exec(line);
		if (extinf) pending = Math.round(Number(extinf[1]) * 1000);
		else if (line && !line.startsWith('#') && pending !== null) {
			out.push({ durationMs: pending, file: line.split('?')[0]! });
			pending = null;
		}
	}
	return out;
}

/** An audio segment past the last video segment shorter than this is ffmpeg's tail. */
const TAIL_MS = 500;
const SEGMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\.m4s$/;

export type ConvertResult =
	{ ok: true; slots: number } | { ok: false; reason: 'noPlaylist' | 'segmentCount' | 'badSegment' };

/**
 * Inserts the slots of an uploaded archive. Every rendition must have the same number of
 * segments (one slot is shared by all renditions); otherwise nothing is written. Returns ok with
 * the existing count when slots are already there.
 */
export async function convertArchiveToSlots(
	db: Db,
	store: MediaStore,
	recording: Recording
): Promise<ConvertResult> {
	const existing = await countSlots(db, recording.id);
	if (existing > 0) return { ok: true, slots: existing };
	if (!recording.outputPrefix || recording.renditions.length === 0) {
		return { ok: false, reason: 'noPlaylist' };
	}
	const lists: PlaylistSegment[][] = [];
	for (const r of recording.renditions) {
		const text = await store.readText(`${recording.outputPrefix}/${r.name}/index.m3u8`);
		if (text === null) return { ok: false, reason: 'noPlaylist' };
		lists.push(parseMediaPlaylist(text));
	}
	const reference = lists.find((_, i) => recording.renditions[i]!.name !== 'audio') ?? lists[0]!;
	// ffmpeg cuts the audio rendition by time, not at the video's keyframes, and usually ends it
	// with one more segment of a few milliseconds (audio running past the last frame). That tail
	// has no slot of its own and is left out; anything longer would be real content.
	lists.forEach((l, i) => {
		const last = l[l.length - 1];
		if (l !== reference && l.length === reference.length + 1 && last && last.durationMs < TAIL_MS) {
			lists[i] = l.slice(0, -1);
		}
	});
	if (reference.length === 0 || lists.some((l) => l.length !== reference.length)) {
		return { ok: false, reason: 'segmentCount' };
	}
	// Every rendition must name its segments alike, since a slot has one file name.
	const names = reference.map((s) => s.file);
	if (lists.some((l) => l.some((s, i) => s.file !== names[i] || !SEGMENT_NAME.test(s.file)))) {
		return { ok: false, reason: 'badSegment' };
	}
	let startMs = 0;
	const slots: Omit<RecordingSlot, 'seq'>[] = reference.map((s) => {
		const slot = {
			startMs,
			durationMs: Math.max(1, s.durationMs),
			kind: 'media' as const,
			dir: '',
			file: s.file
		};
		startMs += slot.durationMs;
		return slot;
	});
	await appendSlots(db, recording.id, slots);
	return { ok: true, slots: slots.length };
}
