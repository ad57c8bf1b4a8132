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
	| 'audioCodec';

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
	video: { codec: string; width: number; height: number; fps: number | null } | null;
	audio: { codec: string; channels: number; sampleRate: number } | null;
	/** Stream indexes in the file, so the transcoder maps exactly the streams that were checked. */
	streams: { video: number | null; audio: number | null };
}
