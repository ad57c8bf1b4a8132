/**
 * Live streaming vocabulary shared by the clerk console, the live page and the server.
 * Times are wall-clock unless a name ends in `Ms` (milliseconds on the recording's time axis,
 * which starts at the clerk's "Sitzung beginnen").
 */

/** nonpublic: closed session; consent: a speaker without consent; unknown: fail-closed state. */
export type LiveRangeKind = 'nonpublic' | 'consent' | 'unknown';
export type LiveRangeSource = 'live' | 'item' | 'edit' | 'system';

/** What a published slot holds: the camera, a slate (three kinds) or a re-encoded cut. */
export type SlotKind = 'media' | 'nonpublic' | 'consent' | 'gap' | 'cut';
export const SLATE_KINDS = ['nonpublic', 'consent', 'gap'] as const;
export type SlateKind = (typeof SLATE_KINDS)[number];

export type RetentionMode = 'days' | 'term' | 'keep';

/** The broadcast as residents see it. */
export type BroadcastPhase = 'waiting' | 'live' | 'ended';

/**
 * lowDisk: media storage below LIVE_MIN_FREE_GB; keyframeInterval: not 2 s (no 1080p copy,
 * later segments uneven); lowBitrate / highBitrate: outside what a council camera should send;
 * noAudio / noVideo: a stream is missing; slowTranscode: the ladder falls behind real time;
 * stalled: no new segment for several seconds although the encoder is connected.
 */
export const LIVE_WARNINGS = [
	'lowDisk',
	'keyframeInterval',
	'lowBitrate',
	'highBitrate',
	'noAudio',
	'noVideo',
	'slowTranscode',
	'stalled'
] as const;
export type LiveWarning = (typeof LIVE_WARNINGS)[number];

/** Why the ingest refused or dropped an encoder. */
export type IngestRefusalCode =
	'badKey' | 'busy' | 'notAllowed' | 'codec' | 'protocol' | 'timeout' | 'overload' | 'disk';

/** Encoder health written by the ingest (live_streams.ingest). */
export interface IngestHealth {
	connected: boolean;
	sessionId: string | null;
	connectedAt: string | null;
	bitrateKbps: number | null;
	width: number | null;
	height: number | null;
	fps: number | null;
	videoCodec: string | null;
	audioCodec: string | null;
	keyframeIntervalSeconds: number | null;
	/** Wall-clock time the newest segment was complete (ISO). */
	lastSegmentAt: string | null;
	/** Free bytes in the media storage's file system. */
	freeBytes: number | null;
	/** Warning codes for the console (LIVE_WARNINGS); the console words them. */
	warnings: LiveWarning[];
	/** The last refused connection (wrong key, second encoder, codec), for the console. */
	lastRefusal: { at: string; code: IngestRefusalCode } | null;
}

export const EMPTY_HEALTH: IngestHealth = {
	connected: false,
	sessionId: null,
	connectedAt: null,
	bitrateKbps: null,
	width: null,
	height: null,
	fps: null,
	videoCodec: null,
	audioCodec: null,
	keyframeIntervalSeconds: null,
	lastSegmentAt: null,
	freeBytes: null,
	warnings: [],
	lastRefusal: null
};
