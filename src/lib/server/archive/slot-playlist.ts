import type { RenditionInfo } from '../db/schema.ts';
import type { RecordingSlot } from '../live/live.repository.ts';
import { dateRangeTag, type PlaylistDateRange } from './playlist.ts';

/**
 * Playlists of a recording kept as slots (live recordings, and uploaded archives once a cut was
 * applied). Every rendition shares the slot list; rendition R of a slot is `<dir>/<R>/<file>`
 * with its init segment `<dir>/<R>/init.mp4`.
 *
 * A new EXT-X-MAP needs EXT-X-DISCONTINUITY before it (RFC 8216 4.3.2.5 allows a new init only
 * there), so one comes wherever the folder changes (encoder reconnected, cut, slate) and before
 * every slate slot: a slate is one prepared file repeated, its timestamps start at zero each
 * time, and the player must not read the repeat as a step back in time.
 */

export interface SlotPlaylistOptions {
	rendition: string;
	/** Renditions best first, e.g. ['1080p', '720p', '360p']; 'audio' is separate. */
	ladder: string[];
	/** Renditions each folder holds; a folder not listed is assumed to hold all of them. */
	available: Map<string, string[]>;
	version: string;
	startedAt: Date;
	dateRanges: PlaylistDateRange[];
	/** Live: an EVENT playlist that grows; ended: a VOD playlist with ENDLIST. */
	ended: boolean;
}

const SLATE_KINDS = new Set(['nonpublic', 'consent', 'gap']);

// Slots are at most a few seconds; the target duration must not change while the playlist
// grows (RFC 8216 6.2.1), so it is fixed above the longest slot there can be.
const MIN_TARGET_SECONDS = 4;

const withVersion = (uri: string, version: string) => `${uri}?v=${version}`;
/** A slot file relative to a media playlist at `<R>/index.m3u8`; dir '' is the archive root. */
const fromPlaylist = (dir: string, rendition: string, file: string) =>
	dir ? `../${dir}/${rendition}/${file}` : `../${rendition}/${file}`;

/** The rendition a folder offers for R: R itself, else the next smaller one it has. */
export function renditionIn(
	dir: string,
	rendition: string,
	opts: Pick<SlotPlaylistOptions, 'ladder' | 'available'>
): string {
	const has = opts.available.get(dir);
	if (!has || has.includes(rendition)) return rendition;
	const from = opts.ladder.indexOf(rendition);
	const smaller = opts.ladder.slice(from < 0 ? 0 : from + 1).find((r) => has.includes(r));
	return smaller ?? has.find((r) => r !== 'audio') ?? rendition;
}

export function buildSlotPlaylist(slots: RecordingSlot[], opts: SlotPlaylistOptions): string {
	const longest = Math.max(0, ...slots.map((s) => s.durationMs)) / 1000;
	const lines = [
		'#EXTM3U',
		'#EXT-X-VERSION:7',
		`#EXT-X-TARGETDURATION:${Math.max(MIN_TARGET_SECONDS, Math.ceil(longest))}`,
		'#EXT-X-MEDIA-SEQUENCE:0',
		`#EXT-X-PLAYLIST-TYPE:${opts.ended ? 'VOD' : 'EVENT'}`,
		'#EXT-X-INDEPENDENT-SEGMENTS'
	];
	let previousDir: string | null = null;
	slots.forEach((slot, i) => {
		const slate = SLATE_KINDS.has(slot.kind);
		const r = renditionIn(slot.dir, opts.rendition, opts);
		if (i > 0 && (slate || slot.dir !== previousDir)) lines.push('#EXT-X-DISCONTINUITY');
		if (i === 0 || slate || slot.dir !== previousDir) {
			lines.push(
				`#EXT-X-MAP:URI="${withVersion(fromPlaylist(slot.dir, r, 'init.mp4'), opts.version)}"`
			);
		}
		const at = new Date(opts.startedAt.getTime() + slot.startMs);
		lines.push(`#EXT-X-PROGRAM-DATE-TIME:${at.toISOString()}`);
		if (i === 0) lines.push(...opts.dateRanges.map(dateRangeTag));
		lines.push(`#EXTINF:${(slot.durationMs / 1000).toFixed(3)},`);
		lines.push(withVersion(fromPlaylist(slot.dir, r, slot.file), opts.version));
		previousDir = slate ? null : slot.dir;
	});
	if (opts.ended) lines.push('#EXT-X-ENDLIST');
	return lines.join('\n') + '\n';
}

/**
 * The master playlist of a slot recording from its rendition list (measured when the first
 * encoder session began): video variants best first, one shared AAC group.
 */
export function buildSlotMaster(renditions: RenditionInfo[], version: string): string {
	const audio = renditions.find((r) => r.name === 'audio');
	const videos = renditions.filter((r) => r.name !== 'audio');
	const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
	if (audio && videos.length) {
		lines.push(
			`#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Ton",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="${withVersion('audio/index.m3u8', version)}"`
		);
	}
	for (const v of videos) {
		const attrs = [`BANDWIDTH=${v.bandwidth}`];
		if (v.width && v.height) attrs.push(`RESOLUTION=${v.width}x${v.height}`);
		attrs.push(`CODECS="${v.codecs}"`);
		if (audio) attrs.push('AUDIO="audio"');
		lines.push(
			`#EXT-X-STREAM-INF:${attrs.join(',')}`,
			withVersion(`${v.name}/index.m3u8`, version)
		);
	}
	if (!videos.length && audio) {
		lines.push(
			`#EXT-X-STREAM-INF:BANDWIDTH=${audio.bandwidth},CODECS="${audio.codecs}"`,
			withVersion('audio/index.m3u8', version)
		);
	}
	return lines.join('\n') + '\n';
}
