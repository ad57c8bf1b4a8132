/**
 * AMF0 (Adobe Action Message Format 0), the encoding of RTMP commands and FLV script data.
 * Only the markers encoders actually send are decoded; anything else is a protocol error, so a
 * malformed command never reaches the session logic half-read.
 */

export type AmfValue =
	number | boolean | string | null | undefined | Date | AmfValue[] | { [key: string]: AmfValue };

export class AmfError extends Error {}

const NUMBER = 0x00;
const BOOLEAN = 0x01;
const STRING = 0x02;
const OBJECT = 0x03;
const NULL = 0x05;
const UNDEFINED = 0x06;
const ECMA_ARRAY = 0x08;
const OBJECT_END = 0x09;
const STRICT_ARRAY = 0x0a;
const DATE = 0x0b;
const LONG_STRING = 0x0c;

// Objects inside objects are legal but a command is never deeply nested; the cap keeps a
// crafted message from exhausting the stack.
const MAX_DEPTH = 16;

class Reader {
	pos = 0;
	private readonly buf: Buffer;
	constructor(buf: Buffer) {
		this.buf = buf;
	}

	get done() {
		return this.pos >= this.buf.length;
	}

	take(n: number): Buffer {
		if (this.pos + n > this.buf.length) throw new AmfError('AMF0-Daten sind abgeschnitten.');
		const out = this.buf.subarray(this.pos, this.pos + n);
		this.pos += n;
		return out;
	}

	string(lengthBytes: 2 | 4): string {
		const len = lengthBytes === 2 ? this.take(2).readUInt16BE(0) : this.take(4).readUInt32BE(0);
		return this.take(len).toString('utf8');
	}

	properties(target: Record<string, AmfValue>, depth: number) {
		for (;;) {
			const key = this.string(2);
			if (key === '' && this.buf.at(this.pos) === OBJECT_END) {
				this.pos += 1;
				return target;
			}
			target[key] = this.value(depth + 1);
		}
	}

	value(depth = 0): AmfValue {
		if (depth > MAX_DEPTH) throw new AmfError('AMF0-Daten sind zu tief verschachtelt.');
		const marker = this.take(1).readUInt8(0);
		switch (marker) {
			case NUMBER:
				return this.take(8).readDoubleBE(0);
			case BOOLEAN:
				return this.take(1).readUInt8(0) !== 0;
			case STRING:
				return this.string(2);
			case LONG_STRING:
				return this.string(4);
			case OBJECT:
				return this.properties({}, depth);
			case NULL:
				return null;
			case UNDEFINED:
				return undefined;
			case ECMA_ARRAY:
				this.take(4); // the count is a hint only; the end marker terminates the array
				return this.properties({}, depth);
			case STRICT_ARRAY: {
				const count = this.take(4).readUInt32BE(0);
				// Each element takes at least one byte, so a larger count is a lie.
				if (count > this.buf.length - this.pos) throw new AmfError('AMF0-Array ist zu lang.');
				const items: AmfValue[] = [];
				for (let i = 0; i < count; i++) items.push(this.value(depth + 1));
				return items;
			}
			case DATE: {
				const ms = this.take(8).readDoubleBE(0);
				this.take(2); // time zone, unused by the spec
				return new Date(ms);
			}
			default:
				throw new AmfError(`Unbekannter AMF0-Typ 0x${marker.toString(16)}.`);
		}
	}
}

/** Every value in the buffer, in order (an RTMP command is a sequence of values). */
export function decodeAmf0(buf: Buffer): AmfValue[] {
	const reader = new Reader(buf);
	const values: AmfValue[] = [];
	while (!reader.done) values.push(reader.value());
	return values;
}

function encodeString(s: string, withMarker: boolean): Buffer[] {
	const bytes = Buffer.from(s, 'utf8');
	if (bytes.length > 0xffff) {
		const head = Buffer.alloc(5);
		head[0] = LONG_STRING;
		head.writeUInt32BE(bytes.length, 1);
		return [withMarker ? head : head.subarray(1), bytes];
	}
	const head = Buffer.alloc(3);
	head[0] = STRING;
	head.writeUInt16BE(bytes.length, 1);
	return [withMarker ? head : head.subarray(1), bytes];
}

function encodeKey(key: string): Buffer[] {
	const bytes = Buffer.from(key, 'utf8');
	if (bytes.length > 0xffff) throw new AmfError('AMF0-Schlüssel ist zu lang.');
	const head = Buffer.alloc(2);
	head.writeUInt16BE(bytes.length, 0);
	return [head, bytes];
}

function encodeValue(value: AmfValue, out: Buffer[]) {
	if (typeof value === 'number') {
		const b = Buffer.alloc(9);
		b[0] = NUMBER;
		b.writeDoubleBE(value, 1);
		out.push(b);
	} else if (typeof value === 'boolean') {
		out.push(Buffer.from([BOOLEAN, value ? 1 : 0]));
	} else if (typeof value === 'string') {
		out.push(...encodeString(value, true));
	} else if (value === null) {
		out.push(Buffer.from([NULL]));
	} else if (value === undefined) {
		out.push(Buffer.from([UNDEFINED]));
	} else if (value instanceof Date) {
		const b = Buffer.alloc(11);
		b[0] = DATE;
		b.writeDoubleBE(value.getTime(), 1);
		out.push(b);
	} else if (Array.isArray(value)) {
		const head = Buffer.alloc(5);
		head[0] = STRICT_ARRAY;
		head.writeUInt32BE(value.length, 1);
		out.push(head);
		for (const item of value) encodeValue(item, out);
	} else {
		out.push(Buffer.from([OBJECT]));
		for (const [key, item] of Object.entries(value)) {
			out.push(...encodeKey(key));
			encodeValue(item, out);
		}
		out.push(Buffer.from([0, 0, OBJECT_END]));
	}
}

/** Encodes values one after another; plain objects become AMF0 objects. */
export function encodeAmf0(...values: AmfValue[]): Buffer {
	const out: Buffer[] = [];
	for (const v of values) encodeValue(v, out);
	return Buffer.concat(out);
}

/** An ECMA array, the type FLV's onMetaData conventionally uses. */
export function encodeAmf0EcmaArray(entries: Record<string, AmfValue>): Buffer {
	const head = Buffer.alloc(5);
	head[0] = ECMA_ARRAY;
	head.writeUInt32BE(Object.keys(entries).length, 1);
	const obj = encodeAmf0(entries);
	// Same body as an object: properties then the end marker.
	return Buffer.concat([head, obj.subarray(1)]);
}
