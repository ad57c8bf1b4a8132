import { createHash } from 'node:crypto';
import type { Db } from '../db/index.ts';
import { isUuid } from '../db/ids.ts';
import { isMediaKey, type MediaStore } from '../media/media-store.ts';
import { computeChapters, publicChapters } from '../meetings/chapters.ts';
import { findArchiveMeeting, listChapterItems } from '../meetings/chapters.repository.ts';
import { findRecording, type Recording } from '../meetings/recordings.repository.ts';
import {
	countSlots,
	findLiveStream,
	listLiveSessions,
	listSlots
} from '../live/live.repository.ts';
import type { Representation } from './http-file.ts';
import { archiveVersion, rewritePlaylist, type PlaylistDateRange } from './playlist.ts';
import { buildSlotMaster, buildSlotPlaylist } from './slot-playlist.ts';

/** The captions file's public name beside the playlists (its key is recordings.captions_key). */
export const CAPTIONS_PATH = 'untertitel.vtt';

// Only what the transcoder writes is served; anything else under the prefix stays private.
const TYPES: [RegExp, string][] = [
	[/\.m3u8$/, 'application/vnd.apple.mpegurl'],
	[/\.m4s$/, 'video/iso.segment'],
	[/\.mp4$/, 'video/mp4'],
	[/\.jpg$/, 'image/jpeg'],
	[/\.vtt$/, 'text/vtt; charset=utf-8']
];

// Cache lifetimes. Addresses carry no version, so a file is only immutable when the request names
// the current archive version (`?v=`, which the served playlists add to every URI); a bare address
// may change with the next transcode and is kept for an hour. Playlists carry the chapters, which
// clerks edit, so they are only cached briefly.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const UNVERSIONED = 'public, max-age=3600';
const PLAYLIST = 'public, max-age=30';
// A live playlist grows every two seconds and may turn a segment into a slate: never reused.
const LIVE_PLAYLIST = 'no-cache';

// Captions are replaced under the same address when a clerk uploads a corrected file.
const cacheFor = (path: string, version: string | null) =>
	path === CAPTIONS_PATH ? PLAYLIST : version ? IMMUTABLE : UNVERSIONED;

const typeOf = (path: string) => TYPES.find(([pattern]) => pattern.test(path))?.[1] ?? null;
const tag = (...parts: (string | number)[]) =>
	`"${createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32)}"`;

interface ArchiveContext {
	db: Db;
	store: MediaStore;
}

async function openRecording(db: Db, recordingId: string): Promise<Recording | null> {
	if (!isUuid(recordingId)) return null;
	const recording = await findRecording(db, recordingId);
	if (!recording?.outputPrefix || recording.expiredAt) return null;
	return (await findArchiveMeeting(db, recording.meetingId)) ? recording : null;
}

/** A thumbnail is named after its agenda item, which must be a public item of this meeting. */
async function thumbnailAllowed(db: Db, recording: Recording, path: string): Promise<boolean> {
	const match = /^thumbnails\/([^/]+)\.jpg$/.exec(path);
	if (!match) return !path.startsWith('thumbnails/');
	const itemId = match[1] ?? '';
	if (!isUuid(itemId)) return false;
	const items = await listChapterItems(db, recording.meetingId);
	return items.some((i) => i.id === itemId && i.public);
}

/** The storage key and content type for a request path, or null when it is not ours to serve. */
async function resolveKey(
	db: Db,
	recording: Recording,
	path: string
): Promise<{ key: string; type: string } | null> {
	if (path === CAPTIONS_PATH) {
		const key = recording.captionsKey;
		return key && isMediaKey(key) ? { key, type: 'text/vtt; charset=utf-8' } : null;
	}
	const type = typeOf(path);
	const key = `${recording.outputPrefix}/${path}`;
	if (!type || type.startsWith('text/vtt') || !isMediaKey(path) || !isMediaKey(key)) return null;
	return (await thumbnailAllowed(db, recording, path)) ? { key, type } : null;
}

function dateRangesOf(
	recording: Recording,
	items: Awaited<ReturnType<typeof listChapterItems>>,
	durationMs: number
): PlaylistDateRange[] {
	return publicChapters(computeChapters(items, durationMs)).map((c) => ({
		id: c.itemId,
		startDate: new Date(recording.startedAt.getTime() + c.startMs),
		durationMs: c.durationMs,
		number: c.number,
		title: c.title
	}));
}

function playlistBody(text: string, lastModified: Date, cacheControl: string): Representation {
	const body = new TextEncoder().encode(text);
	return {
		contentType: 'application/vnd.apple.mpegurl',
		size: body.byteLength,
		etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`,
		lastModified,
		cacheControl,
		open: async (range) => (range ? body.subarray(range.start, range.end + 1) : body)
	};
}

async function playlistRepresentation(
	ctx: ArchiveContext,
	recording: Recording,
	key: string,
	version: string
): Promise<Representation | null> {
	const [text, stat, items] = await Promise.all([
		ctx.store.readText(key),
		ctx.store.stat(key),
		listChapterItems(ctx.db, recording.meetingId)
	]);
	if (text === null || !stat) return null;
	const body = rewritePlaylist(text, {
		version,
		startedAt: recording.startedAt,
		dateRanges: dateRangesOf(recording, items, recording.durationMs ?? 0)
	});
	const times = [stat.modified, recording.updatedAt, ...items.map((i) => i.updatedAt)];
	return playlistBody(body, new Date(Math.max(...times.map((t) => t.getTime()))), PLAYLIST);
}

/** Whether the recording's playlists come from its slots (live, or an archive with cuts). */
async function isSlotRecording(db: Db, recording: Recording): Promise<boolean> {
	return recording.origin === 'live' || (await countSlots(db, recording.id)) > 0;
}

/**
 * `master.m3u8` or `<rendition>/index.m3u8` of a slot recording, built from the database: only
 * what the publisher let through is ever listed. Live until the broadcast ended.
 */
async function slotPlaylist(
	ctx: ArchiveContext,
	recording: Recording,
	path: string,
	version: string
): Promise<Representation | null> {
	const stream =
		recording.origin === 'live' ? await findLiveStream(ctx.db, recording.meetingId) : null;
	const ended = recording.origin === 'upload' || Boolean(stream?.endedAt);
	const cache = ended ? PLAYLIST : LIVE_PLAYLIST;
	const names = recording.renditions.map((r) => r.name);
	if (path === 'master.m3u8') {
		if (!names.length) return null;
		return playlistBody(buildSlotMaster(recording.renditions, version), recording.updatedAt, cache);
	}
	const rendition = /^([A-Za-z0-9]+)\/index\.m3u8$/.exec(path)?.[1];
	if (!rendition || !names.includes(rendition)) return null;
	const [slots, items, sessions] = await Promise.all([
		listSlots(ctx.db, recording.id),
		listChapterItems(ctx.db, recording.meetingId),
		recording.origin === 'live' ? listLiveSessions(ctx.db, recording.meetingId) : []
	]);
	const durationMs = slots.reduce((a, s) => a + s.durationMs, 0);
	const body = buildSlotPlaylist(slots, {
		rendition,
		ladder: names.filter((n) => n !== 'audio'),
		available: new Map(sessions.map((s) => [s.dir, s.renditions])),
		version,
		startedAt: recording.startedAt,
		dateRanges: dateRangesOf(recording, items, durationMs),
		ended
	});
	const times = [recording.updatedAt, ...items.map((i) => i.updatedAt)];
	return playlistBody(body, new Date(Math.max(...times.map((t) => t.getTime()))), cache);
}

/**
 * Resolves `/medien/aufzeichnungen/<recordingId>/<path>` to what it serves, or null (404): an
 * unknown or unpublished recording, a deleted meeting, a path that is not a media key of this
 * archive, a stale `?v=`, or a thumbnail of a non-public agenda item.
 */
export async function resolveArchiveFile(
	ctx: ArchiveContext,
	recordingId: string,
	path: string,
	requestedVersion: string | null
): Promise<Representation | null> {
	const recording = await openRecording(ctx.db, recordingId);
	if (!recording?.outputPrefix) return null;
	const version = archiveVersion(recording.outputPrefix);
	if (requestedVersion !== null && requestedVersion !== version) return null;
	if (path.endsWith('.m3u8') && (await isSlotRecording(ctx.db, recording))) {
		return slotPlaylist(ctx, recording, path, version);
	}
	const resolved = await resolveKey(ctx.db, recording, path);
	if (!resolved) return null;
	if (resolved.type === 'application/vnd.apple.mpegurl') {
		return playlistRepresentation(ctx, recording, resolved.key, version);
	}
	const stat = await ctx.store.stat(resolved.key);
	if (!stat) return null;
	const store = ctx.store;
	return {
		contentType: resolved.type,
		size: stat.size,
		etag: tag(resolved.key, stat.size, stat.modified.getTime()),
		lastModified: stat.modified,
		cacheControl: cacheFor(path, requestedVersion),
		open: async (range) => {
			const opened = await store.open(resolved.key, range);
			if (!opened) throw new Error(`Mediendatei verschwunden: ${resolved.key}`);
			return opened.stream;
		}
	};
}

/** Whether a recording's retention ended (its files answer 410 Gone instead of 404). */
export async function archiveExpired(db: Db, recordingId: string): Promise<boolean> {
	if (!isUuid(recordingId)) return false;
	return Boolean((await findRecording(db, recordingId))?.expiredAt);
}
