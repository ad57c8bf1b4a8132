import { copyFile, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log.ts';
import type { LivePlan } from '../media/ffmpeg-live.ts';

/**
 * Reports the live ladder's segments once every rendition has them. ffmpeg writes every
 * rendition on its own: the audio playlist can be a segment ahead of the video ones, and the
 * 1080p copy can lag behind the encoded ones. The publisher needs one decision per time slice
 * for all renditions, so a segment counts only when every rendition's playlist lists it (a
 * playlist lists a segment only after ffmpeg renamed it from `.tmp`, see buildLiveArgs).
 */

export interface LiveSegment {
	/** 0, 1, 2, ... in this encoder session, the same in every rendition. */
	index: number;
	/** Since the first frame of this session (FLV timestamps start at 0). */
	startSeconds: number;
	/** The first video rendition's EXTINF (the audio's when there is no video). */
	durationSeconds: number;
	/** Rendition name -> absolute path of its complete segment file. */
	files: Record<string, string>;
}

// Segments last 2 s; checking five times as often keeps the added delay small and the reads cheap.
const POLL_MS = 200;
// Renditions cut at the same keyframes agree to a frame; more than this means they drifted.
const DURATION_TOLERANCE_SECONDS = 0.1;

interface Listed {
	uri: string;
	duration: number;
}

/** The init segment and the segments of an HLS media playlist, in order. */
export function parseMediaPlaylist(text: string): { map: string | null; entries: Listed[] } {
	const map = /#EXT-X-MAP:URI="([^"]+)"/.exec(text)?.[1] ?? null;
	const entries: Listed[] = [];
	let duration: number | null = null;
	for (const raw of text.split('\n')) {
		const line = raw.trim();
		const extinf = /^#EXTINF:([\d.]+)/.exec(line);
		if (extinf) duration = Number(extinf[1]);
		else if (duration !== null && line && !line.startsWith('#')) {
			entries.push({ uri: line, duration });
			duration = null;
		}
	}
	return { map, entries };
}

/** A single consumer's queue: push from the watcher, `for await` in the publisher. */
function segmentQueue() {
	const items: LiveSegment[] = [];
	let ended = false;
	let wake: (() => void) | null = null;
	return {
		push(segment: LiveSegment) {
			items.push(segment);
			wake?.();
		},
		end() {
			ended = true;
			wake?.();
		},
		async *[Symbol.asyncIterator](): AsyncGenerator<LiveSegment> {
			for (;;) {
				const next = items.shift();
				if (next) yield next;
				else if (ended) return;
				else await new Promise<void>((resolve) => (wake = resolve));
			}
		}
	};
}

/** Watches the renditions' playlists and announces segments that every rendition has. */
function segmentPoller(
	outDir: string,
	plan: LivePlan,
	log: Logger,
	push: (s: LiveSegment) => void
) {
	const names = plan.renditions.map((r) => r.name);
	const canonical = plan.renditions.find((r) => r.kind === 'video')?.name ?? names[0] ?? '';
	const initsDone = new Set<string>();
	let announced = 0;
	let startSeconds = 0;

	const read = async (name: string) => {
		const text = await readFile(path.join(outDir, name, 'index.m3u8'), 'utf8').catch(() => '');
		return parseMediaPlaylist(text);
	};

	// ffmpeg 5.1 names init segments init_<n>.mp4 once there are several variants; the
	// publisher and the storage layout know only init.mp4. Copied, not renamed: ffmpeg keeps its
	// file open until it exits.
	const normaliseInit = async (name: string, map: string | null) => {
		if (initsDone.has(name) || !map) return;
		const dir = path.join(outDir, name);
		if (map !== 'init.mp4') {
			await copyFile(path.join(dir, path.basename(map)), path.join(dir, 'init.mp4.part'));
			await rename(path.join(dir, 'init.mp4.part'), path.join(dir, 'init.mp4'));
		}
		initsDone.add(name);
	};

	const complete = async (name: string, uri: string) => {
		if (uri.endsWith('.tmp') || uri.includes('/')) return null;
		const file = path.join(outDir, name, uri);
		const info = await stat(file).catch(() => null);
		return info?.isFile() && info.size > 0 ? file : null;
	};

	return async function poll(): Promise<void> {
		const lists = await Promise.all(names.map(read));
		const count = Math.min(...lists.map((l) => l.entries.length));
		while (announced < count) {
			const files: Record<string, string> = {};
			const durations: Record<string, number> = {};
			for (const [i, name] of names.entries()) {
				const entry = lists[i]!.entries[announced]!;
				const file = await complete(name, entry.uri);
				if (!file) return;
				await normaliseInit(name, lists[i]!.map);
				files[name] = file;
				durations[name] = entry.duration;
			}
			const durationSeconds = durations[canonical] ?? 0;
			const spread = Object.values(durations).map((d) => Math.abs(d - durationSeconds));
			if (Math.max(...spread) > DURATION_TOLERANCE_SECONDS) {
				log.warn('Live-Renditionen sind unterschiedlich lang', { index: announced, durations });
			}
			push({ index: announced, startSeconds, durationSeconds, files });
			startSeconds += durationSeconds;
			announced++;
		}
	};
}

/**
 * Polls the playlists under outDir until finish() is called (after ffmpeg exited); finish()
 * takes a last look, reports what is complete and ends `segments`.
 */
export function watchSegments(outDir: string, plan: LivePlan, log: Logger) {
	const queue = segmentQueue();
	const poll = segmentPoller(outDir, plan, log, queue.push);
	const pollSafely = () => poll().catch((err) => log.warn('Live-Playlisten nicht lesbar', { err }));
	let polling = true;
	const loop = (async () => {
		while (polling) {
			await pollSafely();
			await new Promise((resolve) => setTimeout(resolve, POLL_MS));
		}
	})();
	return {
		segments: {
			[Symbol.asyncIterator]: () => queue[Symbol.asyncIterator]()
		} as AsyncIterable<LiveSegment>,
		async finish(): Promise<void> {
			polling = false;
			await loop;
			await pollSafely();
			queue.end();
		}
	};
}
