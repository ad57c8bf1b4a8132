import { MediaRejectedError, type MediaProbe } from './ffmpeg-types.ts';

/** Reading ffprobe's JSON and judging it; the ffprobe arguments themselves live in ffmpeg.ts. */

const VIDEO_CODECS = new Set(['h264', 'hevc', 'vp8', 'vp9', 'av1', 'mpeg4', 'prores']);
const AUDIO_CODECS = new Set(['aac', 'mp3', 'opus', 'vorbis']);

interface ProbeStream {
	index: number;
	codec_type?: string;
	codec_name?: string;
	width?: number;
	height?: number;
	avg_frame_rate?: string;
	r_frame_rate?: string;
	profile?: string;
	pix_fmt?: string;
	channels?: number;
	sample_rate?: string;
	disposition?: { attached_pic?: number };
}

function parseRate(rate: string | undefined): number | null {
	const [n = NaN, d = 1] = (rate ?? '').split('/').map(Number);
	const fps = n / d;
	return Number.isFinite(fps) && fps > 0 && fps < 1000 ? fps : null;
}

export interface ProbeJson {
	format?: { duration?: string; format_name?: string };
	streams?: ProbeStream[];
}

export function describeProbe(json: ProbeJson): MediaProbe {
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
					fps: parseRate(v.avg_frame_rate) ?? parseRate(v.r_frame_rate),
					profile: v.profile ?? '',
					pixFmt: v.pix_fmt ?? ''
				}
			: null,
		audio: a
			? { codec: a.codec_name ?? '', channels: a.channels ?? 0, sampleRate: Number(a.sample_rate) }
			: null,
		streams: { video: v?.index ?? null, audio: a?.index ?? null }
	};
}

export function checkProbe(probe: MediaProbe, maxDurationSeconds: number): void {
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

/** Keyframe times (s) from ffprobe's packet list; packets without a time are skipped. */
export function keyframeTimes(json: {
	packets?: { pts_time?: string; flags?: string }[];
}): number[] {
	return (json.packets ?? [])
		.filter((p) => p.flags?.includes('K') && p.pts_time !== undefined)
		.map((p) => Number(p.pts_time))
		.filter((t) => Number.isFinite(t))
		.sort((a, b) => a - b);
}

/** True when keyframes come every `seconds` (within `tolerance`), counted from the first one. */
export function keyframesEvery(times: number[], seconds: number, tolerance = 0.05): boolean {
	if (times.length === 0) return false;
	for (let i = 1; i < times.length; i++) {
		if (Math.abs(times[i]! - times[i - 1]! - seconds) > tolerance) return false;
	}
	return true;
}
