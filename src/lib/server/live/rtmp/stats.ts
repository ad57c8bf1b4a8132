import type { IngestStats } from './types.ts';

// The console shows a bitrate that follows the encoder within seconds but does not jump with
// every keyframe.
const BITRATE_WINDOW_MS = 5_000;
const KEYFRAME_INTERVALS = 5;

/** Counters behind IngestSession.stats(); fed by the connection, read by the console. */
export class StatsTracker {
	readonly connectedAt = new Date();
	publishedAt: Date | null = null;
	firstMediaAt: Date | null = null;
	lastMediaAt: Date | null = null;
	bytesReceived = 0;
	videoCodec: string | null = null;
	audioCodec: string | null = null;
	width: number | null = null;
	height: number | null = null;
	fps: number | null = null;
	private readonly recent: { at: number; bytes: number }[] = [];
	private lastKeyframeTs: number | null = null;
	private readonly intervals: number[] = [];

	media(bytes: number, now = Date.now()) {
		this.lastMediaAt = new Date(now);
		this.firstMediaAt ??= this.lastMediaAt;
		this.recent.push({ at: now, bytes });
		this.trim(now);
	}

	/** Keyframe at this FLV timestamp (ms). */
	keyframe(timestamp: number) {
		if (this.lastKeyframeTs !== null && timestamp > this.lastKeyframeTs) {
			this.intervals.push((timestamp - this.lastKeyframeTs) / 1000);
			if (this.intervals.length > KEYFRAME_INTERVALS) this.intervals.shift();
		}
		this.lastKeyframeTs = timestamp;
	}

	private trim(now: number) {
		const oldest = now - BITRATE_WINDOW_MS;
		while ((this.recent[0]?.at ?? Infinity) <= oldest) this.recent.shift();
	}

	private bitrateKbps(now: number): number {
		this.trim(now);
		if (!this.firstMediaAt || !this.recent.length) return 0;
		// Early in the stream the window is shorter than 5 s; dividing by 5 s would under-report.
		const span = Math.min(BITRATE_WINDOW_MS, Math.max(1_000, now - this.firstMediaAt.getTime()));
		const bytes = this.recent.reduce((sum, r) => sum + r.bytes, 0);
		return Math.round((bytes * 8) / span);
	}

	private keyframeInterval(): number | null {
		if (!this.intervals.length) return null;
		const sorted = [...this.intervals].sort((a, b) => a - b);
		const mid = sorted.length >> 1;
		const upper = sorted[mid] ?? 0;
		const median = sorted.length % 2 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
		return Math.round(median * 100) / 100;
	}

	snapshot(bufferedBytes: number, now = Date.now()): IngestStats {
		return {
			connectedAt: this.connectedAt,
			publishedAt: this.publishedAt,
			firstMediaAt: this.firstMediaAt,
			bytesReceived: this.bytesReceived,
			bitrateKbps: this.bitrateKbps(now),
			videoCodec: this.videoCodec,
			audioCodec: this.audioCodec,
			width: this.width,
			height: this.height,
			fps: this.fps,
			keyframeIntervalSeconds: this.keyframeInterval(),
			lastMediaAt: this.lastMediaAt,
			bufferedBytes
		};
	}
}
