/**
 * Picture size and frame rate from the H.264 sequence parameter set (ITU-T H.264, 7.3.2.1.1
 * and annex E), read from the AVC sequence header an encoder sends first. Encoders' onMetaData
 * is optional and sometimes stale; the SPS is what the decoder will use.
 */

export interface AvcFormat {
	width: number;
	height: number;
	fps: number | null;
}

class BitReader {
	private bit = 0;
	private readonly buf: Buffer;
	constructor(buf: Buffer) {
		this.buf = buf;
	}

	u(n: number): number {
		let v = 0;
		for (let i = 0; i < n; i++) {
			const byte = this.buf[this.bit >> 3];
			if (byte === undefined) throw new RangeError('SPS ist abgeschnitten.');
			v = v * 2 + ((byte >> (7 - (this.bit & 7))) & 1);
			this.bit++;
		}
		return v;
	}

	/** Exp-Golomb unsigned (9.1). */
	ue(): number {
		let zeros = 0;
		while (this.u(1) === 0)
			if (++zeros > 31) throw new RangeError('SPS: ungültiger Exp-Golomb-Wert.');
		return 2 ** zeros - 1 + this.u(zeros);
	}

	se(): number {
		const k = this.ue();
		return k % 2 ? (k + 1) / 2 : -k / 2;
	}
}

// Profiles whose SPS carries chroma format, bit depths and scaling matrices (7.3.2.1.1).
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

/** Drops emulation prevention bytes (00 00 03 -> 00 00), 7.4.1. */
function rbsp(nal: Buffer): Buffer {
	const out: number[] = [];
	for (let i = 0; i < nal.length; i++) {
		if (i >= 2 && nal[i] === 3 && nal[i - 1] === 0 && nal[i - 2] === 0) continue;
		out.push(nal[i] ?? 0);
	}
	return Buffer.from(out);
}

function skipScalingList(r: BitReader, size: number) {
	let last = 8;
	let next = 8;
	for (let j = 0; j < size; j++) {
		if (next !== 0) next = (last + r.se() + 256) % 256;
		last = next === 0 ? last : next;
	}
}

function readFps(r: BitReader): number | null {
	if (r.u(1)) {
		const idc = r.u(8);
		if (idc === 255) r.u(32); // extended sample aspect ratio
	}
	if (r.u(1)) r.u(1); // overscan
	if (r.u(1)) {
		r.u(4);
		if (r.u(1)) r.u(24); // colour description
	}
	if (r.u(1)) {
		r.ue();
		r.ue();
	}
	if (!r.u(1)) return null;
	const unitsInTick = r.u(32);
	const timeScale = r.u(32);
	if (!unitsInTick || !timeScale) return null;
	// One frame is two ticks (E.2.1, field-based timing).
	return Math.round((timeScale / (2 * unitsInTick)) * 1000) / 1000;
}

export function parseSps(nal: Buffer): AvcFormat {
	const r = new BitReader(rbsp(nal.subarray(1)));
	const profile = r.u(8);
	r.u(16); // constraint flags, level
	r.ue(); // seq_parameter_set_id
	let chroma = 1;
	let separateColourPlanes = 0;
	if (HIGH_PROFILES.has(profile)) {
		chroma = r.ue();
		if (chroma === 3) separateColourPlanes = r.u(1);
		r.ue();
		r.ue();
		r.u(1);
		if (r.u(1)) {
			for (let i = 0; i < (chroma === 3 ? 12 : 8); i++)
				if (r.u(1)) skipScalingList(r, i < 6 ? 16 : 64);
		}
	}
	r.ue(); // log2_max_frame_num_minus4
	const pocType = r.ue();
	if (pocType === 0) r.ue();
	else if (pocType === 1) {
		r.u(1);
		r.se();
		r.se();
		const cycle = r.ue();
		for (let i = 0; i < cycle; i++) r.se();
	}
	r.ue(); // max_num_ref_frames
	r.u(1);
	const widthMbs = r.ue() + 1;
	const heightUnits = r.ue() + 1;
	const frameMbsOnly = r.u(1);
	if (!frameMbsOnly) r.u(1);
	r.u(1);
	let crop = [0, 0, 0, 0];
	if (r.u(1)) crop = [r.ue(), r.ue(), r.ue(), r.ue()];
	const monochrome = chroma === 0 || separateColourPlanes === 1;
	const cropX = monochrome ? 1 : chroma === 3 ? 1 : 2;
	const cropY = (monochrome ? 1 : chroma === 1 ? 2 : 1) * (2 - frameMbsOnly);
	const [left = 0, right = 0, top = 0, bottom = 0] = crop;
	const width = widthMbs * 16 - (left + right) * cropX;
	const height = (2 - frameMbsOnly) * heightUnits * 16 - (top + bottom) * cropY;
	const fps = r.u(1) ? readFps(r) : null;
	return { width, height, fps };
}

/** The first SPS of an FLV AVC sequence header tag (FLV video header + AVCDecoderConfigurationRecord). */
export function formatFromAvcSequenceHeader(payload: Buffer): AvcFormat | null {
	try {
		const record = payload.subarray(5);
		if (record.length < 8 || (record.readUInt8(5) & 0x1f) < 1) return null;
		const length = record.readUInt16BE(6);
		const sps = record.subarray(8, 8 + length);
		if (sps.length !== length || length < 4) return null;
		const format = parseSps(sps);
		return format.width > 0 && format.height > 0 ? format : null;
	} catch {
		return null; // a broken SPS only costs us the stats; the decoder will complain on its own
	}
}
