/**
 * hls.js settings of the live player, shared by the live page and `npm run bench:live` (which
 * measures the delay a viewer sees with exactly these). The playlist grows by a 2-second segment
 * about a second after the segment ends; three seconds behind the newest listed point keeps
 * one segment of buffer without stalling, and a player more than ten seconds behind (after a
 * stall) jumps forward.
 */
export const LIVE_HLS_CONFIG = {
	liveSyncDuration: 3,
	liveMaxLatencyDuration: 10,
	maxLiveSyncPlaybackRate: 1.1,
	lowLatencyMode: false,
	// Chapters come from the page's agenda list; hls.js would build a metadata track from a
	// data: URL, which the Content Security Policy refuses.
	enableDateRangeMetadataCues: false,
	enableID3MetadataCues: false,
	enableEmsgMetadataCues: false
} as const;
