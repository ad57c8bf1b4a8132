import { createHash } from 'node:crypto';
import type { Db } from '../db/index.ts';
import { isUuid } from '../db/ids.ts';
import { isMediaKey, type MediaStore } from '../media/media-store.ts';
import { computeChapters, publicChapters } from '../meetings/chapters.ts';
import { findArchiveMeeting, listChapterItems } from '../meetings/chapters.repository.ts';
import { findRecording, type Recording } from '../meetings/recordings.repository.ts';
import type { Representation } from './http-file.ts';
import { archiveVersion, rewritePlaylist } from './playlist.ts';

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
	if (!recording?.outputPrefix) return null;
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
	const chapters = publicChapters(computeChapters(items, recording.durationMs ?? 0));
	const body = new TextEncoder().encode(
		rewritePlaylist(text, {
			version,
			startedAt: recording.startedAt,
			dateRanges: chapters.map((c) => ({
				id: c.itemId,
				startDate: new Date(recording.startedAt.getTime() + c.startMs),
				durationMs: c.durationMs,
				number: c.number,
				title: c.title
			}))
		})
	);
	const times = [stat.modified, recording.updatedAt, ...items.map((i) => i.updatedAt)];
	return {
		contentType: 'application/vnd.apple.mpegurl',
		size: body.byteLength,
		etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`,
		lastModified: new Date(Math.max(...times.map((t) => t.getTime()))),
		cacheControl: PLAYLIST,
		open: async (range) => (range ? body.subarray(range.start, range.end + 1) : body)
	};
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
