import type { Readable } from 'node:stream';
import type { AmfValue } from './amf0.ts';
import { formatFromAvcSequenceHeader, type AvcFormat } from './avc.ts';
import {
	TagType,
	checkAudioCodec,
	checkVideoCodec,
	flvHeader,
	flvTag,
	isAvcSequenceHeader,
	isVideoKeyframe,
	metadataTag,
	readMetadata,
	type StreamMetadata
} from './flv.ts';
import { ingestMessages } from './messages.ts';
import type { StatsTracker } from './stats.ts';

/**
 * Turns the published RTMP audio/video/data messages into one FLV stream for the transcoder:
 * codecs checked on every tag, the header written with the first media tag, timestamps rebased
 * so that tag is 0.
 */
export class MediaWriter {
	private metadata: StreamMetadata | null = null;
	private baseTimestamp: number | null = null;
	private sps: AvcFormat | null = null;

	private readonly flv: Readable;
	private readonly stats: StatsTracker;

	constructor(flv: Readable, stats: StatsTracker) {
		this.flv = flv;
		this.stats = stats;
	}

	/** Returns a German refusal message when the tag's codec is not accepted. */
	write(typeId: number, timestamp: number, payload: Buffer): string | null {
		if (payload.length === 0) return null; // librtmp sends empty tags as keep-alives
		const video = typeId === TagType.video;
		const check = video ? checkVideoCodec(payload) : checkAudioCodec(payload);
		if (!check.ok) {
			return video
				? ingestMessages.codecVideo(check.found)
				: ingestMessages.codecAudio(check.found);
		}
		if (video && isAvcSequenceHeader(payload)) this.useSps(payload);
		if (video) this.stats.videoCodec ??= check.codec;
		else this.stats.audioCodec ??= check.codec;

		if (this.baseTimestamp === null) {
			this.baseTimestamp = timestamp;
			// ffmpeg's FLV demuxer waits for every stream the header flags announce; without
			// onMetaData we cannot know and announce both.
			const hasAudio = this.metadata ? this.metadata.hasAudio === true || !video : true;
			this.flv.push(flvHeader(hasAudio, true));
			if (this.metadata) this.flv.push(metadataTag(this.metadata));
		}
		// Audio may start a few ms before the first video tag; a negative time is not valid FLV.
		const ts = Math.max(0, timestamp - this.baseTimestamp);
		this.flv.push(flvTag(typeId, ts, payload));
		this.stats.media(payload.length);
		if (video && isVideoKeyframe(payload)) this.stats.keyframe(ts);
		return null;
	}

	// The SPS decides the picture size; onMetaData's frame rate wins since many encoders leave
	// the SPS timing out.
	private useSps(payload: Buffer) {
		const format = formatFromAvcSequenceHeader(payload);
		if (!format) return;
		this.sps = format;
		this.stats.width = format.width;
		this.stats.height = format.height;
		this.stats.fps = this.metadata?.fps ?? format.fps ?? this.stats.fps;
	}

	/** Script data: only onMetaData is read (after ffmpeg's/OBS's "@setDataFrame" wrapper). */
	script(values: AmfValue[]) {
		const [first, second, third] = values;
		const isWrapped = first === '@setDataFrame';
		const name = isWrapped ? second : first;
		if (name !== 'onMetaData') return;
		const meta = readMetadata(isWrapped ? third : second);
		this.metadata = meta;
		this.stats.width = this.sps?.width ?? meta.width ?? this.stats.width;
		this.stats.height = this.sps?.height ?? meta.height ?? this.stats.height;
		this.stats.fps = meta.fps ?? this.stats.fps;
	}
}
