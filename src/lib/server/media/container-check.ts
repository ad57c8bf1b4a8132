import fsp from 'node:fs/promises';

/**
 * Tells whether an MP4/MOV or Matroska file is complete, from its own box/element sizes. ffprobe
 * reads only the header: an MP4 with its index at the front (`+faststart`) that broke off midway
 * still probes fine, and ffmpeg would then publish half a meeting. Reads a few bytes per
 * top-level box, never the media itself.
 */
export async function isContainerComplete(file: string, formatName: string): Promise<boolean> {
	const handle = await fsp.open(file, 'r');
	try {
		const { size } = await handle.stat();
		const read = async (pos: number, length: number) => {
			const buf = Buffer.alloc(length);
			const { bytesRead } = await handle.read(buf, 0, length, pos);
			return buf.subarray(0, bytesRead);
		};
		if (formatName.startsWith('mov,')) return await mp4Complete(read, size);
		if (formatName.startsWith('matroska')) return await matroskaComplete(read, size);
		return false;
	} finally {
		await handle.close();
	}
}

type Read = (pos: number, length: number) => Promise<Buffer>;

// ISO/IEC 14496-12 §4.2: a box starts with a 32-bit size (1: a 64-bit size follows the type,
// 0: the box runs to the end of the file) and a four-character type.
async function mp4Complete(read: Read, size: number): Promise<boolean> {
	let pos = 0;
	let sawMovie = false;
	for (let boxes = 0; pos < size && boxes < 1_000_000; boxes++) {
		const head = await read(pos, 16);
		if (head.length < 8) return false;
		let length = head.readUInt32BE(0);
		const type = head.toString('latin1', 4, 8);
		if (type === 'moov') sawMovie = true;
		if (length === 0) return sawMovie;
		if (length === 1) {
			if (head.length < 16) return false;
			length = Number(head.readBigUInt64BE(8));
		}
		if (length < 8) return false;
		pos += length;
	}
	return sawMovie && pos === size;
}

/** An EBML variable-length integer (RFC 8794 §4): its length and value without the marker. */
function vint(buf: Buffer, at: number): { length: number; value: number; unknown: boolean } | null {
	const first = buf[at];
	if (first === undefined || first === 0) return null;
	const length = Math.clz32(first) - 23;
	if (at + length > buf.length) return null;
	let value = first & (0xff >> length);
	let allOnes = value === 0xff >> length;
	for (let i = 1; i < length; i++) {
		const byte = buf[at + i] ?? 0;
		value = value * 256 + byte;
		allOnes &&= byte === 0xff;
	}
	return { length, value, unknown: allOnes };
}

// RFC 9559: the EBML header element, then the Segment holding everything else. A Segment of
// unknown size (written live) cannot be checked this way and is left to the transcoder.
async function matroskaComplete(read: Read, size: number): Promise<boolean> {
	let pos = 0;
	for (let elements = 0; pos < size && elements < 16; elements++) {
		const head = await read(pos, 16);
		const id = vint(head, 0);
		const length = id && vint(head, id.length);
		if (!id || !length) return false;
		if (length.unknown) return true;
		pos += id.length + length.length + length.value;
	}
	return pos === size;
}
