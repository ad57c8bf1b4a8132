import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { encodeAmf0 } from './amf0.ts';
import { checkAudioCodec, checkVideoCodec } from './flv.ts';
import { MediaWriter } from './media.ts';
import { StatsTracker } from './stats.ts';

const avc = (frameType: number, packetType: number) =>
	Buffer.from([(frameType << 4) | 7, packetType, 0, 0, 0, 9]);
const aac = Buffer.from([0xaf, 1, 0x21, 0x10]);

/** Reads FLV tags back: type, timestamp and data length. */
function tags(flv: Buffer) {
	const out: { type: number; ts: number; size: number }[] = [];
	for (let pos = 13; pos < flv.length;) {
		const size = flv.readUIntBE(pos + 1, 3);
		const ts = flv.readUIntBE(pos + 4, 3) + flv.readUInt8(pos + 7) * 0x1000000;
		out.push({ type: flv.readUInt8(pos), ts, size });
		expect(flv.readUInt32BE(pos + 11 + size)).toBe(11 + size); // PreviousTagSize
		pos += 11 + size + 4;
	}
	return out;
}

describe('codec checks', () => {
	it('accepts H.264, AAC and MP3', () => {
		expect(checkVideoCodec(avc(1, 0))).toEqual({ ok: true, codec: 'h264' });
		expect(checkAudioCodec(aac)).toEqual({ ok: true, codec: 'aac' });
		expect(checkAudioCodec(Buffer.from([0x2f, 0xff]))).toEqual({ ok: true, codec: 'mp3' });
	});

	it('names what it refuses, Enhanced RTMP FourCCs included', () => {
		expect(checkVideoCodec(Buffer.from([0x12, 0]))).toEqual({ ok: false, found: 'Sorenson H.263' });
		// Enhanced RTMP: IsExHeader | keyframe, PacketTypeSequenceStart, FourCC.
		expect(checkVideoCodec(Buffer.from([0x90, ...Buffer.from('hvc1')]))).toEqual({
			ok: false,
			found: 'hvc1'
		});
		expect(checkVideoCodec(Buffer.from([0x91, ...Buffer.from('av01'), 0]))).toEqual({
			ok: false,
			found: 'av01'
		});
		expect(checkAudioCodec(Buffer.from([0x3e, 0]))).toEqual({ ok: false, found: 'PCM' });
		expect(checkAudioCodec(Buffer.from([0x6e, 0]))).toEqual({ ok: false, found: 'Nellymoser' });
		expect(checkAudioCodec(Buffer.from([0x90]))).toEqual({
			ok: false,
			found: 'Enhanced-RTMP-Audio'
		});
	});
});

describe('MediaWriter', () => {
	function setup() {
		const flv = new Readable({ read() {} });
		const stats = new StatsTracker();
		return { flv, stats, writer: new MediaWriter(flv, stats) };
	}
	const collect = (flv: Readable) => {
		flv.push(null);
		const parts: Buffer[] = [];
		let chunk: Buffer | null;
		while ((chunk = flv.read() as Buffer | null)) parts.push(chunk);
		return Buffer.concat(parts);
	};

	it('writes a header, our own onMetaData and tags rebased to the first media tag', () => {
		const { flv, stats, writer } = setup();
		writer.script([
			'@setDataFrame',
			'onMetaData',
			{ width: 1280, height: 720, framerate: 30, audiocodecid: 10, encoder: 'x' }
		]);
		expect(writer.write(9, 5000, avc(1, 0))).toBeNull();
		expect(writer.write(8, 4990, aac)).toBeNull(); // audio slightly earlier: clamped to 0
		expect(writer.write(9, 5000, avc(1, 1))).toBeNull();
		expect(writer.write(9, 7000, avc(1, 1))).toBeNull();
		expect(writer.write(9, 9000, avc(1, 1))).toBeNull();
		expect(writer.write(9, 9000 + 0x1000000, avc(2, 1))).toBeNull();
		const out = collect(flv);
		expect(out.subarray(0, 5).toString('latin1')).toBe('FLV\x01\x05');
		const read = tags(out);
		expect(read.map((t) => [t.type, t.ts])).toEqual([
			[18, 0],
			[9, 0],
			[8, 0],
			[9, 0],
			[9, 2000],
			[9, 4000],
			[9, 4000 + 0x1000000]
		]);
		const meta = out.subarray(13 + 11, 13 + 11 + (read[0]?.size ?? 0));
		expect(meta.toString('latin1')).not.toContain('encoder');
		expect(meta.subarray(0, 13)).toEqual(encodeAmf0('onMetaData'));
		const s = stats.snapshot(0);
		expect(s).toMatchObject({
			width: 1280,
			height: 720,
			fps: 30,
			videoCodec: 'h264',
			audioCodec: 'aac'
		});
		expect(s.keyframeIntervalSeconds).toBe(2);
	});

	it('announces no audio when onMetaData has no audio codec', () => {
		const { flv, writer } = setup();
		writer.script(['onMetaData', { width: 320, height: 180 }]);
		writer.write(9, 0, avc(1, 0));
		expect(collect(flv)[4]).toBe(1);
	});

	it('refuses a codec change mid-stream with a German hint', () => {
		const { writer } = setup();
		expect(writer.write(9, 0, avc(1, 0))).toBeNull();
		expect(writer.write(9, 40, Buffer.from([0x90, ...Buffer.from('hvc1')]))).toMatch(
			/hvc1.*H\.264 \(x264\)/
		);
		expect(writer.write(8, 40, Buffer.from([0x4e, 0]))).toMatch(/Nellymoser.*AAC/);
	});
});

describe('StatsTracker', () => {
	it('takes the median of the last five keyframe intervals and a 5 s bitrate window', () => {
		const stats = new StatsTracker();
		for (const ts of [0, 2000, 4000, 10000, 12000, 14000, 16000]) stats.keyframe(ts);
		expect(stats.snapshot(0).keyframeIntervalSeconds).toBe(2);
		const t0 = 1_000_000;
		stats.media(125_000, t0);
		stats.media(125_000, t0 + 4_000);
		// 250 kB over the 4 s since the first media = 500 kbit/s.
		expect(stats.snapshot(0, t0 + 4_000).bitrateKbps).toBe(500);
		// 6 s later the first sample has left the window.
		expect(stats.snapshot(0, t0 + 6_000).bitrateKbps).toBe(200);
	});
});
