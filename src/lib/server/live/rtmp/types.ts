import type { Readable } from 'node:stream';
import type { Logger } from '../../log.ts';

/** Why a connection never became, or stopped being, a live session. */
export type IngestRefusal =
	'badKey' | 'busy' | 'notAllowed' | 'codec' | 'protocol' | 'timeout' | 'overload';

/** 'ended': the encoder unpublished; 'dropped': the TCP connection went away without that;
 * 'closed': session.close() or the server's close(). */
export type IngestCloseReason = IngestRefusal | 'ended' | 'dropped' | 'closed';

export type Authorization =
	| { ok: true; meetingId: string }
	/** message: German, sent to the encoder and to onRefused. */
	| { ok: false; code: 'badKey' | 'notAllowed'; message: string };

export interface IngestStats {
	/** TCP accept. */
	connectedAt: Date;
	/** Publish accepted. */
	publishedAt: Date | null;
	/** Wall clock when the first media tag arrived; that tag has FLV timestamp 0. */
	firstMediaAt: Date | null;
	/** Every byte read from the socket, handshake included. */
	bytesReceived: number;
	/** Audio and video payload over the last 5 s. */
	bitrateKbps: number;
	videoCodec: string | null;
	audioCodec: string | null;
	width: number | null;
	height: number | null;
	fps: number | null;
	/** Median of the last 5 keyframe intervals. */
	keyframeIntervalSeconds: number | null;
	lastMediaAt: Date | null;
	/** FLV bytes not yet read by the consumer. */
	bufferedBytes: number;
}

export interface IngestSession {
	readonly id: string;
	readonly meetingId: string;
	/** An FLV file: header, onMetaData (width/height/framerate only), then the tags with
	 * timestamps rebased so the first media tag is 0. Ends when the session closes. */
	readonly flv: Readable;
	stats(): IngestStats;
	/** Drops the encoder connection and ends flv; reason goes to the log only. */
	close(reason?: string): void;
	/** Fires exactly once; also when the session closed before the listener was added. */
	once(event: 'close', fn: (reason: IngestCloseReason) => void): void;
}

export interface IngestLimits {
	/** From TCP accept until C2 is in. */
	handshakeMs: number;
	/** From TCP accept until the publish is accepted. */
	publishMs: number;
	/** No byte from the encoder for this long after publish: it vanished. */
	idleMs: number;
	maxChunkSize: number;
	maxMessageBytes: number;
	/** FLV not yet read by the consumer; above it the session closes with 'overload'. */
	maxBufferedBytes: number;
	maxConnections: number;
	/** A new publish for a meeting replaces its session when that one has been silent this long:
	 * an encoder that lost its network reconnects before the old TCP connection times out. */
	staleMs: number;
}

export interface RtmpServerOptions {
	/** Port 0 picks any free port (tests). */
	host: string;
	port: number;
	/** Decides on the publish name (the key, `?query` stripped) and the connect app. */
	authorize(streamKey: string, app: string): Promise<Authorization>;
	onSession(session: IngestSession): void | Promise<void>;
	/** Every refusal, before or after a session started (a codec refusal comes with the first
	 * media, after onSession). meetingId is null when the key was never accepted. */
	onRefused?(e: { meetingId: string | null; code: IngestRefusal; message: string }): void;
	/** Never receives the key. */
	log: Logger;
	limits?: Partial<IngestLimits>;
}

export interface RtmpServer {
	port: number;
	/** Stops listening and ends every connection and session ('closed'). */
	close(): Promise<void>;
	sessions(): IngestSession[];
}

export const DEFAULT_LIMITS: IngestLimits = {
	handshakeMs: 5_000,
	publishMs: 15_000,
	idleMs: 10_000,
	// 64 KiB is far above the 4096 bytes OBS and ffmpeg use and bounds one chunk's buffer.
	maxChunkSize: 64 * 1024,
	// A 1080p keyframe at 10 Mbit/s is well under 2 MiB; 8 MiB leaves room for 4K encoders.
	maxMessageBytes: 8 * 1024 * 1024,
	maxBufferedBytes: 64 * 1024 * 1024,
	maxConnections: 32,
	// Encoders send audio and video many times a second; 4 s of silence is a dead connection.
	staleMs: 4_000
};
