/** Errors and result types of the ffmpeg layer; the arguments themselves live in ffmpeg.ts. */
export type MediaRejection =
	| 'notAFile'
	| 'empty'
	| 'tooBig'
	| 'tooLong'
	| 'container'
	| 'unreadable'
	| 'noStreams'
	| 'videoCodec'
	| 'audioCodec'
	| 'truncated';

export class MediaRejectedError extends Error {
	readonly reason: MediaRejection;
	constructor(reason: MediaRejection, message: string) {
		super(message);
		this.name = 'MediaRejectedError';
		this.reason = reason;
	}
}

export class FfmpegMissingError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FfmpegMissingError';
	}
}

export class FfmpegFailedError extends Error {
	readonly command: string;
	readonly stderrTail: string[];
	constructor(message: string, command: string, stderrTail: string[]) {
		super(`${message}\n${stderrTail.join('\n')}`);
		this.name = 'FfmpegFailedError';
		this.command = command;
		this.stderrTail = stderrTail;
	}
}

export class FfmpegAbortedError extends Error {
	readonly command: string;
	constructor(command: string) {
		super('Umwandlung abgebrochen.');
		this.name = 'FfmpegAbortedError';
		this.command = command;
	}
}

export interface FfmpegTools {
	ffmpeg: string;
	ffprobe: string;
	version: string;
}

export type FfmpegLookup = ({ ok: true } & FfmpegTools) | { ok: false; message: string };

export interface MediaProbe {
	durationSeconds: number;
	formatName: string;
	video: {
		codec: string;
		width: number;
		height: number;
		fps: number | null;
		/** As ffprobe names them, e.g. "High" and "yuv420p"; empty when unknown. */
		profile: string;
		pixFmt: string;
	} | null;
	audio: { codec: string; channels: number; sampleRate: number } | null;
	/** Stream indexes in the file, so the transcoder maps exactly the streams that were checked. */
	streams: { video: number | null; audio: number | null };
}

/** One rendition of a finished HLS archive, in master playlist order (RenditionInfo in the db). */
export interface HlsRendition {
	/** Its folder in the archive: "1080p", "720p", "360p" or "audio". */
	name: string;
	width: number;
	height: number;
	/** Peak segment bit rate in bit/s, audio included for video renditions (RFC 8216 4.3.4.2). */
	bandwidth: number;
	/** RFC 6381 codec string as written into the master playlist. */
	codecs: string;
	/** True when the source's H.264 was copied instead of re-encoded. */
	passthrough: boolean;
}

export interface HlsArchive {
	command: string;
	masterPlaylist: string;
	renditions: HlsRendition[];
	/** Length of the written archive (its first video rendition, else the audio). */
	durationSeconds: number;
}

export interface TranscodeProgress {
	seconds: number;
	fraction: number;
	speed: number | null;
}
