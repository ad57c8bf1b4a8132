import { createHash } from 'node:crypto';

/** An agenda chapter as an HLS date range (RFC 8216 §4.3.2.7). */
export interface PlaylistDateRange {
	id: string;
	startDate: Date;
	durationMs: number;
	number: string;
	title: string;
}

/** The class of our agenda date ranges: a reverse-DNS name, as §4.3.2.7 suggests for CLASS. */
export const AGENDA_ITEM_CLASS = 'de.mitreden.agenda-item';

/**
 * The archive's version as it appears in URLs (`?v=`): a short hash of the output prefix, which
 * changes with every new transcode. Playlists reference every file with it, so the files can be
 * cached as immutable while the addresses themselves stay version-free.
 */
export function archiveVersion(outputPrefix: string): string {
	return createHash('sha256').update(outputPrefix).digest('hex').slice(0, 12);
}

const ABSOLUTE = /^(?:[a-z][a-z0-9+.-]*:|\/)/i;

function withVersion(uri: string, version: string): string {
	if (ABSOLUTE.test(uri)) return uri;
	return `${uri}${uri.includes('?') ? '&' : '?'}v=${version}`;
}

function rewriteUriAttribute(line: string, version: string): string {
	return line.replace(/URI="([^"]*)"/, (_, uri: string) => `URI="${withVersion(uri, version)}"`);
}

/** quoted-string (RFC 8216 §4.2) allows neither `"` nor line breaks. */
function quoted(text: string): string {
	return `"${text
		.replace(/[\r\n\s]+/g, ' ')
		.replace(/"/g, "'")
		.trim()}"`;
}

export function dateRangeTag(range: PlaylistDateRange): string {
	const attributes = [
		`ID=${quoted(range.id)}`,
		`CLASS=${quoted(AGENDA_ITEM_CLASS)}`,
		`START-DATE=${quoted(range.startDate.toISOString())}`,
		`DURATION=${(Math.max(0, range.durationMs) / 1000).toFixed(3)}`,
		`X-NUMBER=${quoted(range.number)}`,
		`X-TITLE=${quoted(range.title)}`
	];
	return `#EXT-X-DATERANGE:${attributes.join(',')}`;
}

/** EXTINF's duration in whole microseconds, so summing thousands of segments does not drift. */
function extinfMicros(line: string): number {
	const seconds = Number.parseFloat(line.slice('#EXTINF:'.length));
	return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1e6) : 0;
}

/**
 * Rewrites a playlist on its way out. Every relative URI gets the archive version. In a media
 * playlist, the program date-times ffmpeg wrote (the transcode's wall clock, placed between
 * EXTINF and URI by ffmpeg 5.1) are replaced by the recording's own: its first frame's time plus
 * the durations of the segments before, one tag before each segment's EXTINF. The agenda's date
 * ranges follow the first of them (§4.3.2.7: a playlist with date ranges needs a date-time).
 */
export function rewritePlaylist(
	text: string,
	opts: { version: string; startedAt: Date; dateRanges: PlaylistDateRange[] }
): string {
	const out: string[] = [];
	let elapsedMicros = 0;
	let pendingMicros = 0;
	let first = true;
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME') || line.startsWith('#EXT-X-DATERANGE')) {
			continue;
		}
		if (line.startsWith('#EXTINF:')) {
			const at = new Date(opts.startedAt.getTime() + Math.round(elapsedMicros / 1000));
			out.push(`#EXT-X-PROGRAM-DATE-TIME:${at.toISOString()}`);
			if (first) out.push(...opts.dateRanges.map(dateRangeTag));
			first = false;
			pendingMicros = extinfMicros(line);
			out.push(line);
		} else if (line.startsWith('#')) {
			out.push(line.includes('URI="') ? rewriteUriAttribute(line, opts.version) : line);
		} else if (line) {
			out.push(withVersion(line, opts.version));
			elapsedMicros += pendingMicros;
			pendingMicros = 0;
		}
	}
	return out.join('\n') + '\n';
}
