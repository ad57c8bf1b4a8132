import type { ChildProcess } from 'node:child_process';
import { copyFile, mkdir, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from '../log.ts';
import { requireFfmpeg } from '../media/ffmpeg-lookup.ts';
import {
	buildLiveArgs,
	planLiveLadder,
	type LiveInput,
	type LivePlan
} from '../media/ffmpeg-live.ts';
import { formatCommand, progressReader, runProcess } from '../media/ffmpeg-process.ts';
import type { TranscodeProgress } from '../media/ffmpeg-types.ts';

/**
 * Runs ffmpeg on an encoder's FLV and reports each HLS segment once every rendition has it.
 * ffmpeg writes every rendition on its own: the audio playlist can be a segment ahead of the
 * video ones, and the 1080p copy can lag behind the encoded ones. The publisher needs one
 * decision per time slice for all renditions, so a segment counts only when every rendition's
 * playlist lists it (a playlist lists a segment only after ffmpeg renamed it from `.tmp`).
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

export interface LiveTranscoderResult {
	code: number | null;
	stderrTail: string[];
}

export interface LiveTranscoder {
	plan: LivePlan;
	pid: number | undefined;
	/** Complete segments in order; ends after ffmpeg exits and the last ones were reported. */
	segments: AsyncIterable<LiveSegment>;
	/** `<outDir>/<rendition>/init.mp4`, present once the first segment was reported. */
	initPath(rendition: string): string;
	/**
	 * Seconds of video made per second of wall clock over the last 10 s (1 = keeping up with a
	 * live encoder, below 1 = falling behind); null before ffmpeg's first progress report.
	 */
	speed(): number | null;
	/** Ends ffmpeg's input so it finishes the segments it has; kills it after 5 s. */
	stop(): Promise<void>;
	done: Promise<LiveTranscoderResult>;
}

export interface LiveTranscoderOptions {
	log: Logger;
	onCommand?: (command: string) => void;
	signal?: AbortSignal;
}

// Segments last 2 s; checking five times as often keeps the added delay small and the reads cheap.
const POLL_MS = 200;
const STOP_GRACE_MS = 5_000;
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
function segmentWatcher(
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

// ffmpeg's own speed is an average since it started: an hour of keeping up would hide that it
// fell behind a minute ago. The console's slowTranscode warning needs the recent rate.
const SPEED_WINDOW_MS = 10_000;

function speedMeter() {
	const samples: { at: number; seconds: number }[] = [];
	let average: number | null = null;
	return {
		add(p: TranscodeProgress) {
			average = p.speed;
			const at = Date.now();
			samples.push({ at, seconds: p.seconds });
			while (samples.length > 2 && samples[1]!.at <= at - SPEED_WINDOW_MS) samples.shift();
		},
		value(): number | null {
			const first = samples[0];
			const last = samples[samples.length - 1];
			if (!first || !last || last.at - first.at < 1_000) return average;
			return (last.seconds - first.seconds) / ((last.at - first.at) / 1000);
		}
	};
}

/**
 * Feeds the FLV into ffmpeg's stdin. Neither a dying ffmpeg (EPIPE) nor a broken encoder
 * connection may throw; the guard listens from the first moment, before ffmpeg even runs.
 */
function inputGuard(flv: Readable, log: Logger) {
	let broken = false;
	let stdin: Writable | null = null;
	flv.on('error', (err) => {
		log.warn('Live-Eingang abgebrochen', { err });
		broken = true;
		if (stdin) flv.unpipe(stdin);
		// ffmpeg finishes the segments it has when its input ends.
		stdin?.end();
	});
	return {
		feed(child: ChildProcess) {
			const target = child.stdin;
			if (!target) return;
			stdin = target;
			target.on('error', (err) => log.debug('ffmpeg nimmt keine Live-Daten mehr an', { err }));
			if (broken || flv.destroyed) target.end();
			else flv.pipe(target);
			child.once('exit', () => flv.unpipe(target));
		}
	};
}

/**
 * Starts the live ladder for one encoder session: FLV in, `<outDir>/<rendition>/` out (see
 * buildLiveArgs). The caller reads `segments` and decides what to publish; `done` resolves
 * after ffmpeg exited and the last complete segments were announced.
 */
export async function startLiveTranscoder(
	flv: Readable,
	outDir: string,
	input: LiveInput,
	opts: LiveTranscoderOptions
): Promise<LiveTranscoder> {
	const guard = inputGuard(flv, opts.log);
	const { ffmpeg } = await requireFfmpeg();
	const plan = planLiveLadder(input);
	// The RTMP server refuses such a stream; without renditions no segment could ever be complete.
	if (!plan.renditions.length) throw new Error('Live-Eingang ohne Bild und Ton');
	const args = buildLiveArgs(outDir, plan);
	const command = formatCommand(ffmpeg, args);
	opts.log.debug('Live-Umwandlung startet', { command });
	opts.onCommand?.(command);
	await mkdir(outDir, { recursive: true });

	const queue = segmentQueue();
	const poll = segmentWatcher(outDir, plan, opts.log, queue.push);
	const speed = speedMeter();
	let child: ChildProcess | null = null;
	let stopping = false;
	const run = runProcess(ffmpeg, args, {
		stdin: 'pipe',
		onSpawn: (c) => {
			child = c;
			guard.feed(c);
		},
		// A live stream has no known length; only `seconds` of each report is used.
		onStdoutLine: progressReader(0, (p) => speed.add(p))
	});

	let polling = true;
	const loop = (async () => {
		while (polling) {
			await poll().catch((err) => opts.log.warn('Live-Playlisten nicht lesbar', { err }));
			await new Promise((resolve) => setTimeout(resolve, POLL_MS));
		}
	})();

	const done = run
		.catch((err: Error) => ({ code: null, stderrTail: [err.message] }))
		.then(async (r) => {
			polling = false;
			await loop;
			await poll().catch((err) => opts.log.warn('Live-Playlisten nicht lesbar', { err }));
			queue.end();
			if (r.code !== 0 && !stopping) {
				opts.log.error('Live-Umwandlung beendet', { code: r.code, stderr: r.stderrTail });
			}
			return { code: r.code, stderrTail: r.stderrTail };
		});

	const stop = async () => {
		stopping = true;
		const c = child as ChildProcess | null;
		if (c && c.exitCode === null && c.signalCode === null) {
			// unpipe() without a destination would cut off the RTMP server's other readers too.
			if (c.stdin) flv.unpipe(c.stdin);
			c.stdin?.end();
			const kill = setTimeout(() => c.kill('SIGKILL'), STOP_GRACE_MS);
			await done;
			clearTimeout(kill);
		}
		await done;
	};
	if (opts.signal?.aborted) void stop();
	else opts.signal?.addEventListener('abort', () => void stop(), { once: true });

	return {
		plan,
		pid: (child as ChildProcess | null)?.pid,
		segments: { [Symbol.asyncIterator]: () => queue[Symbol.asyncIterator]() },
		initPath: (rendition) => path.join(outDir, rendition, 'init.mp4'),
		speed: () => speed.value(),
		stop,
		done
	};
}
