import path from 'node:path';
import {
	AUDIO_KBPS,
	LADDER,
	QUIET,
	SEGMENT_SECONDS,
	assertOurPath,
	encoderArgs,
	ladderFor,
	words,
	type Rung
} from './ffmpeg.ts';

/**
 * ffmpeg arguments for live streaming (the sibling of ffmpeg.ts, which holds the ladder): the
 * RTMP server hands over FLV on a pipe, ffmpeg turns it into the live fMP4 HLS ladder, and
 * slates (a still with silence) are encoded to match it. Only arguments are built here; the
 * process runs in live/transcoder.ts through ffmpeg-process.ts.
 */

/** What the RTMP server measured of the encoder's stream. */
export interface LiveInput {
	width: number | null;
	height: number | null;
	fps: number | null;
	keyframeIntervalSeconds: number | null;
	/** As the RTMP server names them, e.g. "h264" / "avc1", "aac" / "mp3"; null: no such stream. */
	videoCodec: string | null;
	audioCodec: string | null;
}

export interface LiveRendition {
	/** Its folder and variant name: "1080p", "720p", "360p" or "audio". */
	name: string;
	kind: 'video' | 'audio';
	/** The camera's H.264 copied, not re-encoded. */
	passthrough: boolean;
	/** Picture size (0 for audio). */
	width: number;
	height: number;
	/** Nominal bit rate in kbit/s; 0 for a copied stream (the camera decides). */
	kbps: number;
}

export interface LivePlan {
	renditions: LiveRendition[];
	/** Frame rate of every video rendition (the camera's; encoded renditions keep its timing). */
	fps: number;
	/**
	 * HLS segment length. 2 s, except when the camera is copied: then exactly its keyframe
	 * interval (60 frames at 29.97 fps are 2.002 s), so the audio rendition is cut at the same
	 * instants as the video and does not drift 2 ms per segment against it.
	 */
	segmentSeconds: number;
}

// A camera's keyframe interval counts as 2 s when it is off by less than this (29.97 fps: 2.002).
const KEYFRAME_TOLERANCE_SECONDS = 0.05;
// Encoders announce NTSC rates rounded; the exact rational keeps segment times from drifting.
const NTSC_RATES: [number, string][] = [
	[24000 / 1001, '24000/1001'],
	[30000 / 1001, '30000/1001'],
	[60000 / 1001, '60000/1001']
];
const DEFAULT_FPS = 25;
// The top rung's size, for a camera whose stream carries no size.
const FALLBACK_HEIGHT = LADDER[0]?.height ?? 720;

function exactRate(fps: number): { value: number; text: string } {
	const ntsc = NTSC_RATES.find(([rate]) => Math.abs(rate - fps) < 0.01);
	if (ntsc) return { value: ntsc[0], text: ntsc[1] };
	const rounded = Math.round(fps * 1000) / 1000;
	return { value: rounded, text: String(rounded) };
}

/** ffmpeg's `scale=-2:h`: the width for height h at the source's aspect, rounded to even. */
function evenWidth(height: number, source: { width: number | null; height: number | null }) {
	const aspect = source.width && source.height ? source.width / source.height : 16 / 9;
	return Math.max(2, Math.round((height * aspect) / 2) * 2);
}

function isH264(codec: string | null): boolean {
	return codec !== null && /^(h\.?264|avc)/i.test(codec.trim());
}

/**
 * Whether the camera's picture can be copied as the top rendition: H.264 of at least 1080 lines
 * with a keyframe every 2 s, so its segments line up with the encoded ones. Encoding 1080p live
 * does not fit 2 cores; copying it costs nothing.
 */
export function canCopyLive(input: LiveInput): boolean {
	const interval = input.keyframeIntervalSeconds;
	return (
		isH264(input.videoCodec) &&
		(input.height ?? 0) >= 1080 &&
		interval !== null &&
		Math.abs(interval - SEGMENT_SECONDS) < KEYFRAME_TOLERANCE_SECONDS
	);
}

/** The live ladder: the copied camera picture (when it qualifies), 720p and 360p, AAC audio. */
export function planLiveLadder(input: LiveInput): LivePlan {
	const fps = exactRate(input.fps && input.fps > 0 ? input.fps : DEFAULT_FPS).value;
	const renditions: LiveRendition[] = [];
	const copy = canCopyLive(input);
	if (input.videoCodec !== null) {
		const height = input.height ?? FALLBACK_HEIGHT;
		if (copy) {
			const width = input.width ?? evenWidth(height, input);
			renditions.push(video(`${height}p`, width, height, null));
		}
		for (const rung of ladderFor(height)) {
			if (renditions.some((r) => r.name === `${rung.height}p`)) continue;
			renditions.push(video(`${rung.height}p`, evenWidth(rung.height, input), rung.height, rung));
		}
	}
	if (input.audioCodec !== null) {
		renditions.push({
			name: 'audio',
			kind: 'audio',
			passthrough: false,
			width: 0,
			height: 0,
			kbps: AUDIO_KBPS
		});
	}
	const gop = Math.round(fps * SEGMENT_SECONDS);
	return { renditions, fps, segmentSeconds: copy ? gop / fps : SEGMENT_SECONDS };
}

function video(name: string, width: number, height: number, rung: Rung | null): LiveRendition {
	const kbps = rung?.videoKbps ?? 0;
	return { name, kind: 'video', passthrough: rung === null, width, height, kbps };
}

function rungOf(r: LiveRendition): Rung {
	const rung = LADDER.find((l) => l.height === r.height);
	if (rung) return rung;
	const small = LADDER[LADDER.length - 1] ?? { height: 360, videoKbps: 800, maxKbps: 856 };
	return { ...small, height: r.height };
}

function liveVideoArgs(plan: LivePlan): { args: string[]; maps: string[] } {
	const videos = plan.renditions.filter((r) => r.kind === 'video');
	const encoded = videos.filter((r) => !r.passthrough);
	const copied = videos.length > encoded.length;
	const args: string[] = [];
	const maps: string[] = copied ? ['-map', '0:v:0'] : [];
	if (copied) args.push('-c:v:0', 'copy');
	if (encoded.length) {
		const split = `[0:v:0]split=${encoded.length}${encoded.map((_, i) => `[s${i}]`).join('')}`;
		const scales = encoded.map((r, i) => `[s${i}]scale=-2:${r.height},setsar=1[v${i}]`);
		args.push('-filter_complex', [split, ...scales].join(';'));
	}
	const gop = String(Math.round(plan.fps * plan.segmentSeconds));
	// Beside a copied camera the encoded renditions take their keyframes where the camera's are,
	// so every rendition's segment N covers the same instants.
	const keyframes = copied ? 'source' : undefined;
	encoded.forEach((r, i) => {
		const index = i + (copied ? 1 : 0);
		maps.push('-map', `[v${i}]`);
		args.push(...encoderArgs(index, rungOf(r), gop, keyframes));
		// No B-frames and no lookahead: a frame leaves the encoder as soon as it is in.
		args.push(`-tune:v:${index}`, 'zerolatency');
	});
	// Keep the camera's frame times: a live encoder's timestamps jitter by a millisecond, and
	// constant-rate output would duplicate or drop frames to make up for it. `vfr` rather than
	// `passthrough`: a frame repeating its predecessor's timestamp is dropped, not handed to x264.
	if (videos.length) args.push('-fps_mode', 'vfr');
	return { args, maps };
}

function variantMap(plan: LivePlan): string {
	const hasAudio = plan.renditions.some((r) => r.kind === 'audio');
	const hasVideo = plan.renditions.some((r) => r.kind === 'video');
	let v = 0;
	return plan.renditions
		.map((r) =>
			r.kind === 'video'
				? `v:${v++},${hasAudio ? 'agroup:audio,' : ''}name:${r.name}`
				: `a:0,${hasVideo ? 'agroup:audio,default:yes,' : ''}name:${r.name}`
		)
		.join(' ');
}

/**
 * ffmpeg arguments for the live ladder from FLV on stdin. Each rendition goes to
 * `<outDir>/<name>/index.m3u8` with `segment-%05d.m4s`; its init segment is `init.mp4` when
 * there is one rendition and `init_<n>.mp4` otherwise (ffmpeg 5.1 numbers them per variant;
 * the transcoder copies it to `init.mp4`). `temp_file` writes each segment and playlist under
 * `.tmp` and renames it when complete, so a half-written segment never has its final name.
 * Progress (speed) comes on stdout.
 */
export function buildLiveArgs(outDir: string, plan: LivePlan): string[] {
	assertOurPath(outDir);
	// The RTMP server's bytes are FLV and nothing else: no probing, no other protocol.
	const args = [...QUIET, ...words('-protocol_whitelist pipe -format_whitelist flv')];
	args.push(...words('-f flv -i pipe:0'));
	const { args: videoArgs, maps } = liveVideoArgs(plan);
	args.push(...videoArgs);
	if (plan.renditions.some((r) => r.kind === 'audio')) {
		maps.push('-map', '0:a:0');
		args.push(...words(`-c:a aac -b:a ${AUDIO_KBPS}k -ac 2 -ar 48000`));
	}
	// Camera and encoder metadata (device names, software) has no place in a public stream.
	args.push(...maps, '-map_metadata', '-1', '-map_chapters', '-1');
	args.push('-f', 'hls', '-hls_time', plan.segmentSeconds.toFixed(6));
	args.push(...words('-hls_list_size 0 -hls_playlist_type event'));
	args.push(...words('-hls_segment_type fmp4 -hls_fmp4_init_filename init.mp4'));
	args.push(...words('-hls_flags independent_segments+temp_file'));
	args.push('-hls_segment_filename', path.join(outDir, '%v', 'segment-%05d.m4s'));
	args.push('-var_stream_map', variantMap(plan));
	args.push(...words('-progress pipe:1 -nostats'), path.join(outDir, '%v', 'index.m3u8'));
	return args;
}

export interface SlateTarget {
	kind: 'video' | 'audio';
	width: number;
	height: number;
	fps: number;
	/** Length in video frames; default SLATE_SECONDS worth (a shorter slate ends a gap exactly). */
	frames?: number;
}

export const SLATE_SECONDS = 2;
// A still compresses to almost nothing at this quality; no bit rate cap is needed.
const SLATE_CRF = 23;

function slateVideoArgs(picture: string, target: SlateTarget): string[] {
	assertOurPath(picture);
	const rate = exactRate(target.fps);
	const frames = target.frames ?? Math.round(rate.value * SLATE_SECONDS);
	const size = `${target.width}:${target.height}`;
	return [
		...words('-protocol_whitelist file -format_whitelist image2'),
		...words(`-f image2 -pattern_type none -loop 1 -framerate ${rate.text}`),
		...['-i', `file:${picture}`],
		...words(`-frames:v ${frames} -vf scale=${size},setsar=1,format=yuv420p`),
		...words('-c:v libx264 -preset veryfast -tune stillimage -profile:v main -pix_fmt yuv420p'),
		...words(`-g ${frames} -crf ${SLATE_CRF}`)
	];
}

// The AAC encoder puts 1024 samples of priming before the first real one, and the fMP4 segment
// keeps them (no edit list): so 2 s minus one frame of silence make a segment of exactly 2.000 s.
const AAC_PRIMING_SECONDS = 1024 / 48000;

function slateAudioArgs(target: SlateTarget): string[] {
	const length = target.frames ? target.frames / exactRate(target.fps).value : SLATE_SECONDS;
	const seconds = Math.max(AAC_PRIMING_SECONDS, length - AAC_PRIMING_SECONDS).toFixed(6);
	return [
		...words('-format_whitelist lavfi -f lavfi -i anullsrc=r=48000:cl=stereo'),
		...words(`-t ${seconds} -c:a aac -b:a ${AUDIO_KBPS}k -ac 2 -ar 48000`)
	];
}

/**
 * A slate for ONE rendition: 2.000 s of a still picture (video: at the rendition's size and
 * frame rate, H.264 Main like the encoded ladder) or of silence (audio: AAC stereo 48 kHz), as
 * `<dir>/init.mp4` and one segment. The HLS muxer insists on a numbered segment name and writes
 * a playlist; the caller renames `segment` to `segment.m4s` and removes `playlist`.
 */
export function buildSlateArgs(
	dir: string,
	target: SlateTarget,
	picture?: string
): { args: string[]; segment: string; playlist: string } {
	assertOurPath(dir);
	if (target.kind === 'video' && !picture) throw new Error('Slate picture missing');
	const input = target.kind === 'video' ? slateVideoArgs(picture!, target) : slateAudioArgs(target);
	const playlist = path.join(dir, 'slate.m3u8');
	const args = [
		...QUIET,
		...input,
		...words('-map_metadata -1 -f hls -hls_time 10 -hls_playlist_type vod'),
		...words('-hls_segment_type fmp4 -hls_fmp4_init_filename init.mp4'),
		...words('-hls_flags independent_segments'),
		...['-hls_segment_filename', path.join(dir, 'slate-%d.m4s'), playlist]
	];
	return { args, segment: path.join(dir, 'slate-0.m4s'), playlist };
}
