import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { formatCommand, progressReader, runProcess } from './ffmpeg-process.ts';
import {
	FfmpegAbortedError,
	FfmpegFailedError,
	MediaRejectedError,
	type HlsArchive,
	type MediaProbe,
	type TranscodeProgress
} from './ffmpeg-types.ts';
import { writeMasterPlaylist, type PlannedRendition } from './hls-master.ts';
import {
	checkProbe,
	describeProbe,
	keyframeTimes,
	keyframesEvery,
	type ProbeJson
} from './media-probe.ts';

export * from './ffmpeg-types.ts';
export { findFfmpeg, requireFfmpeg } from './ffmpeg-lookup.ts';
import { requireFfmpeg } from './ffmpeg-lookup.ts';

/**
 * The only module that builds ffmpeg/ffprobe arguments (STYLE.md). ffmpeg follows URLs and file
 * references inside its inputs: a `.mp4` that really holds an HLS playlist is opened as HLS and
 * fetches whatever it names. So every call restricts protocols to `file,pipe`, restricts
 * demuxers to the containers we accept, and only paths we generated are handed over.
 */

// The demuxers behind MP4/MOV/M4A (ffmpeg's "mov" family) and MKV/WebM ("matroska").
const ALLOWED_FORMATS = 'mov,mp4,m4a,3gp,3g2,mj2,matroska,webm';
const PROTOCOLS = 'file,pipe';
const INPUT_HARDENING = ['-protocol_whitelist', PROTOCOLS, '-format_whitelist', ALLOWED_FORMATS];
// Keyframes every 2 s in every rendition, so renditions align and later cuts have fixed edges.
export const SEGMENT_SECONDS = 2;
export interface Rung {
	height: number;
	videoKbps: number;
	maxKbps: number;
}
export const LADDER: Rung[] = [
	{ height: 720, videoKbps: 2800, maxKbps: 3000 },
	{ height: 360, videoKbps: 800, maxKbps: 856 }
];
export const AUDIO_KBPS = 128;
const PROBE_TIMEOUT_MS = 30_000;
/** Fixed parts of a command line, written as one string; never used for paths or user input. */
export const words = (line: string) => line.split(' ');
export const QUIET = words('-hide_banner -nostdin -v error -y');

/** Only absolute paths without `..` that we generated ourselves are handed to ffmpeg. */
export function assertOurPath(file: string): void {
	const parts = file.split(/[\\/]/);
	// `%` would be read as a pattern by the HLS muxer's segment names.
	if (!path.isAbsolute(file) || parts.includes('..') || /[\0%]/.test(file)) {
		throw new MediaRejectedError('notAFile', 'Ungültiger Dateipfad.');
	}
}

async function assertRegularFile(file: string, maxBytes: number): Promise<number> {
	assertOurPath(file);
	const stat = await lstat(file).catch(() => null);
	if (!stat?.isFile()) throw new MediaRejectedError('notAFile', 'Die Datei existiert nicht.');
	if (stat.size === 0) throw new MediaRejectedError('empty', 'Die Datei ist leer.');
	if (stat.size > maxBytes) {
		const gb = (maxBytes / 1024 ** 3).toFixed(1).replace('.', ',');
		throw new MediaRejectedError('tooBig', `Die Datei ist größer als erlaubt (${gb} GB).`);
	}
	return stat.size;
}

function rejectUnreadable(stderrTail: string[]): MediaRejectedError {
	return stderrTail.some((l) => /not on whitelist/i.test(l))
		? new MediaRejectedError(
				'container',
				'Dieses Dateiformat ist nicht erlaubt (erlaubt: MP4, MOV, MKV, WebM).'
			)
		: new MediaRejectedError('unreadable', 'Die Datei ist keine lesbare Audio- oder Videodatei.');
}

/** Runs ffprobe with the hardening and returns its JSON, or refuses the file. */
async function runProbe(file: string, extra: string[]): Promise<unknown> {
	const { ffprobe } = await requireFfmpeg();
	const args = ['-hide_banner', '-v', 'error', ...INPUT_HARDENING, ...extra];
	args.push('-print_format', 'json', `file:${file}`);
	const r = await runProcess(ffprobe, args, { timeoutMs: PROBE_TIMEOUT_MS });
	if (r.code !== 0 || r.aborted) throw rejectUnreadable(r.stderrTail);
	try {
		return JSON.parse(r.stdout);
	} catch {
		throw rejectUnreadable([]);
	}
}

/** Checks a stored upload with ffprobe before anything else touches it. */
export async function probeMedia(
	file: string,
	opts: { maxBytes: number; maxDurationSeconds: number }
): Promise<MediaProbe> {
	await assertRegularFile(file, opts.maxBytes);
	const json = await runProbe(file, ['-show_format', '-show_streams']);
	const probe = describeProbe(json as ProbeJson);
	checkProbe(probe, opts.maxDurationSeconds);
	return probe;
}

/** The demuxer ffprobe recognised, forced with `-f` so ffmpeg cannot guess another one. */
function forcedFormat(formatName: string): string {
	if (formatName.startsWith('mov,')) return 'mov';
	if (formatName.startsWith('matroska')) return 'matroska';
	throw new MediaRejectedError('container', 'Dieses Dateiformat ist nicht erlaubt.');
}

function hardenedInput(input: string, probe: MediaProbe, seekSeconds?: number): string[] {
	assertOurPath(input);
	const seek = seekSeconds === undefined ? [] : ['-ss', seekSeconds.toFixed(3)];
	return [...INPUT_HARDENING, ...seek, '-f', forcedFormat(probe.formatName), '-i', `file:${input}`];
}

// Browsers decode 8-bit 4:2:0 H.264 in these profiles; High 10 or 4:2:2 must be re-encoded.
const PASSTHROUGH_PROFILES = new Set(['Constrained Baseline', 'Baseline', 'Main', 'High']);
// Enough of the recording to trust the encoder's keyframe cadence without reading hours of it.
const KEYFRAME_SCAN = '%+180';

/**
 * Whether the source's video can be copied as the top rendition: H.264 of at least 1080 lines
 * that browsers play, with a keyframe exactly every 2 s, so its segments line up with the
 * encoded renditions. Reads packet flags only (no decoding) over the first three minutes.
 */
export async function canPassThrough(file: string, probe: MediaProbe): Promise<boolean> {
	const v = probe.video;
	if (!v || v.codec !== 'h264' || v.height < 1080 || probe.streams.video === null) return false;
	if (!PASSTHROUGH_PROFILES.has(v.profile) || v.pixFmt !== 'yuv420p') return false;
	const json = await runProbe(file, [
		'-f',
		forcedFormat(probe.formatName),
		'-select_streams',
		String(probe.streams.video),
		'-read_intervals',
		KEYFRAME_SCAN,
		'-show_entries',
		'packet=pts_time,flags'
	]);
	return keyframesEvery(
		keyframeTimes(json as Parameters<typeof keyframeTimes>[0]),
		SEGMENT_SECONDS
	);
}

interface PlannedRung extends PlannedRendition {
	height: number;
	rung: Rung | null;
}

export function ladderFor(sourceHeight: number): Rung[] {
	const rungs = LADDER.filter((r) => r.height <= sourceHeight);
	// A source below 360p gets one rendition at its own size instead of being upscaled.
	if (rungs.length > 0) return rungs;
	const small = LADDER[LADDER.length - 1] ?? { height: 360, videoKbps: 800, maxKbps: 856 };
	return [{ ...small, height: Math.max(2, sourceHeight - (sourceHeight % 2)) }];
}

/** The renditions in master playlist order: copied source first, then the encoded ladder. */
function planRenditions(probe: MediaProbe, passthrough: boolean): PlannedRung[] {
	const planned: PlannedRung[] = [];
	const { video, audio } = probe;
	if (video && passthrough) {
		planned.push({
			name: `${video.height}p`,
			kind: 'video',
			passthrough,
			height: video.height,
			rung: null
		});
	}
	for (const rung of video ? ladderFor(video.height) : []) {
		const name = `${rung.height}p`;
		if (planned.some((p) => p.name === name)) continue;
		planned.push({ name, kind: 'video', passthrough: false, height: rung.height, rung });
	}
	if (audio)
		planned.push({ name: 'audio', kind: 'audio', passthrough: false, height: 0, rung: null });
	return planned;
}

/** libx264 for output video stream i; `keyframes` is a -force_key_frames value (default: every 2 s). */
export function encoderArgs(
	i: number,
	rung: Rung,
	gop: string,
	keyframes = `expr:gte(t,n_forced*${SEGMENT_SECONDS})`
): string[] {
	const s = `:v:${i}`;
	const fixed = `-c${s} libx264 -preset${s} veryfast -pix_fmt${s} yuv420p -profile${s} main`;
	return [
		...words(`${fixed} -g${s} ${gop} -keyint_min${s} ${gop} -sc_threshold${s} 0`),
		`-force_key_frames${s}`,
		keyframes,
		...words(`-b${s} ${rung.videoKbps}k -maxrate${s} ${rung.maxKbps}k`),
		...words(`-bufsize${s} ${rung.maxKbps * 2}k`)
	];
}

function videoArgs(probe: MediaProbe, planned: PlannedRung[]): { args: string[]; maps: string[] } {
	const encoded = planned.filter((p) => p.kind === 'video' && p.rung);
	const copied = planned.some((p) => p.passthrough);
	const args: string[] = [];
	const maps: string[] = copied ? ['-map', `0:${probe.streams.video}`] : [];
	if (copied) args.push('-c:v:0', 'copy');
	if (encoded.length) {
		const split = `[0:${probe.streams.video}]split=${encoded.length}${encoded.map((_, i) => `[s${i}]`).join('')}`;
		const scales = encoded.map((p, i) => `[s${i}]scale=-2:${p.height},setsar=1[v${i}]`);
		args.push('-filter_complex', [split, ...scales].join(';'));
	}
	const gop = String(Math.round((probe.video?.fps ?? 25) * SEGMENT_SECONDS));
	encoded.forEach((p, i) => {
		maps.push('-map', `[v${i}]`);
		args.push(...encoderArgs(i + (copied ? 1 : 0), p.rung!, gop));
	});
	return { args, maps };
}

/**
 * ffmpeg arguments for the HLS ladder; exported so the worker logs them and the benchmark runs
 * exactly these. Renditions go to `<outDir>/<name>/` (1080p, 720p, 360p, audio).
 */
export function buildHlsArgs(
	input: string,
	outDir: string,
	probe: MediaProbe,
	opts: { passthrough?: boolean } = {}
): string[] {
	const planned = planRenditions(probe, opts.passthrough ?? false);
	const args = [...QUIET, ...hardenedInput(input, probe)];
	const { args: video, maps } = videoArgs(probe, planned);
	args.push(...video);
	if (probe.audio) {
		maps.push('-map', `0:${probe.streams.audio}`);
		args.push('-c:a', 'aac', '-b:a', `${AUDIO_KBPS}k`, '-ac', '2', '-ar', '48000');
	}
	const hasVideo = planned.some((p) => p.kind === 'video');
	let v = 0;
	const variants = planned.map((p) =>
		p.kind === 'video'
			? `v:${v++},${probe.audio ? 'agroup:audio,' : ''}name:${p.name}`
			: `a:0,${hasVideo ? 'agroup:audio,default:yes,' : ''}name:${p.name}`
	);
	// Camera and editing-software metadata has no place in a public archive.
	args.push(...maps, '-map_metadata', '-1', '-map_chapters', '-1');
	args.push(...words(`-f hls -hls_time ${SEGMENT_SECONDS} -hls_playlist_type vod`));
	args.push(...words('-hls_segment_type fmp4 -hls_fmp4_init_filename init.mp4'));
	args.push(...words('-hls_flags independent_segments+program_date_time'));
	args.push('-hls_segment_filename', path.join(outDir, '%v', 'segment-%05d.m4s'));
	// ffmpeg's own master playlist is replaced by writeMasterPlaylist (it lacks CODECS for copies).
	args.push('-master_pl_name', 'master.m3u8', '-var_stream_map', variants.join(' '));
	args.push('-progress', 'pipe:1', '-nostats', path.join(outDir, '%v', 'index.m3u8'));
	return args;
}

export interface TranscodeOptions {
	/** The result of probeMedia for this very file: codecs, streams and duration come from it. */
	probe: MediaProbe;
	/** Copy the source as the top rendition (see canPassThrough). */
	passthrough?: boolean;
	signal?: AbortSignal;
	onProgress?: (p: TranscodeProgress) => void;
	/** Called with the full command before ffmpeg starts (for the debug log). */
	onCommand?: (command: string) => void;
}

/** Removes `<outDir>.tmp-*` folders left by a run that was killed before it could clean up. */
async function removeStaleTmp(outDir: string): Promise<void> {
	const prefix = `${path.basename(outDir)}.tmp-`;
	const entries = await readdir(path.dirname(outDir)).catch(() => [] as string[]);
	for (const name of entries.filter((n) => n.startsWith(prefix))) {
		await rm(path.join(path.dirname(outDir), name), { recursive: true, force: true });
	}
}

// A source whose data ends early (a truncated upload with its index up front) still probes with
// its full duration; ffmpeg then stops where the data stops. Anything shorter than this is refused.
function assertComplete(archiveSeconds: number, probe: MediaProbe): void {
	if (
		archiveSeconds <
		probe.durationSeconds - Math.max(SEGMENT_SECONDS, probe.durationSeconds * 0.02)
	) {
		throw new MediaRejectedError(
			'truncated',
			'Die Datei ist unvollständig: sie endet früher, als ihre Kopfdaten angeben.'
		);
	}
}

async function runLadder(
	input: string,
	tmp: string,
	opts: TranscodeOptions
): Promise<{ command: string }> {
	const { ffmpeg } = await requireFfmpeg();
	const args = buildHlsArgs(input, tmp, opts.probe, { passthrough: opts.passthrough });
	const command = formatCommand(ffmpeg, args);
	opts.onCommand?.(command);
	await mkdir(tmp, { recursive: true });
	const r = await runProcess(ffmpeg, args, {
		signal: opts.signal,
		onStdoutLine: progressReader(opts.probe.durationSeconds, opts.onProgress)
	});
	if (r.aborted) throw new FfmpegAbortedError(command);
	if (r.code !== 0) {
		throw new FfmpegFailedError(`ffmpeg ist mit Code ${r.code} beendet.`, command, r.stderrTail);
	}
	return { command };
}

/**
 * Transcodes a probed recording into an HLS ladder (fMP4 segments, master playlist). Output is
 * written beside outDir and renamed into place at the end, so a killed run never leaves half an
 * archive behind.
 */
export async function transcodeToHls(
	input: string,
	outDir: string,
	opts: TranscodeOptions
): Promise<HlsArchive> {
	assertOurPath(input);
	assertOurPath(outDir);
	await removeStaleTmp(outDir);
	const tmp = `${outDir}.tmp-${randomBytes(6).toString('hex')}`;
	try {
		const { command } = await runLadder(input, tmp, opts);
		const planned = planRenditions(opts.probe, opts.passthrough ?? false);
		const { renditions, measured } = await writeMasterPlaylist(
			tmp,
			planned,
			opts.probe.video?.fps ?? null
		);
		const durationSeconds = measured[0]?.durationSeconds ?? 0;
		assertComplete(durationSeconds, opts.probe);
		await rm(outDir, { recursive: true, force: true });
		await rename(tmp, outDir);
		return {
			command,
			masterPlaylist: path.join(outDir, 'master.m3u8'),
			renditions,
			durationSeconds
		};
	} finally {
		await rm(tmp, { recursive: true, force: true });
	}
}

async function runStill(args: string[], signal?: AbortSignal): Promise<void> {
	const { ffmpeg } = await requireFfmpeg();
	const r = await runProcess(ffmpeg, args, { signal, timeoutMs: PROBE_TIMEOUT_MS });
	if (r.aborted) throw new FfmpegAbortedError(formatCommand(ffmpeg, args));
	if (r.code !== 0) {
		throw new FfmpegFailedError(
			'Standbild fehlgeschlagen.',
			formatCommand(ffmpeg, args),
			r.stderrTail
		);
	}
}

function stillArgs(
	input: string,
	probe: MediaProbe,
	atSeconds: number,
	width: number,
	out: string
) {
	assertOurPath(out);
	const at = Math.max(0, Math.min(atSeconds, probe.durationSeconds - 0.5));
	return [
		...QUIET,
		...hardenedInput(input, probe, at),
		...words(`-map 0:${probe.streams.video} -frames:v 1`),
		...words(`-vf scale='min(${width},iw)':-2,setsar=1 -q:v 3 -map_metadata -1`),
		...words('-f image2 -update 1'),
		`file:${out}`
	];
}

const POSTER_WIDTH = 1280;
const THUMBNAIL_WIDTH = 320;
// A chapter starts as the chair calls the item; two seconds in, the picture has usually settled.
const THUMBNAIL_OFFSET_SECONDS = 2;

/** One JPEG (at most 1280 wide) at 10 % of the recording, at most 30 s in; null without video. */
export async function extractPoster(
	input: string,
	probe: MediaProbe,
	out: string
): Promise<boolean> {
	if (!probe.video || probe.streams.video === null) return false;
	const at = Math.min(30, probe.durationSeconds * 0.1);
	await runStill(stillArgs(input, probe, at, POSTER_WIDTH, out));
	return true;
}

/** A 320-wide JPEG per chapter, named `<id>.jpg` in outDir; ids must be plain names (uuids). */
export async function extractThumbnails(
	input: string,
	probe: MediaProbe,
	chapters: { id: string; startSeconds: number }[],
	outDir: string,
	signal?: AbortSignal
): Promise<string[]> {
	if (!probe.video || probe.streams.video === null) return [];
	await mkdir(outDir, { recursive: true });
	const written: string[] = [];
	for (const c of chapters) {
		if (!/^[A-Za-z0-9-]{1,64}$/.test(c.id))
			throw new MediaRejectedError('notAFile', 'Ungültiger Name.');
		const out = path.join(outDir, `${c.id}.jpg`);
		const at = c.startSeconds + THUMBNAIL_OFFSET_SECONDS;
		await runStill(stillArgs(input, probe, at, THUMBNAIL_WIDTH, out), signal);
		written.push(out);
	}
	return written;
}

/**
 * A test recording from ffmpeg's own sources (test pattern and a tone), for the demo and the
 * benchmark: H.264 with a keyframe every `gopSeconds`, AAC, MP4 with its index up front.
 */
export async function generateTestRecording(
	out: string,
	opts: { seconds: number; width: number; height: number; fps?: number; gopSeconds?: number }
): Promise<void> {
	assertOurPath(out);
	const { ffmpeg } = await requireFfmpeg();
	const fps = opts.fps ?? 25;
	const gop = String(Math.round(fps * (opts.gopSeconds ?? SEGMENT_SECONDS)));
	const args = [
		...QUIET,
		...words(`-f lavfi -i testsrc2=size=${opts.width}x${opts.height}:rate=${fps}`),
		...words('-f lavfi -i sine=frequency=440:beep_factor=4:sample_rate=48000'),
		...words(`-t ${opts.seconds} -c:v libx264 -preset ultrafast -pix_fmt yuv420p`),
		...words(`-g ${gop} -keyint_min ${gop} -sc_threshold 0 -c:a aac -b:a 128k`),
		...words('-movflags +faststart -f mp4'),
		`file:${out}`
	];
	const r = await runProcess(ffmpeg, args, { timeoutMs: 30 * 60_000 });
	if (r.code !== 0) {
		throw new FfmpegFailedError(
			'Testaufnahme fehlgeschlagen.',
			formatCommand(ffmpeg, args),
			r.stderrTail
		);
	}
}
