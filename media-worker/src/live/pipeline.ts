import type { Readable } from 'node:stream';
import type { Logger } from '../../../src/lib/server/log.ts';
import type { IngestStats } from '../../../src/lib/server/live/rtmp/server.ts';
import type { SlateKind } from '../../../src/lib/live/types.ts';

/**
 * What the publisher needs from the transcoder and the slate maker, written as its own small
 * contract so the publisher can be tested with a fake segment source and wired to the real
 * ffmpeg ladder (src/lib/server/live/transcoder.ts, slates.ts) in one place (default-pipeline.ts).
 */

/** A segment complete in every rendition (files are ffmpeg's, in the session's work folder). */
export interface LiveSegment {
	index: number;
	/** From the session's first media frame (FLV timestamp 0). */
	startSeconds: number;
	durationSeconds: number;
	/** Absolute path per rendition name. */
	files: Record<string, string>;
}

export interface LiveRenditionPlan {
	name: string;
	kind: 'video' | 'audio';
	width: number | null;
	height: number | null;
	/** The camera's H.264 copied instead of re-encoded. */
	passthrough: boolean;
	/** Nominal bit rate in bits per second (video plus its share), for the master playlist. */
	bandwidth: number;
}

export interface LiveTranscoder {
	renditions: LiveRenditionPlan[];
	/** Frame rate of the video renditions (slates are made at the same rate). */
	fps: number;
	segments: AsyncIterable<LiveSegment>;
	/** Where ffmpeg wrote (or will write) the rendition's init segment. */
	initPath(rendition: string): string;
	/** ffmpeg's speed (1 = real time), null while unknown. */
	speed(): number | null;
	/** Ends the input and waits for ffmpeg; the segment iterable ends after the last segment. */
	stop(): Promise<void>;
}

export interface LivePipeline {
	startTranscoder(
		flv: Readable,
		outDir: string,
		input: IngestStats,
		log: Logger
	): Promise<LiveTranscoder>;
	/**
	 * Writes `<outDir>/<kind>/<R>/{init.mp4,segment.m4s}` for every slate kind and rendition
	 * (2 s each); with `short`, only that kind, `frames` long (the last piece of a gap).
	 */
	prepareSlates(
		outDir: string,
		renditions: LiveRenditionPlan[],
		fps: number,
		short?: { kind: SlateKind; frames: number }
	): Promise<void>;
}
