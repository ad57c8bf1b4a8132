import { describe, expect, it } from 'vitest';
import { AGENDA_ITEM_CLASS, archiveVersion, dateRangeTag, rewritePlaylist } from './playlist.ts';

// As Debian's ffmpeg 5.1 writes it: the date-time of the transcode, between EXTINF and URI.
const FFMPEG_MEDIA = `#EXTM3U
#EXT-X-VERSION:7
#EXT-X-TARGETDURATION:2
#EXT-X-MEDIA-SEQUENCE:0
#EXT-X-PLAYLIST-TYPE:VOD
#EXT-X-INDEPENDENT-SEGMENTS
#EXT-X-MAP:URI="init_0.mp4"
#EXTINF:2.000000,
#EXT-X-PROGRAM-DATE-TIME:2026-11-25T14:43:58.527+0000
segment-00000.m4s
#EXTINF:2.005333,
#EXT-X-PROGRAM-DATE-TIME:2026-11-25T14:44:00.527+0000
segment-00001.m4s
#EXTINF:1.500000,
#EXT-X-PROGRAM-DATE-TIME:2026-11-25T14:44:02.532+0000
segment-00002.m4s
#EXT-X-ENDLIST
`;

const MASTER = `#EXTM3U
#EXT-X-VERSION:7
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="group_audio",NAME="audio_1",DEFAULT=YES,URI="1/index.m3u8"
#EXT-X-STREAM-INF:BANDWIDTH=1020800,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2",AUDIO="group_audio"
0/index.m3u8
`;

const startedAt = new Date('2026-11-18T17:00:00.000Z');

/** RFC 8216 §4.2 attribute-list, strictly: NAME=value pairs, values of the five kinds. */
function parseAttributes(list: string): Record<string, string> {
	const pattern = /([A-Z0-9-]+)=("[^"\r\n]*"|0[xX][0-9A-Fa-f]+|-?\d+(?:\.\d+)?|[^",\s]+)(?:,|$)/y;
	const attributes: Record<string, string> = {};
	let match: RegExpExecArray | null;
	let consumed = 0;
	while ((match = pattern.exec(list))) {
		attributes[match[1]!] = match[2]!;
		consumed = pattern.lastIndex;
	}
	expect(consumed, `unparsed rest of ${list}`).toBe(list.length);
	return attributes;
}

describe('rewritePlaylist', () => {
	const ranges = [
		{
			id: 'a1',
			startDate: new Date(startedAt.getTime() + 1000),
			durationMs: 2500,
			number: 'TOP 1',
			title: 'Der "Haushalt" 2027,\nerste Lesung'
		}
	];
	const out = rewritePlaylist(FFMPEG_MEDIA, { version: 'v1', startedAt, dateRanges: ranges });
	const lines = out.trim().split('\n');

	it('puts the recording’s own date-time before every segment', () => {
		const pdt = lines.filter((l) => l.startsWith('#EXT-X-PROGRAM-DATE-TIME:'));
		expect(pdt).toEqual([
			'#EXT-X-PROGRAM-DATE-TIME:2026-11-18T17:00:00.000Z',
			'#EXT-X-PROGRAM-DATE-TIME:2026-11-18T17:00:02.000Z',
			'#EXT-X-PROGRAM-DATE-TIME:2026-11-18T17:00:04.005Z'
		]);
		expect(out).not.toContain('14:43:58');
		// Each tag applies to the next segment: date-time, EXTINF, URI.
		const first = lines.indexOf(pdt[1]!);
		expect(lines[first + 1]).toBe('#EXTINF:2.005333,');
		expect(lines[first + 2]).toBe('segment-00001.m4s?v=v1');
	});

	it('writes one well-formed date range per chapter after the first date-time', () => {
		const tags = lines.filter((l) => l.startsWith('#EXT-X-DATERANGE:'));
		expect(tags).toHaveLength(1);
		expect(lines.indexOf(tags[0]!)).toBeGreaterThan(
			lines.indexOf(lines.find((l) => l.startsWith('#EXT-X-PROGRAM'))!)
		);
		const attributes = parseAttributes(tags[0]!.slice('#EXT-X-DATERANGE:'.length));
		expect(attributes).toEqual({
			ID: '"a1"',
			CLASS: `"${AGENDA_ITEM_CLASS}"`,
			'START-DATE': '"2026-11-18T17:00:01.000Z"',
			DURATION: '2.500',
			'X-NUMBER': '"TOP 1"',
			'X-TITLE': `"Der 'Haushalt' 2027, erste Lesung"`
		});
	});

	it('versions every relative URI and keeps the structure', () => {
		expect(lines[0]).toBe('#EXTM3U');
		expect(out).toContain('#EXT-X-MAP:URI="init_0.mp4?v=v1"');
		expect(lines.filter((l) => l.startsWith('#EXTINF'))).toHaveLength(3);
		expect(lines.at(-1)).toBe('#EXT-X-ENDLIST');
	});

	it('leaves a master playlist without date-times, versioning its URIs', () => {
		const master = rewritePlaylist(MASTER, { version: 'v2', startedAt, dateRanges: ranges });
		expect(master).toContain('URI="1/index.m3u8?v=v2"');
		expect(master).toContain('\n0/index.m3u8?v=v2\n');
		expect(master).toContain('CODECS="avc1.4d401e,mp4a.40.2"');
		expect(master).not.toContain('PROGRAM-DATE-TIME');
		expect(master).not.toContain('DATERANGE');
	});
});

describe('dateRangeTag', () => {
	it('has a non-negative decimal duration', () => {
		const tag = dateRangeTag({
			id: 'x',
			startDate: startedAt,
			durationMs: -5,
			number: 'N',
			title: 'T'
		});
		expect(tag).toContain('DURATION=0.000');
	});
});

describe('archiveVersion', () => {
	it('changes with the output prefix and is URL-safe', () => {
		const a = archiveVersion('recordings/r/1');
		expect(a).toMatch(/^[0-9a-f]{12}$/);
		expect(archiveVersion('recordings/r/2')).not.toBe(a);
	});
});
