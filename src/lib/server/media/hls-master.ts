import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HlsRendition } from './ffmpeg-types.ts';

/**
 * Writes the master playlist of a finished HLS ladder from what is on disk. ffmpeg 5.1 leaves
 * CODECS out for a copied stream and derives BANDWIDTH from the requested bit rate (for a copied
 * stream from a guess), while RFC 8216 4.3.4.2 asks for the peak segment bit rate and for the
 * codecs of every stream. So both are measured here: codecs from the avcC box of each init
 * segment, bit rates from the segment sizes and durations in each media playlist.
 */

export interface PlannedRendition {
	name: string;
	kind: 'video' | 'audio';
	passthrough: boolean;
}

interface Segment {
	duration: number;
	bytes: number;
}

export interface MeasuredRendition extends PlannedRendition {
	width: number;
	height: number;
	codecs: string;
	peakBps: number;
	averageBps: number;
	durationSeconds: number;
	segmentDurations: number[];
}

const AAC_LC = 'mp4a.40.2';
const TARGET_SECONDS = 2;

/** ffmpeg names init files `init_<n>.mp4` when there are several variants; one name is simpler. */
async function normaliseInit(dir: string, playlist: string): Promise<string> {
	const match = /#EXT-X-MAP:URI="([^"/]+)"/.exec(playlist);
	if (!match?.[1] || match[1] === 'init.mp4') return playlist;
	await rename(path.join(dir, match[1]), path.join(dir, 'init.mp4'));
	return playlist.replace(match[0], '#EXT-X-MAP:URI="init.mp4"');
}

async function readSegments(dir: string, playlist: string): Promise<Segment[]> {
	const segments: Segment[] = [];
	let duration: number | null = null;
	for (const line of playlist.split('\n')) {
		const extinf = /^#EXTINF:([\d.]+)/.exec(line);
		if (extinf) duration = Number(extinf[1]);
		else if (duration !== null && line.trim() && !line.startsWith('#')) {
			const { size } = await stat(path.join(dir, path.basename(line.trim())));
			segments.push({ duration, bytes: size });
			duration = null;
		}
	}
	return segments;
}

/** RFC 8216 4.3.4.2: the largest bit rate of contiguous segments lasting 0.5-1.5 target durations. */
export function peakBitrate(segments: Segment[], target = TARGET_SECONDS): number {
	let peak = 0;
	for (let i = 0; i < segments.length; i++) {
		let seconds = 0;
		let bytes = 0;
		for (let j = i; j < segments.length; j++) {
			seconds += segments[j]!.duration;
			bytes += segments[j]!.bytes;
			if (seconds > 1.5 * target) break;
			if (seconds >= 0.5 * target) peak = Math.max(peak, (bytes * 8) / seconds);
		}
	}
	if (peak === 0 && segments.length) {
		const total = segments.reduce((a, s) => a + s.duration, 0);
		peak = (segments.reduce((a, s) => a + s.bytes, 0) * 8) / Math.max(total, 0.001);
	}
	return Math.ceil(peak);
}

/** Finds an MP4 box by its type anywhere in the buffer (init segments are a few hundred bytes). */
function findBox(buf: Buffer, type: string): { start: number; size: number } | null {
	const at = buf.indexOf(type, 0, 'latin1');
	if (at < 4) return null;
	return { start: at - 4, size: buf.readUInt32BE(at - 4) };
}

/** RFC 6381 `avc1.PPCCLL` from the AVCDecoderConfigurationRecord: profile, constraints, level. */
export function avcCodecString(init: Buffer): string | null {
	const box = findBox(init, 'avcC');
	if (!box || box.start + 12 > init.length) return null;
	const hex = (o: number) =>
		init
			.readUInt8(box.start + 8 + o)
			.toString(16)
			.padStart(2, '0');
	return `avc1.${hex(1)}${hex(2)}${hex(3)}`;
}

/** Display size from the track header (16.16 fixed-point width and height at its end). */
function trackSize(init: Buffer): { width: number; height: number } {
	const box = findBox(init, 'tkhd');
	if (!box || box.start + box.size > init.length) return { width: 0, height: 0 };
	const end = box.start + box.size;
	return {
		width: Math.round(init.readUInt32BE(end - 8) / 65536),
		height: Math.round(init.readUInt32BE(end - 4) / 65536)
	};
}

async function measure(outDir: string, planned: PlannedRendition): Promise<MeasuredRendition> {
	const dir = path.join(outDir, planned.name);
	const file = path.join(dir, 'index.m3u8');
	const playlist = await normaliseInit(dir, await readFile(file, 'utf8'));
	await writeFile(file, playlist);
	const segments = await readSegments(dir, playlist);
	const durationSeconds = segments.reduce((a, s) => a + s.duration, 0);
	const bytes = segments.reduce((a, s) => a + s.bytes, 0);
	const init = await readFile(path.join(dir, 'init.mp4'));
	const size = planned.kind === 'video' ? trackSize(init) : { width: 0, height: 0 };
	const codecs = planned.kind === 'video' ? avcCodecString(init) : AAC_LC;
	if (!codecs) throw new Error(`Kein H.264-Init-Segment in ${planned.name}`);
	return {
		...planned,
		...size,
		codecs,
		peakBps: peakBitrate(segments),
		averageBps: Math.ceil((bytes * 8) / Math.max(durationSeconds, 0.001)),
		durationSeconds,
		segmentDurations: segments.map((s) => s.duration)
	};
}

function streamInf(r: MeasuredRendition, audio: MeasuredRendition | undefined, fps: number | null) {
	const attrs = [
		`BANDWIDTH=${r.peakBps + (audio?.peakBps ?? 0)}`,
		`AVERAGE-BANDWIDTH=${r.averageBps + (audio?.averageBps ?? 0)}`
	];
	if (r.kind === 'video') attrs.push(`RESOLUTION=${r.width}x${r.height}`);
	attrs.push(`CODECS="${[r.codecs, audio?.codecs].filter(Boolean).join(',')}"`);
	if (r.kind === 'video' && fps) attrs.push(`FRAME-RATE=${fps.toFixed(3)}`);
	if (audio) attrs.push('AUDIO="audio"');
	return `#EXT-X-STREAM-INF:${attrs.join(',')}\n${r.name}/index.m3u8`;
}

/**
 * Measures every rendition in `outDir`, rewrites their playlists to name `init.mp4` and writes
 * `master.m3u8`: video variants best first, sharing one AAC rendition group; an audio-only
 * archive gets the audio playlist as its only variant.
 */
export async function writeMasterPlaylist(
	outDir: string,
	planned: PlannedRendition[],
	fps: number | null
): Promise<{ renditions: HlsRendition[]; measured: MeasuredRendition[] }> {
	const measured = await Promise.all(planned.map((p) => measure(outDir, p)));
	const videos = measured.filter((m) => m.kind === 'video');
	const audio = measured.find((m) => m.kind === 'audio');
	const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
	if (audio && videos.length) {
		lines.push(
			'#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Ton",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="audio/index.m3u8"'
		);
	}
	if (videos.length) for (const v of videos) lines.push(streamInf(v, audio, fps));
	else if (audio) lines.push(streamInf(audio, undefined, null));
	await writeFile(path.join(outDir, 'master.m3u8'), `${lines.join('\n')}\n`);
	const renditions = measured.map((m) => ({
		name: m.name,
		width: m.width,
		height: m.height,
		bandwidth: m.kind === 'video' ? m.peakBps + (audio?.peakBps ?? 0) : m.peakBps,
		codecs: m.kind === 'video' && audio ? `${m.codecs},${audio.codecs}` : m.codecs,
		passthrough: m.passthrough
	}));
	return { renditions, measured };
}
