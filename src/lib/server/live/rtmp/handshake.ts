import { randomBytes } from 'node:crypto';
import { RtmpProtocolError } from './chunks.ts';

/**
 * The simple RTMP handshake (Adobe RTMP 1.0, section 5.2): C0+C1 in, S0+S1+S2 out, C2 in.
 * S1 carries zero version bytes, which tells ffmpeg's and librtmp's clients not to expect the
 * digest ("complex") handshake that Flash Media Server used.
 */

export const RTMP_VERSION = 3;
export const HANDSHAKE_SIZE = 1536;

export type HandshakeStep =
	{ done: false; reply?: Buffer } | { done: true; reply?: Buffer; rest: Buffer };

export class Handshake {
	private buf: Buffer = Buffer.alloc(0);
	private sentReply = false;

	/** Feed bytes; returns what to send and, once C2 is in, the bytes that follow it. */
	push(data: Buffer): HandshakeStep {
		this.buf = this.buf.length ? Buffer.concat([this.buf, data]) : data;
		if (this.buf.length > 0 && this.buf[0] !== RTMP_VERSION) {
			// An HTTP request starts with "G"/"P", TLS with 0x16, RTMPE with 6: all end here.
			throw new RtmpProtocolError(`Kein RTMP: Version ${this.buf[0]} statt ${RTMP_VERSION}.`);
		}
		let reply: Buffer | undefined;
		if (!this.sentReply) {
			if (this.buf.length < 1 + HANDSHAKE_SIZE) return { done: false };
			reply = serverReply(this.buf.subarray(1, 1 + HANDSHAKE_SIZE));
			this.sentReply = true;
		}
		const end = 1 + 2 * HANDSHAKE_SIZE;
		if (this.buf.length < end) return { done: false, reply };
		return { done: true, reply, rest: Buffer.from(this.buf.subarray(end)) };
	}
}

function serverReply(c1: Buffer): Buffer {
	const s0 = Buffer.from([RTMP_VERSION]);
	const s1 = Buffer.alloc(HANDSHAKE_SIZE);
	s1.writeUInt32BE(0, 0); // our epoch starts at zero
	s1.writeUInt32BE(0, 4); // zero version: simple handshake, no digest
	randomBytes(HANDSHAKE_SIZE - 8).copy(s1, 8);
	// S2 echoes C1 byte for byte; librtmp compares the two and warns on any difference.
	const s2 = Buffer.from(c1);
	return Buffer.concat([s0, s1, s2]);
}
