import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { formatCommand, runProcess } from './ffmpeg-process.ts';
import {
	FfmpegAbortedError,
	FfmpegFailedError,
	FfmpegMissingError,
	MediaRejectedError,
	type FfmpegLookup,
	type FfmpegTools,
	type MediaProbe
} from './ffmpeg-types.ts';

export * from './ffmpeg-types.ts';

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
const VIDEO_CODECS = new Set(['h264', 'hevc', 'vp8', 'vp9', 'av1', 'mpeg4', 'prores']);
const AUDIO_CODECS = new Set(['aac', 'mp3', 'opus', 'vorbis']);
// Keyframes every 2 s in every rendition, so renditions align and later cuts have fixed edges.
const SEGMENT_SECONDS = 2;
interface Rung {
	height: number;
	videoKbps: number;
	maxKbps: number;
}
const LADDER: Rung[] = [
	{ height: 720, videoKbps: 2800, maxKbps: 3000 },
	{ height: 360, videoKbps: 800, maxKbps: 856 }
];
const AUDIO_KBPS = 128;
const PROBE_TIMEOUT_MS = 30_000;

async function versionOf(binary: string): Promise<string | null> {
	try {
		const r = await runProcess(binary, ['-hide_banner', '-version'], { timeoutMs: 10_000 });
		if (r.code !== 0) return null;
		return /version (\S+)/.exec(r.stdout)?.[1] ?? 'unbekannt';
	} catch {
		return null;
	}
}

// ffmpeg-static is optional and not a dependency; its install script cannot download the binary
// on every machine, so a resolvable package still has to pass the `-version` check.
async function ffmpegStaticPath(): Promise<string | null> {
	try {
		const name = 'ffmpeg-static';
		const mod = (await import(/* @vite-ignore */ name)) as { default?: unknown };
		return typeof mod.default === 'string' ? mod.default : null;
	} catch {
		return null;
	}
}

/** FFMPEG_PATH/FFPROBE_PATH, else the npm package ffmpeg-static, else `ffmpeg` on the PATH. */
export async function findFfmpeg(
	env: Record<string, string | undefined> = process.env
): Promise<FfmpegLookup> {
	const install =
		'Bitte ffmpeg installieren (Debian/Ubuntu: „apt-get install ffmpeg“) oder FFMPEG_PATH und FFPROBE_PATH setzen.';
	const candidates = [env.FFMPEG_PATH, await ffmpegStaticPath(), 'ffmpeg'];
	let ffmpeg: string | null = null;
	let version: string | null = null;
	for (const candidate of candidates) {
		if (!candidate) continue;
		version = await versionOf(candidate);
		if (version) {
			ffmpeg = candidate;
			break;
		}
		if (candidate === env.FFMPEG_PATH) {
			return { ok: false, message: `FFMPEG_PATH (${candidate}) ist nicht ausführbar. ${install}` };
		}
	}
	if (!ffmpeg || !version) return { ok: false, message: `ffmpeg wurde nicht gefunden. ${install}` };
	const ffprobe = env.FFPROBE_PATH || 'ffprobe';
	if (!(await versionOf(ffprobe))) {
		return { ok: false, message: `ffprobe (${ffprobe}) wurde nicht gefunden. ${install}` };
	}
	return { ok: true, ffmpeg, ffprobe, version };
}

let cachedTools: Promise<FfmpegLookup> | undefined;

/** The tools found once per process; throws FfmpegMissingError with the install hint. */
export async function requireFfmpeg(): Promise<FfmpegTools> {
	cachedTools ??= findFfmpeg();
	const found = await cachedTools;
	if (!found.ok) {
		cachedTools = undefined;
		throw new FfmpegMissingError(found.message);
	}
	return found;
}

/** Only absolute paths without `..` that we generated ourselves are handed to ffmpeg. */
function assertOurPath(file: string): void {
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

interface ProbeStream {
	index: number;
	codec_type?: string;
	codec_name?: string;
	width?: number;
	height?: number;
	avg_frame_rate?: string;
	r_frame_rate?: string;
	channels?: number;
	sample_rate?: string;
	disposition?: { attached_pic?: number };
}

function parseRate(rate: string | undefined): number | null {
	const [n = NaN, d = 1] = (rate ?? '').split('/').map(Number);
	const fps = n / d;
	return Number.isFinite(fps) && fps > 0 && fps < 1000 ? fps : null;
}

function describeProbe(json: {
	format?: { duration?: string; format_name?: string };
	streams?: ProbeStream[];
}): MediaProbe {
	const streams = json.streams ?? [];
	const v = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
	const a = streams.find((s) => s.codec_type === 'audio');
	return {
		durationSeconds: Number(json.format?.duration),
		formatName: json.format?.format_name ?? '',
		video: v
			? {
					codec: v.codec_name ?? '',
					width: v.width ?? 0,
					height: v.height ?? 0,
					fps: parseRate(v.avg_frame_rate) ?? parseRate(v.r_frame_rate)
				}
			: null,
		audio: a
			? { codec: a.codec_name ?? '', channels: a.channels ?? 0, sampleRate: Number(a.sample_rate) }
			: null,
		streams: { video: v?.index ?? null, audio: a?.index ?? null }
	};
}

function checkProbe(probe: MediaProbe, maxDurationSeconds: number): void {
	if (!Number.isFinite(probe.durationSeconds) || probe.durationSeconds <= 0) {
		throw new MediaRejectedError('unreadable', 'Die Dauer der Aufnahme ist nicht lesbar.');
	}
	if (probe.durationSeconds > maxDurationSeconds) {
		const h = (maxDurationSeconds / 3600).toFixed(1).replace('.', ',');
		throw new MediaRejectedError('tooLong', `Die Aufnahme ist länger als erlaubt (${h} Stunden).`);
	}
	if (!probe.video && !probe.audio) {
		throw new MediaRejectedError('noStreams', 'Die Datei enthält weder Bild noch Ton.');
	}
	if (probe.video && !VIDEO_CODECS.has(probe.video.codec)) {
		throw new MediaRejectedError(
			'videoCodec',
			`Das Videoformat „${probe.video.codec}“ wird nicht unterstützt (erlaubt: H.264, HEVC, VP8, VP9, AV1, MPEG-4, ProRes).`
		);
	}
	const audio = probe.audio?.codec ?? '';
	if (probe.audio && !AUDIO_CODECS.has(audio) && !audio.startsWith('pcm_')) {
		throw new MediaRejectedError(
			'audioCodec',
			`Das Tonformat „${audio}“ wird nicht unterstützt (erlaubt: AAC, MP3, Opus, Vorbis, PCM).`
		);
	}
}

/** Checks a stored upload with ffprobe before anything else touches it. */
export async function probeMedia(
	file: string,
	opts: { maxBytes: number; maxDurationSeconds: number }
): Promise<MediaProbe> {
	await assertRegularFile(file, opts.maxBytes);
	const { ffprobe } = await requireFfmpeg();
	const args = [
		'-hide_banner',
		'-v',
		'error',
		...INPUT_HARDENING,
		'-print_format',
		'json',
		'-show_format',
		'-show_streams',
		`file:${file}`
	];
	const r = await runProcess(ffprobe, args, { timeoutMs: PROBE_TIMEOUT_MS });
	if (r.code !== 0 || r.aborted) {
		const notAllowed = r.stderrTail.some((l) => /not on whitelist/i.test(l));
		throw notAllowed
			? new MediaRejectedError(
					'container',
					'Dieses Dateiformat ist nicht erlaubt (erlaubt: MP4, MOV, MKV, WebM).'
				)
			: new MediaRejectedError('unreadable', 'Die Datei ist keine lesbare Audio- oder Videodatei.');
	}
	let json: unknown;
	try {
		json = JSON.parse(r.stdout);
	} catch {
		throw new MediaRejectedError(
			'unreadable',
			'Die Datei ist keine lesbare Audio- oder Videodatei.'
		);
	}
	const probe = describeProbe(json as Parameters<typeof describeProbe>[0]);
	checkProbe(probe, opts.maxDurationSeconds);
	return probe;
}

/** The demuxer ffprobe recognised, forced with `-f` so ffmpeg cannot guess another one. */
function forcedFormat(formatName: string): string {
	if (formatName.startsWith('mov,')) return 'mov';
	if (formatName.startsWith('matroska')) return 'matroska';
	throw new MediaRejectedError('container', 'Dieses Dateiformat ist nicht erlaubt.');
}

function ladderFor(sourceHeight: number): Rung[] {
	const rungs = LADDER.filter((r) => r.height <= sourceHeight);
	// A source below 360p gets one rendition at its own size instead of being upscaled.
	if (rungs.length > 0) return rungs;
	const small = LADDER[LADDER.length - 1] ?? { height: 360, videoKbps: 800, maxKbps: 856 };
	return [{ ...small, height: Math.max(2, sourceHeight - (sourceHeight % 2)) }];
}

/** ffmpeg arguments for the HLS ladder; exported so the worker can log and benchmark them. */
export function buildHlsArgs(input: string, outDir: string, probe: MediaProbe): string[] {
	const { video, audio, streams } = probe;
	const args = ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...INPUT_HARDENING];
	args.push('-f', forcedFormat(probe.formatName), '-i', `file:${input}`);
	const maps: string[] = [];
	const outputs: string[] = [];
	const rungs = video ? ladderFor(video.height) : [];
	if (video) {
		const label = (i: number) => `[v${i}]`;
		const split = `[0:${streams.video}]split=${rungs.length}${rungs.map((_, i) => `[s${i}]`).join('')}`;
		const scales = rungs.map((r, i) => `[s${i}]scale=-2:${r.height},setsar=1${label(i)}`);
		args.push('-filter_complex', [split, ...scales].join(';'));
		const gop = String(Math.round((video.fps ?? 25) * SEGMENT_SECONDS));
		args.push(
			'-c:v',
			'libx264',
			'-preset',
			'veryfast',
			'-pix_fmt',
			'yuv420p',
			'-profile:v',
			'main'
		);
		args.push('-g', gop, '-keyint_min', gop, '-sc_threshold', '0');
		args.push('-force_key_frames', `expr:gte(t,n_forced*${SEGMENT_SECONDS})`);
		rungs.forEach((r, i) => {
			maps.push('-map', label(i));
			args.push(`-b:v:${i}`, `${r.videoKbps}k`, `-maxrate:v:${i}`, `${r.maxKbps}k`);
			args.push(`-bufsize:v:${i}`, `${r.maxKbps * 2}k`);
			outputs.push(audio ? `v:${i},agroup:audio` : `v:${i}`);
		});
	}
	if (audio) {
		maps.push('-map', `0:${streams.audio}`);
		args.push('-c:a', 'aac', '-b:a', `${AUDIO_KBPS}k`, '-ac', '2', '-ar', '48000');
		outputs.push(video ? 'a:0,agroup:audio,default:yes' : 'a:0');
	}
	// Camera and editing-software metadata has no place in a public archive.
	args.push(...maps, '-map_metadata', '-1', '-map_chapters', '-1');
	args.push('-f', 'hls', '-hls_time', String(SEGMENT_SECONDS));
	args.push('-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4');
	args.push('-hls_flags', 'independent_segments+program_date_time');
	args.push('-hls_fmp4_init_filename', 'init.mp4');
	args.push('-hls_segment_filename', path.join(outDir, '%v', 'segment-%05d.m4s'));
	args.push('-master_pl_name', 'master.m3u8', '-var_stream_map', outputs.join(' '));
	args.push('-progress', 'pipe:1', '-nostats', path.join(outDir, '%v', 'index.m3u8'));
	return args;
}

export interface TranscodeProgress {
	seconds: number;
	fraction: number;
	speed: number | null;
}

export interface TranscodeOptions {
	/** The result of probeMedia for this very file: codecs, streams and duration come from it. */
	probe: MediaProbe;
	signal?: AbortSignal;
	onProgress?: (p: TranscodeProgress) => void;
	/** Called with the full command before ffmpeg starts (for the debug log). */
	onCommand?: (command: string) => void;
}

function progressReader(durationSeconds: number, report?: (p: TranscodeProgress) => void) {
	let seconds = 0;
	let speed: number | null = null;
	return (line: string) => {
		const [key, value = ''] = line.trim().split('=', 2);
		if (key === 'out_time_us' && /^\d+$/.test(value)) seconds = Number(value) / 1e6;
		else if (key === 'speed') speed = Number.parseFloat(value) || null;
		else if (key === 'progress') {
			const done = value === 'end';
			const fraction = done ? 1 : Math.min(1, seconds / Math.max(durationSeconds, 0.001));
			report?.({ seconds: done ? Math.max(seconds, durationSeconds) : seconds, fraction, speed });
		}
	};
}

/** Removes `<outDir>.tmp-*` folders left by a run that was killed before it could clean up. */
async function removeStaleTmp(outDir: string): Promise<void> {
	const prefix = `${path.basename(outDir)}.tmp-`;
	const entries = await readdir(path.dirname(outDir)).catch(() => [] as string[]);
	for (const name of entries.filter((n) => n.startsWith(prefix))) {
		await rm(path.join(path.dirname(outDir), name), { recursive: true, force: true });
	}
}

/**
 * Transcodes a probed recording into an HLS ladder (fMP4 segments, master playlist). Output is
 * written beside outDir and renamed into place at the end, so a killed run never leaves half an
 * archive behind. Returns the command that ran, for the job log.
 */
export async function transcodeToHls(
	input: string,
	outDir: string,
	opts: TranscodeOptions
): Promise<{ command: string; masterPlaylist: string }> {
	assertOurPath(input);
	assertOurPath(outDir);
	const { ffmpeg } = await requireFfmpeg();
	await removeStaleTmp(outDir);
	const tmp = `${outDir}.tmp-${randomBytes(6).toString('hex')}`;
	const args = buildHlsArgs(input, tmp, opts.probe);
	const command = formatCommand(ffmpeg, args);
	opts.onCommand?.(command);
	try {
		await mkdir(tmp, { recursive: true });
		const r = await runProcess(ffmpeg, args, {
			signal: opts.signal,
			onStdoutLine: progressReader(opts.probe.durationSeconds, opts.onProgress)
		});
		if (r.aborted) throw new FfmpegAbortedError(command);
		if (r.code !== 0) {
			throw new FfmpegFailedError(`ffmpeg ist mit Code ${r.code} beendet.`, command, r.stderrTail);
		}
		await rm(outDir, { recursive: true, force: true });
		await rename(tmp, outDir);
	} finally {
		await rm(tmp, { recursive: true, force: true });
	}
	return { command, masterPlaylist: path.join(outDir, 'master.m3u8') };
}
