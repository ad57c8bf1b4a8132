import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { requireFfmpeg } from './ffmpeg-lookup.ts';
import { formatCommand, runProcess } from './ffmpeg-process.ts';
import { FfmpegAbortedError, FfmpegFailedError, MediaRejectedError } from './ffmpeg-types.ts';

/**
 * ffmpeg arguments for consent cuts (a sibling of ffmpeg.ts, same hardening): one published
 * fMP4 segment of one rendition is decoded together with its init segment, the picture inside
 * the cut is painted black and the sound set to silence, and the result is encoded again as a
 * single segment with the original timestamps (`-copyts`) and frame timing, so the slot keeps
 * its place and length on the recording's time axis.
 */

// Our own segments only: the concatenated init+segment is an ISO BMFF file (ffmpeg's mov demuxer).
const INPUT = ['-protocol_whitelist', 'file,pipe', '-format_whitelist', 'mov,mp4', '-f', 'mp4'];
const QUIET = ['-hide_banner', '-nostdin', '-v', 'error', '-y'];
const RUN_TIMEOUT_MS = 10 * 60_000;
const AUDIO_KBPS = 128;

export interface SegmentCut {
	/** The rendition's init segment and the media segment to re-encode (files we wrote). */
	init: string;
	segment: string;
	/** Where `init.mp4` and `segment.m4s` go; replaced as a whole at the end. */
	outDir: string;
	/** The part to blank, in seconds from the segment's first frame (clamped to the segment). */
	fromSeconds: number;
	toSeconds: number;
	/** Nominal bandwidth of the rendition (bits/s), for the video bit rate. */
	bandwidth: number;
	signal?: AbortSignal;
}

function assertOurPath(file: string): void {
	if (!path.isAbsolute(file) || file.split(/[\\/]/).includes('..') || /[\0%]/.test(file)) {
		throw new MediaRejectedError('notAFile', 'Ungültiger Dateipfad.');
	}
}

async function run(args: string[], what: string, signal?: AbortSignal): Promise<string> {
	const { ffmpeg, ffprobe } = await requireFfmpeg();
	const program = what === 'probe' ? ffprobe : ffmpeg;
	const r = await runProcess(program, args, { signal, timeoutMs: RUN_TIMEOUT_MS });
	if (r.aborted) throw new FfmpegAbortedError(formatCommand(program, args));
	if (r.code !== 0) {
		throw new FfmpegFailedError(
			`${what} fehlgeschlagen.`,
			formatCommand(program, args),
			r.stderrTail
		);
	}
	return r.stdout;
}

/**
 * The single stream of a rendition segment: its kind, first timestamp and length, read from the
 * packets (an fMP4 init written for HLS reports the fragment's end time as its duration).
 */
export async function probeSegment(
	file: string
): Promise<{ kind: 'video' | 'audio'; startSeconds: number; durationSeconds: number }> {
	assertOurPath(file);
	const out = await run(
		[
			'-hide_banner',
			...['-v', 'error', ...INPUT],
			...['-show_entries', 'stream=codec_type:packet=pts_time,duration_time'],
			...['-print_format', 'json', `file:${file}`]
		],
		'probe'
	);
	const json = JSON.parse(out) as {
		streams?: { codec_type?: string }[];
		packets?: { pts_time?: string; duration_time?: string }[];
	};
	const kind = json.streams?.[0]?.codec_type;
	if (json.streams?.length !== 1 || (kind !== 'video' && kind !== 'audio')) {
		throw new MediaRejectedError('noStreams', 'Das Segment hat nicht genau eine Spur.');
	}
	const packets = (json.packets ?? []).map((p) => ({
		pts: Number(p.pts_time),
		end: Number(p.pts_time) + Number(p.duration_time ?? 0)
	}));
	if (packets.length === 0 || packets.some((p) => !Number.isFinite(p.end))) {
		throw new MediaRejectedError('unreadable', 'Das Segment ist leer oder unlesbar.');
	}
	const startSeconds = Math.min(...packets.map((p) => p.pts));
	const durationSeconds = Math.max(...packets.map((p) => p.end)) - startSeconds;
	return { kind, startSeconds, durationSeconds };
}

// Microseconds: at milliseconds, a window starting at a segment's first audio frame (4.0426… s)
// would round past it and leave that frame unmuted.
const seconds = (s: number) => s.toFixed(6);

/** The filter and encoder for one stream kind; `a`..`b` are absolute timestamps (copyts). */
function encodeArgs(kind: 'video' | 'audio', a: number, b: number, bandwidth: number): string[] {
	const enable = `enable='between(t,${seconds(a)},${seconds(b)})'`;
	if (kind === 'audio') {
		return [
			...['-map', '0:a:0', '-af', `volume=volume=0:${enable}`],
			...['-c:a', 'aac', '-b:a', `${AUDIO_KBPS}k`, '-ac', '2', '-ar', '48000'],
			// ffmpeg's AAC encoder puts one priming frame (1024 samples) before the first real one;
			// kept, the segment would grow by 21 ms and start early. It is always packet 0.
			...['-bsf:a', 'noise=drop=eq(n\\,0)']
		];
	}
	const kbps = Math.max(200, Math.round((bandwidth * 0.8) / 1000));
	return [
		...['-map', '0:v:0', '-vf', `drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:${enable}`],
		...['-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-pix_fmt', 'yuv420p'],
		// Same frames at the same times as the original, one keyframe at the start like every segment.
		...['-fps_mode', 'passthrough', '-g', '100000', '-sc_threshold', '0'],
		...['-force_key_frames', 'expr:eq(n,0)'],
		...['-b:v', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${kbps * 2}k`]
	];
}

/** ffmpeg arguments of one cut; exported for the debug log and the spec. */
export function buildCutArgs(
	input: string,
	tmp: string,
	kind: 'video' | 'audio',
	a: number,
	b: number,
	bandwidth: number
): string[] {
	assertOurPath(input);
	assertOurPath(tmp);
	return [
		...QUIET,
		'-copyts',
		...INPUT,
		'-i',
		`file:${input}`,
		...encodeArgs(kind, a, b, bandwidth),
		...['-map_metadata', '-1', '-map_chapters', '-1'],
		// One segment only: hls_time far above a slot; the HLS muxer keeps the input's timestamps in
		// the fragment's decode time (tfdt), which a plain fragmented MP4 would reset to zero.
		...['-f', 'hls', '-hls_time', '1000', '-hls_playlist_type', 'vod'],
		...['-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4'],
		...['-hls_segment_filename', path.join(tmp, 'segment-%d.m4s')],
		path.join(tmp, 'index.m3u8')
	];
}

/**
 * Re-encodes one rendition segment with [fromSeconds, toSeconds] blanked. Written to a
 * temporary folder and renamed to outDir only when ffmpeg produced exactly one segment, so a
 * failure leaves nothing behind.
 */
export async function cutSegment(cut: SegmentCut): Promise<void> {
	for (const f of [cut.init, cut.segment, cut.outDir]) assertOurPath(f);
	const tmp = `${cut.outDir}.tmp-${randomBytes(6).toString('hex')}`;
	await mkdir(tmp, { recursive: true });
	try {
		const input = path.join(tmp, 'input.mp4');
		await copyFile(cut.init, input);
		await writeFile(input, await readFile(cut.segment), { flag: 'a' });
		const probe = await probeSegment(input);
		// A window reaching a segment edge is open-ended there: decoded frames carry timestamps
		// rounded to milliseconds, so the first one may lie just before the segment's own start.
		const a = cut.fromSeconds <= 0 ? 0 : probe.startSeconds + cut.fromSeconds;
		const b = cut.toSeconds >= probe.durationSeconds ? 1e6 : probe.startSeconds + cut.toSeconds;
		const out = path.join(tmp, 'out');
		await mkdir(out);
		await run(buildCutArgs(input, out, probe.kind, a, b, cut.bandwidth), 'Schnitt', cut.signal);
		const written = (await readdir(out)).filter((n) => n.endsWith('.m4s'));
		if (written.length !== 1) {
			throw new FfmpegFailedError(`Schnitt ergab ${written.length} Segmente statt einem.`, '', []);
		}
		await rename(path.join(out, written[0]!), path.join(out, 'segment.m4s'));
		await rm(path.join(out, 'index.m3u8'), { force: true });
		await rm(cut.outDir, { recursive: true, force: true });
		await mkdir(path.dirname(cut.outDir), { recursive: true });
		await rename(out, cut.outDir);
	} finally {
		await rm(tmp, { recursive: true, force: true });
	}
}

/**
 * Per-frame level of a rendition file, for checking a cut: the brightest luma value of each
 * picture (16 is black in TV range) or the RMS level of each audio frame in dB (-inf: silence).
 * Times are the file's own timestamps.
 */
export async function frameLevels(
	file: string,
	kind: 'video' | 'audio'
): Promise<{ t: number; level: number }[]> {
	assertOurPath(file);
	const filter =
		kind === 'video'
			? ['-vf', 'signalstats,metadata=mode=print:key=lavfi.signalstats.YMAX:file=-']
			: [
					'-af',
					'astats=metadata=1:reset=1,ametadata=mode=print:key=lavfi.astats.Overall.RMS_level:file=-'
				];
	const args = [...QUIET, '-copyts', ...INPUT, '-i', `file:${file}`, ...filter, '-f', 'null', '-'];
	const out = await run(args, 'Messung');
	const levels: { t: number; level: number }[] = [];
	let t: number | null = null;
	for (const line of out.split('\n')) {
		const time = /pts_time:([-0-9.]+)/.exec(line);
		if (time) t = Number(time[1]);
		const value = /=(-?inf|[-0-9.]+)$/.exec(line.trim());
		if (value && t !== null && line.includes('lavfi.')) {
			levels.push({ t, level: value[1]!.endsWith('inf') ? -Infinity : Number(value[1]) });
		}
	}
	return levels;
}
