import { encodeAmf0, encodeAmf0EcmaArray, type AmfValue } from './amf0.ts';

/** FLV (Adobe Flash Video File Format v10, annex E) writing and the codec bytes of its tags. */

export const TagType = { audio: 8, video: 9, script: 18 } as const;

// FLV video codec ids (E.4.3.1) and sound formats (E.4.2.1) this ingest accepts.
const AVC_CODEC_ID = 7;
const SOUND_MP3 = 2;
const SOUND_AAC = 10;
// Enhanced RTMP v1: bit 7 of the first video byte marks an extended header with a FourCC.
const VIDEO_EX_HEADER = 0x80;
const SOUND_EX_HEADER = 9;

export type CodecCheck = { ok: true; codec: string } | { ok: false; found: string };

const VIDEO_CODEC_NAMES: Record<number, string> = {
	2: 'Sorenson H.263',
	3: 'Screen Video',
	4: 'VP6',
	5: 'VP6 Alpha',
	6: 'Screen Video 2',
	12: 'HEVC (nicht standardisiert)'
};
const SOUND_NAMES: Record<number, string> = {
	0: 'PCM',
	1: 'ADPCM',
	3: 'PCM',
	4: 'Nellymoser',
	5: 'Nellymoser',
	6: 'Nellymoser',
	7: 'G.711',
	8: 'G.711',
	11: 'Speex',
	14: 'MP3 8 kHz'
};

export function checkVideoCodec(payload: Buffer): CodecCheck {
	if (payload.length < 1) return { ok: false, found: 'leeres Videopaket' };
	const first = payload.readUInt8(0);
	if (first & VIDEO_EX_HEADER) {
		const fourcc = payload.length >= 5 ? payload.subarray(1, 5).toString('latin1') : '?';
		return { ok: false, found: fourcc.replace(/[^\x20-\x7e]/g, '?') };
	}
	const id = first & 0x0f;
	if (id === AVC_CODEC_ID) return { ok: true, codec: 'h264' };
	return { ok: false, found: VIDEO_CODEC_NAMES[id] ?? `Codec-ID ${id}` };
}

export function checkAudioCodec(payload: Buffer): CodecCheck {
	if (payload.length < 1) return { ok: false, found: 'leeres Audiopaket' };
	const format = payload.readUInt8(0) >> 4;
	if (format === SOUND_AAC) return { ok: true, codec: 'aac' };
	if (format === SOUND_MP3) return { ok: true, codec: 'mp3' };
	if (format === SOUND_EX_HEADER) return { ok: false, found: 'Enhanced-RTMP-Audio' };
	return { ok: false, found: SOUND_NAMES[format] ?? `Tonformat ${format}` };
}

/** A keyframe carrying coded video (not the AVC sequence header). */
export function isVideoKeyframe(payload: Buffer): boolean {
	return payload.length >= 2 && payload.readUInt8(0) >> 4 === 1 && payload.readUInt8(1) === 1;
}

/** The AVCDecoderConfigurationRecord tag that must precede coded AVC frames. */
export function isAvcSequenceHeader(payload: Buffer): boolean {
	return (
		payload.length >= 2 &&
		(payload.readUInt8(0) & 0x0f) === AVC_CODEC_ID &&
		payload.readUInt8(1) === 0
	);
}

export function flvHeader(hasAudio: boolean, hasVideo: boolean): Buffer {
	const b = Buffer.alloc(13);
	b.write('FLV', 0, 'latin1');
	b[3] = 1;
	b[4] = (hasAudio ? 4 : 0) | (hasVideo ? 1 : 0);
	b.writeUInt32BE(9, 5);
	b.writeUInt32BE(0, 9); // PreviousTagSize0
	return b;
}

export function flvTag(type: number, timestamp: number, data: Buffer): Buffer {
	const head = Buffer.alloc(11);
	head[0] = type;
	head.writeUIntBE(data.length, 1, 3);
	head.writeUIntBE(timestamp & 0xffffff, 4, 3);
	head[7] = (timestamp >>> 24) & 0xff; // TimestampExtended: the upper 8 bits
	head.writeUIntBE(0, 8, 3);
	const tail = Buffer.alloc(4);
	tail.writeUInt32BE(11 + data.length, 0);
	return Buffer.concat([head, data, tail]);
}

export interface StreamMetadata {
	width: number | null;
	height: number | null;
	fps: number | null;
	hasAudio: boolean | null;
}

function positive(v: AmfValue): number | null {
	return typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 100_000 ? v : null;
}

/** The fields we use from onMetaData; the encoder's other fields are not trusted or forwarded. */
export function readMetadata(meta: AmfValue): StreamMetadata {
	if (!meta || typeof meta !== 'object' || Array.isArray(meta) || meta instanceof Date) {
		return { width: null, height: null, fps: null, hasAudio: null };
	}
	const audio = meta.audiocodecid;
	return {
		width: positive(meta.width),
		height: positive(meta.height),
		fps: positive(meta.framerate) ?? positive(meta.videoframerate),
		hasAudio: audio === undefined ? null : audio !== null && audio !== false && audio !== ''
	};
}

/** A fresh onMetaData tag with only what a downstream demuxer can use. */
export function metadataTag(m: StreamMetadata): Buffer {
	const entries: Record<string, AmfValue> = {};
	if (m.width) entries.width = m.width;
	if (m.height) entries.height = m.height;
	if (m.fps) entries.framerate = m.fps;
	const body = Buffer.concat([encodeAmf0('onMetaData'), encodeAmf0EcmaArray(entries)]);
	return flvTag(TagType.script, 0, body);
}
