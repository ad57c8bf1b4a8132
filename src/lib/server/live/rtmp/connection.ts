import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { Logger } from '../../log.ts';
import { AmfError, decodeAmf0, type AmfValue } from './amf0.ts';
import {
	ChunkReader,
	MessageType,
	RtmpProtocolError,
	encodeMessage,
	type RtmpMessage
} from './chunks.ts';
import * as cmd from './commands.ts';
import { Handshake } from './handshake.ts';
import { ingestMessages } from './messages.ts';
import { MediaWriter } from './media.ts';
import { StatsTracker } from './stats.ts';
import type {
	Authorization,
	IngestCloseReason,
	IngestLimits,
	IngestRefusal,
	IngestSession,
	IngestStats,
	RtmpServerOptions
} from './types.ts';

/** What a connection needs from its server: options, limits and the one-encoder-per-meeting rule. */
export interface ConnectionContext {
	opts: RtmpServerOptions;
	limits: IngestLimits;
	log: Logger;
	claim(meetingId: string, session: RtmpConnection): boolean;
	release(connection: RtmpConnection): void;
}

type State = 'handshake' | 'handshaken' | 'connected' | 'authorizing' | 'publishing' | 'closed';

// Long enough for OBS's stream keys (UUID-like) and any token scheme; longer is abuse.
const MAX_KEY_LENGTH = 512;
// After a refusal the socket is ended gracefully so the onStatus reaches the encoder; a peer that
// never closes its side is cut off after this.
const LINGER_MS = 2_000;

/**
 * One TCP connection from an encoder: handshake, chunk stream, commands, and once the publish is
 * accepted, the live session whose FLV the transcoder reads.
 */
export class RtmpConnection implements IngestSession {
	readonly id = randomUUID();
	meetingId = '';
	readonly flv = new Readable({ read() {}, highWaterMark: 1024 * 1024 });
	private state: State = 'handshake';
	private readonly tracker = new StatsTracker();
	private readonly handshake = new Handshake();
	private readonly reader: ChunkReader;
	private readonly media: MediaWriter;
	private readonly queue: RtmpMessage[] = [];
	private draining = false;
	private outChunkSize = 128;
	private peerWindow = 0;
	private lastAck = 0;
	private app = '';
	private nextStreamId = 1;
	private unpublished = false;
	private lastDataAt = Date.now();
	private closeReason: IngestCloseReason | null = null;
	private readonly closeListeners: ((reason: IngestCloseReason) => void)[] = [];
	private readonly timers: NodeJS.Timeout[] = [];
	private idleTimer: NodeJS.Timeout | undefined;
	private log: Logger;

	private readonly socket: Socket;
	private readonly ctx: ConnectionContext;

	constructor(socket: Socket, ctx: ConnectionContext) {
		this.socket = socket;
		this.ctx = ctx;
		this.log = ctx.log.child({ connection: this.id, remote: socket.remoteAddress });
		this.reader = new ChunkReader(ctx.limits);
		this.media = new MediaWriter(this.flv, this.tracker);
		this.timers.push(
			setTimeout(() => this.timeout('handshake'), ctx.limits.handshakeMs),
			setTimeout(() => this.timeout('publish'), ctx.limits.publishMs)
		);
		socket.setNoDelay(true);
		socket.on('data', (data: Buffer) => this.onData(data));
		socket.on('error', (err) => this.log.debug('RTMP-Socketfehler', { error: err.message }));
		socket.on('close', () => this.finish(this.unpublished ? 'ended' : 'dropped'));
	}

	stats(): IngestStats {
		return this.tracker.snapshot(this.flv.readableLength);
	}

	close(reason = 'closed') {
		this.log.info('RTMP-Sitzung wird beendet', { reason });
		this.finish('closed');
	}

	once(_event: 'close', fn: (reason: IngestCloseReason) => void) {
		const reason = this.closeReason;
		if (reason) queueMicrotask(() => fn(reason));
		else this.closeListeners.push(fn);
	}

	get isPublishing() {
		return this.state === 'publishing';
	}

	/** Milliseconds since the last byte from the encoder. */
	get silentMs() {
		return Date.now() - this.lastDataAt;
	}

	/** Ends a session whose encoder is gone (superseded by its reconnect). */
	drop() {
		this.finish('dropped');
	}

	private onData(data: Buffer) {
		if (this.state === 'closed') return;
		this.tracker.bytesReceived += data.length;
		this.idleTimer?.refresh();
		this.lastDataAt = Date.now();
		try {
			if (this.state === 'handshake') {
				const step = this.handshake.push(data);
				if (step.reply) this.socket.write(step.reply);
				if (!step.done) return;
				this.state = 'handshaken';
				clearTimeout(this.timers[0]);
				data = step.rest;
			}
			this.acknowledge();
			this.enqueue(this.reader.push(data));
		} catch (err) {
			this.fail(err);
		}
	}

	/** Acknowledgement per the peer's window (section 5.4.3); ffmpeg stalls without it. */
	private acknowledge() {
		const received = this.tracker.bytesReceived;
		if (this.peerWindow > 0 && received - this.lastAck >= this.peerWindow) {
			this.lastAck = received;
			this.send(cmd.acknowledgement(received));
		}
	}

	private enqueue(messages: RtmpMessage[]) {
		this.queue.push(...messages);
		if (!this.draining) void this.drain();
	}

	// Messages are handled strictly in order; only publish awaits (authorize), and the socket is
	// paused meanwhile so nothing piles up.
	private async drain() {
		this.draining = true;
		try {
			while (this.queue.length && this.state !== 'closed') {
				const pending = this.handle(this.queue.shift()!);
				if (pending) await pending;
			}
		} catch (err) {
			this.fail(err);
		} finally {
			this.draining = false;
		}
	}

	private handle(m: RtmpMessage): Promise<void> | void {
		switch (m.typeId) {
			case MessageType.windowAckSize:
				if (m.payload.length >= 4) this.peerWindow = m.payload.readUInt32BE(0);
				// The rest of this read may already exceed the new window.
				this.acknowledge();
				return;
			case MessageType.commandAmf3:
				return this.command(decodeAmf0(m.payload.subarray(1)), m.streamId);
			case MessageType.commandAmf0:
				return this.command(decodeAmf0(m.payload), m.streamId);
			case MessageType.audio:
			case MessageType.video:
				if (this.state === 'publishing') this.onMedia(m);
				return;
			case MessageType.dataAmf3:
			case MessageType.dataAmf0:
				if (this.state === 'publishing') this.onData18(m);
				return;
		}
	}

	private command(values: AmfValue[], streamId: number): Promise<void> | void {
		const [name, transactionId] = values;
		const txn = typeof transactionId === 'number' ? transactionId : 0;
		switch (name) {
			case 'connect':
				return this.connect(values[2], txn);
			case 'createStream':
				this.requireState('connected', 'createStream');
				this.send(cmd.createStreamResult(txn, this.nextStreamId++));
				return;
			case 'releaseStream':
			case 'FCPublish':
				// ffmpeg and librtmp need no answer; some hardware encoders wait for one (SRS and FMS
				// send it), and both tested clients ignore it.
				if (this.state === 'connected') this.send(cmd.emptyResult(txn));
				return;
			case 'publish':
				return this.publish(values[3], streamId);
			case 'FCUnpublish':
			case 'deleteStream':
			case 'closeStream':
				if (this.state === 'publishing') {
					this.unpublished = true;
					this.finish('ended');
				}
				return;
			default:
				// _checkbw, getStreamLength, ...: not needed to publish.
				this.log.debug('RTMP-Befehl ignoriert', { command: String(name).slice(0, 40) });
		}
	}

	private requireState(state: State, what: string) {
		if (this.state !== state) throw new RtmpProtocolError(`${what} im Zustand ${this.state}.`);
	}

	private connect(options: AmfValue, txn: number) {
		this.requireState('handshaken', 'connect');
		const app = options && typeof options === 'object' && 'app' in options ? options.app : '';
		this.app = typeof app === 'string' ? app.slice(0, 256) : '';
		this.state = 'connected';
		for (const m of cmd.connectAccepted(txn)) {
			this.send(m);
			// The peer reads everything after Set Chunk Size with the new size.
			if (m.typeId === MessageType.setChunkSize) this.outChunkSize = m.payload.readUInt32BE(0);
		}
	}

	private async publish(nameValue: AmfValue, streamId: number) {
		this.requireState('connected', 'publish');
		const key = typeof nameValue === 'string' ? nameValue.replace(/\?.*$/s, '') : '';
		this.state = 'authorizing';
		this.socket.pause();
		const auth = await this.authorize(key);
		if (this.state !== 'authorizing') return; // closed while we waited
		this.socket.resume();
		if (!auth.ok) return this.refuse(auth.code, auth.message, streamId);
		if (!this.ctx.claim(auth.meetingId, this)) {
			return this.refuse('busy', ingestMessages.busy, streamId, auth.meetingId);
		}
		this.meetingId = auth.meetingId;
		this.log = this.log.child({ meetingId: this.meetingId });
		this.state = 'publishing';
		this.tracker.publishedAt = new Date();
		clearTimeout(this.timers[1]);
		this.idleTimer = setTimeout(() => this.timeout('idle'), this.ctx.limits.idleMs);
		this.send(cmd.streamBegin(streamId));
		this.send(cmd.onStatus(streamId, 'status', 'NetStream.Publish.Start', 'Sendung läuft.'));
		this.log.info('RTMP-Encoder sendet', { app: this.app });
		this.startSession();
	}

	// Not awaited: media keeps flowing into flv (buffered until the consumer reads) while the
	// caller sets up its transcoder, instead of piling up unparsed in our queue.
	private startSession() {
		const failed = (err: unknown) => {
			this.log.error('onSession ist fehlgeschlagen', { error: err });
			this.finish('closed');
		};
		try {
			const pending = this.ctx.opts.onSession(this);
			if (pending) pending.catch(failed);
		} catch (err) {
			failed(err);
		}
	}

	private async authorize(key: string): Promise<Authorization> {
		if (!key || key.length > MAX_KEY_LENGTH) {
			return { ok: false, code: 'badKey', message: ingestMessages.badKey };
		}
		try {
			return await this.ctx.opts.authorize(key, this.app);
		} catch (err) {
			this.log.error('Prüfung des Stream-Schlüssels ist fehlgeschlagen', { error: err });
			return { ok: false, code: 'notAllowed', message: ingestMessages.authorizeFailed };
		}
	}

	private onMedia(m: RtmpMessage) {
		const refusal = this.media.write(m.typeId, m.timestamp, m.payload);
		if (refusal) return this.refuse('codec', refusal, m.streamId, this.meetingId);
		if (this.flv.readableLength > this.ctx.limits.maxBufferedBytes) {
			this.refuse('overload', ingestMessages.overloadBuffer, m.streamId, this.meetingId);
		}
	}

	private onData18(m: RtmpMessage) {
		try {
			const payload = m.typeId === MessageType.dataAmf3 ? m.payload.subarray(1) : m.payload;
			this.media.script(decodeAmf0(payload));
		} catch (err) {
			// Metadata is informational; a quirky encoder's script tag is not worth the stream.
			if (!(err instanceof AmfError)) throw err;
			this.log.debug('RTMP-Metadaten nicht lesbar', { error: err.message });
		}
	}

	private timeout(phase: 'handshake' | 'publish' | 'idle') {
		if (this.state === 'closed') return;
		if (phase === 'publish' && this.state === 'publishing') return;
		const message =
			phase === 'handshake'
				? ingestMessages.handshakeTimeout
				: phase === 'publish'
					? ingestMessages.publishTimeout
					: ingestMessages.idleTimeout;
		this.refuse('timeout', message, 1, this.meetingId || null);
	}

	// Malformed input is the peer's fault (info); anything else is our bug (error). Either way
	// only this connection ends.
	private fail(err: unknown) {
		if (err instanceof RtmpProtocolError || err instanceof AmfError) {
			this.log.info('RTMP-Protokollfehler', { error: err.message });
		} else {
			this.log.error('RTMP-Verbindung: unerwarteter Fehler', { error: err });
		}
		this.refuse('protocol', ingestMessages.protocol, 1, this.meetingId || null);
	}

	/** Tells the encoder why (when it can still understand it), reports, and closes. */
	private refuse(
		code: IngestRefusal,
		message: string,
		streamId: number,
		meetingId: string | null = null
	) {
		if (this.state === 'closed') return;
		if (this.state !== 'handshake' && this.state !== 'handshaken') {
			const status =
				code === 'badKey' || code === 'busy'
					? 'NetStream.Publish.BadName'
					: 'NetStream.Publish.Denied';
			this.send(cmd.onStatus(streamId, 'error', status, message));
		}
		this.log.info('RTMP-Verbindung abgelehnt', { code, meetingId });
		try {
			this.ctx.opts.onRefused?.({ meetingId, code, message });
		} catch (err) {
			this.log.error('onRefused ist fehlgeschlagen', { error: err });
		}
		this.finish(code);
	}

	private send(m: RtmpMessage) {
		if (this.socket.writable) this.socket.write(encodeMessage(m, this.outChunkSize));
	}

	private finish(reason: IngestCloseReason) {
		if (this.state === 'closed') return;
		const wasPublishing = this.state === 'publishing';
		this.state = 'closed';
		this.closeReason = reason;
		this.queue.length = 0;
		for (const t of this.timers) clearTimeout(t);
		clearTimeout(this.idleTimer);
		this.ctx.release(this);
		if (this.socket.destroyed) {
			// nothing to flush
		} else if (reason === 'dropped') {
			this.socket.destroy();
		} else {
			this.socket.end();
			setTimeout(() => this.socket.destroy(), LINGER_MS).unref();
		}
		this.flv.push(null);
		if (wasPublishing) this.log.info('RTMP-Sitzung beendet', { reason });
		for (const fn of this.closeListeners.splice(0)) {
			try {
				fn(reason);
			} catch (err) {
				this.log.error('close-Listener ist fehlgeschlagen', { error: err });
			}
		}
	}
}
