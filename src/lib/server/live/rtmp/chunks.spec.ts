import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	ChunkReader,
	MessageType,
	RtmpProtocolError,
	encodeMessage,
	type RtmpMessage
} from './chunks.ts';

const LIMITS = { maxChunkSize: 65_536, maxMessageBytes: 1024 * 1024 };

/** A chunk with an explicit fmt, as encoders compress headers (section 5.3.1.2). */
function chunk(
	fmt: 0 | 1 | 2 | 3,
	csid: number,
	fields: { ts?: number; length?: number; typeId?: number; streamId?: number; extended?: boolean },
	data: Buffer
): Buffer {
	const basic =
		csid < 64
			? Buffer.from([(fmt << 6) | csid])
			: csid < 320
				? Buffer.from([fmt << 6, csid - 64])
				: Buffer.from([(fmt << 6) | 1, (csid - 64) & 0xff, (csid - 64) >> 8]);
	const ts = fields.ts ?? 0;
	const ext = fields.extended || ts >= 0xffffff;
	const header = Buffer.alloc(([11, 7, 3, 0] as const)[fmt]);
	if (fmt < 3) header.writeUIntBE(ext ? 0xffffff : ts, 0, 3);
	if (fmt < 2) {
		header.writeUIntBE(fields.length ?? data.length, 3, 3);
		header[6] = fields.typeId ?? MessageType.video;
	}
	if (fmt === 0) header.writeUInt32LE(fields.streamId ?? 1, 7);
	const extBytes = Buffer.alloc(ext ? 4 : 0);
	if (ext) extBytes.writeUInt32BE(ts, 0);
	return Buffer.concat([basic, header, extBytes, data]);
}

function setChunkSize(size: number) {
	const b = Buffer.alloc(4);
	b.writeUInt32BE(size, 0);
	return chunk(0, 2, { typeId: MessageType.setChunkSize, streamId: 0 }, b);
}

const a = randomBytes(300);
const b = randomBytes(40);
const c = randomBytes(40);
const big = randomBytes(5000);

// Every header form in one stream: fmt 0-3, 1-, 2- and 3-byte csids, extended timestamps (also
// on fmt 3 continuations), interleaved chunk streams, Set Chunk Size and Abort mid-stream.
const chunkList = [
	chunk(0, 6, { ts: 1000, length: 300 }, a.subarray(0, 128)),
	chunk(0, 4, { ts: 990, typeId: MessageType.audio }, b),
	chunk(3, 6, {}, a.subarray(128, 256)),
	chunk(3, 6, {}, a.subarray(256)),
	chunk(1, 6, { ts: 40, length: 40, typeId: MessageType.video }, c),
	chunk(2, 6, { ts: 40 }, c),
	chunk(3, 6, {}, c), // a new message with the same delta again
	chunk(0, 100, { ts: 5, typeId: MessageType.dataAmf0 }, b),
	chunk(0, 1000, { ts: 0x1000000, length: 200, typeId: MessageType.audio }, big.subarray(0, 128)),
	chunk(3, 1000, { extended: true, ts: 0x1000000 }, big.subarray(128, 200)),
	setChunkSize(4096),
	chunk(0, 7, { ts: 2, length: 5000 }, big.subarray(0, 4096)),
	chunk(0, 8, { ts: 3, length: 5000, typeId: MessageType.audio }, big.subarray(0, 4096)),
	chunk(0, 2, { typeId: MessageType.abort, streamId: 0 }, Buffer.from([0, 0, 0, 8])),
	chunk(3, 7, {}, big.subarray(4096))
];
const stream = Buffer.concat(chunkList);

const expected: Partial<RtmpMessage>[] = [
	{ csid: 4, typeId: MessageType.audio, timestamp: 990, payload: b },
	{ csid: 6, typeId: MessageType.video, timestamp: 1000, payload: a },
	{ csid: 6, timestamp: 1040, payload: c },
	{ csid: 6, timestamp: 1080, payload: c },
	{ csid: 6, timestamp: 1120, payload: c },
	{ csid: 100, typeId: MessageType.dataAmf0, timestamp: 5, payload: b },
	{ csid: 1000, typeId: MessageType.audio, timestamp: 0x1000000, payload: big.subarray(0, 200) },
	{ csid: 2, typeId: MessageType.setChunkSize },
	{ csid: 2, typeId: MessageType.abort },
	{ csid: 7, typeId: MessageType.video, timestamp: 2, payload: big, streamId: 1 }
];

describe('ChunkReader', () => {
	it('reads every header form into whole messages', () => {
		const messages = new ChunkReader(LIMITS).push(stream);
		expect(messages).toHaveLength(expected.length);
		messages.forEach((m, i) => expect(m).toMatchObject(expected[i] ?? {}));
	});

	it('gives the same messages whether the bytes come at once or one at a time', () => {
		const whole = new ChunkReader(LIMITS).push(stream);
		const reader = new ChunkReader(LIMITS);
		const drip: RtmpMessage[] = [];
		for (let i = 0; i < stream.length; i++) drip.push(...reader.push(stream.subarray(i, i + 1)));
		expect(drip).toEqual(whole);
		for (const cut of [1, 7, 129, 1000, 4200]) {
			const split = new ChunkReader(LIMITS);
			const parts = [...split.push(stream.subarray(0, cut)), ...split.push(stream.subarray(cut))];
			expect(parts).toEqual(whole);
		}
	});

	it('reads back what encodeMessage writes, extended timestamps and 3-byte csids included', () => {
		const messages: RtmpMessage[] = [
			{ csid: 3, typeId: 20, streamId: 0, timestamp: 0, payload: randomBytes(500) },
			{ csid: 400, typeId: 9, streamId: 1, timestamp: 0xffffff + 7, payload: randomBytes(9000) },
			{ csid: 70, typeId: 8, streamId: 1, timestamp: 12, payload: Buffer.alloc(0) }
		];
		const bytes = Buffer.concat(messages.map((m) => encodeMessage(m, 128)));
		expect(new ChunkReader(LIMITS).push(bytes)).toEqual(messages);
	});

	it('refuses chunk sizes and messages above the limits, and headers without a context', () => {
		expect(() => new ChunkReader(LIMITS).push(setChunkSize(0x7fffffff))).toThrow(RtmpProtocolError);
		expect(() => new ChunkReader(LIMITS).push(setChunkSize(0))).toThrow(RtmpProtocolError);
		const huge = chunk(0, 6, { length: LIMITS.maxMessageBytes + 1 }, Buffer.alloc(0));
		expect(() => new ChunkReader(LIMITS).push(huge)).toThrow(/überschreitet/);
		expect(() => new ChunkReader(LIMITS).push(chunk(3, 9, {}, Buffer.alloc(4)))).toThrow(
			RtmpProtocolError
		);
		expect(() => new ChunkReader(LIMITS).push(chunk(1, 9, { length: 4 }, Buffer.alloc(4)))).toThrow(
			RtmpProtocolError
		);
		const tooMany = Buffer.concat(
			[...Array(70)].map((_, i) => chunk(0, 3 + i, { length: 200 }, Buffer.alloc(128)))
		);
		expect(() => new ChunkReader(LIMITS).push(tooMany)).toThrow(/Zu viele/);
	});
});
