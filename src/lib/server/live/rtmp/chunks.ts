/**
 * RTMP chunk stream (Adobe RTMP 1.0, section 5.3): messages are cut into chunks whose headers
 * compress against the previous chunk on the same chunk stream id (csid).
 */

export class RtmpProtocolError extends Error {}

export interface RtmpMessage {
	csid: number;
	typeId: number;
	streamId: number;
	/** Absolute timestamp in ms (deltas of fmt 1-3 already applied). */
	timestamp: number;
	payload: Buffer;
}

export const MessageType = {
	setChunkSize: 1,
	abort: 2,
	acknowledgement: 3,
	userControl: 4,
	windowAckSize: 5,
	setPeerBandwidth: 6,
	audio: 8,
	video: 9,
	dataAmf3: 15,
	commandAmf3: 17,
	dataAmf0: 18,
	commandAmf0: 20
} as const;

// The spec's initial chunk size until the peer sends Set Chunk Size.
const DEFAULT_CHUNK_SIZE = 128;
const EXTENDED_TIMESTAMP = 0xffffff;
// Real encoders use a handful of chunk streams; thousands of half-filled ones would only hold
// memory, so more than this is treated as an attack.
const MAX_CHUNK_STREAMS = 64;
// Message header sizes of chunk formats 0-3 (section 5.3.1.2).
const HEADER_BYTES = [11, 7, 3, 0] as const;

interface ChunkStreamState {
	timestamp: number;
	delta: number;
	length: number;
	typeId: number;
	streamId: number;
	extended: boolean;
	parts: Buffer[];
	received: number;
}

export interface ChunkReaderLimits {
	maxChunkSize: number;
	maxMessageBytes: number;
}

/**
 * Incremental parser: push() any slice of the byte stream, get whole messages back. A chunk is
 * consumed only once all of it is present, so the result does not depend on how TCP split it.
 * Set Chunk Size and Abort take effect inside the reader, because they change how the very next
 * chunk is parsed; they are still returned so the caller can log them.
 */
export class ChunkReader {
	private pending: Buffer = Buffer.alloc(0);
	private chunkSize = DEFAULT_CHUNK_SIZE;
	private readonly streams = new Map<number, ChunkStreamState>();
	private readonly limits: ChunkReaderLimits;

	constructor(limits: ChunkReaderLimits) {
		this.limits = limits;
	}

	push(data: Buffer): RtmpMessage[] {
		this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
		const messages: RtmpMessage[] = [];
		let offset = 0;
		for (;;) {
			const used = this.readChunk(offset, messages);
			if (used === 0) break;
			offset += used;
		}
		this.pending = offset ? Buffer.from(this.pending.subarray(offset)) : this.pending;
		return messages;
	}

	/** Bytes of one complete chunk consumed from offset, or 0 if it is not all here yet. */
	private readChunk(offset: number, out: RtmpMessage[]): number {
		const buf = this.pending;
		let pos = offset;
		if (pos >= buf.length) return 0;
		const first = buf.readUInt8(pos);
		const fmt = (first >> 6) as 0 | 1 | 2 | 3;
		let csid = first & 0x3f;
		pos += 1;
		if (csid === 0) {
			if (pos + 1 > buf.length) return 0;
			csid = 64 + buf.readUInt8(pos);
			pos += 1;
		} else if (csid === 1) {
			if (pos + 2 > buf.length) return 0;
			csid = 64 + buf.readUInt16LE(pos);
			pos += 2;
		}
		const headerBytes = HEADER_BYTES[fmt];
		if (pos + headerBytes > buf.length) return 0;

		const prev = this.streams.get(csid);
		if (fmt !== 0 && !prev) {
			throw new RtmpProtocolError(`Chunk-Kopf Typ ${fmt} ohne vorherigen Kopf (csid ${csid}).`);
		}
		const inProgress = prev !== undefined && prev.received > 0;
		if (fmt !== 3 && inProgress) {
			throw new RtmpProtocolError(
				`Neuer Nachrichtenkopf mitten in einer Nachricht (csid ${csid}).`
			);
		}
		const field = fmt === 3 ? 0 : buf.readUIntBE(pos, 3);
		const extended = fmt === 3 ? (prev?.extended ?? false) : field === EXTENDED_TIMESTAMP;
		const extBytes = extended ? 4 : 0;
		if (pos + headerBytes + extBytes > buf.length) return 0;

		const next: ChunkStreamState = prev
			? { ...prev }
			: {
					timestamp: 0,
					delta: 0,
					length: 0,
					typeId: 0,
					streamId: 0,
					extended,
					parts: [],
					received: 0
				};
		if (fmt <= 1) {
			next.length = buf.readUIntBE(pos + 3, 3);
			next.typeId = buf.readUInt8(pos + 6);
		}
		if (fmt === 0) next.streamId = buf.readUInt32LE(pos + 7);
		const tsValue = extended ? buf.readUInt32BE(pos + headerBytes) : field;
		pos += headerBytes + extBytes;
		if (fmt !== 3) next.extended = extended;

		if (next.length > this.limits.maxMessageBytes) {
			throw new RtmpProtocolError(
				`Nachricht mit ${next.length} Bytes überschreitet die Grenze von ${this.limits.maxMessageBytes} Bytes.`
			);
		}
		const take = Math.min(this.chunkSize, next.length - next.received);
		if (pos + take > buf.length) return 0;

		if (!inProgress) {
			if (fmt === 0) {
				// ffmpeg's and nginx-rtmp's writers treat the absolute timestamp of a fmt 0 header as
				// the delta a following fmt 3 message repeats; reading it otherwise skews timestamps.
				next.timestamp = tsValue;
				next.delta = tsValue;
			} else if (fmt === 3) {
				next.timestamp = (next.timestamp + next.delta) >>> 0;
			} else {
				next.delta = tsValue;
				next.timestamp = (next.timestamp + tsValue) >>> 0;
			}
			next.parts = [];
		}
		if (!prev && this.streams.size >= MAX_CHUNK_STREAMS) {
			throw new RtmpProtocolError('Zu viele Chunk-Streams auf einer Verbindung.');
		}
		next.parts.push(Buffer.from(buf.subarray(pos, pos + take)));
		next.received += take;
		pos += take;

		if (next.received === next.length) {
			const payload = Buffer.concat(next.parts);
			next.parts = [];
			next.received = 0;
			this.streams.set(csid, next);
			const message = {
				csid,
				typeId: next.typeId,
				streamId: next.streamId,
				timestamp: next.timestamp,
				payload
			};
			this.control(message);
			out.push(message);
		} else {
			this.streams.set(csid, next);
		}
		return pos - offset;
	}

	private control(message: RtmpMessage) {
		if (message.typeId === MessageType.setChunkSize) {
			if (message.payload.length < 4) throw new RtmpProtocolError('Set Chunk Size ohne Wert.');
			// The top bit is reserved and must be zero (section 5.4.1).
			const size = message.payload.readUInt32BE(0) & 0x7fffffff;
			if (size < 1 || size > this.limits.maxChunkSize) {
				throw new RtmpProtocolError(
					`Chunk-Größe ${size} liegt außerhalb von 1 bis ${this.limits.maxChunkSize}.`
				);
			}
			this.chunkSize = size;
		} else if (message.typeId === MessageType.abort) {
			if (message.payload.length < 4) throw new RtmpProtocolError('Abort ohne Chunk-Stream.');
			const state = this.streams.get(message.payload.readUInt32BE(0));
			if (state) {
				state.parts = [];
				state.received = 0;
			}
		}
	}
}

function basicHeader(fmt: number, csid: number): Buffer {
	if (csid < 2 || csid > 65599) throw new RangeError(`csid ${csid} ist ungültig.`);
	if (csid < 64) return Buffer.from([(fmt << 6) | csid]);
	if (csid < 320) return Buffer.from([fmt << 6, csid - 64]);
	const rest = csid - 64;
	return Buffer.from([(fmt << 6) | 1, rest & 0xff, rest >> 8]);
}

/** One message as chunks: a fmt 0 header first, then fmt 3 continuation chunks. */
export function encodeMessage(message: RtmpMessage, chunkSize: number): Buffer {
	const { payload } = message;
	const timestamp = message.timestamp >>> 0;
	const extended = timestamp >= EXTENDED_TIMESTAMP;
	const ext = Buffer.alloc(extended ? 4 : 0);
	if (extended) ext.writeUInt32BE(timestamp, 0);
	const header = Buffer.alloc(11);
	header.writeUIntBE(extended ? EXTENDED_TIMESTAMP : timestamp, 0, 3);
	header.writeUIntBE(payload.length, 3, 3);
	header[6] = message.typeId;
	header.writeUInt32LE(message.streamId, 7);

	const parts: Buffer[] = [basicHeader(0, message.csid), header, ext];
	for (let pos = 0; pos < payload.length || pos === 0; pos += chunkSize) {
		if (pos > 0) parts.push(basicHeader(3, message.csid), ext);
		parts.push(payload.subarray(pos, pos + chunkSize));
		if (payload.length === 0) break;
	}
	return Buffer.concat(parts);
}
