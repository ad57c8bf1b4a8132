import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
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
import { watchSegments, type LiveSegment } from './segment-watcher.ts';

export type { LiveSegment } from './segment-watcher.ts';

/**
 * Runs ffmpeg on an encoder's FLV for the live ladder (arguments: media/ffmpeg-live.ts) and hands
 * the publisher each segment once every rendition has it (segment-watcher.ts).
 */

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

const STOP_GRACE_MS = 5_000;

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

	const watcher = watchSegments(outDir, plan, opts.log);
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

	const done = run
		.catch((err: Error) => ({ code: null, stderrTail: [err.message] }))
		.then(async (r) => {
			await watcher.finish();
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
		segments: watcher.segments,
		initPath: (rendition) => path.join(outDir, rendition, 'init.mp4'),
		speed: () => speed.value(),
		stop,
		done
	};
}
