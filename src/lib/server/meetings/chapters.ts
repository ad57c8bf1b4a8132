import { topParam } from '../../archive/timecode.ts';
import { chapterEnds } from '../../meetings/chapters.ts';
import type { ChapterItem } from './chapters.repository.ts';

/** One agenda item's stretch of the recording. Times in milliseconds from the first frame. */
export interface Chapter {
	itemId: string;
	number: string;
	title: string;
	public: boolean;
	/** `?top=` value ("5" for "TOP 5"), null when the number has no digits. */
	top: string | null;
	startMs: number;
	endMs: number;
	durationMs: number;
}

/**
 * Chapters from the agenda's marks: each marked item runs to the next mark on the recording, the
 * last to the recording's end. Saved marks follow the agenda order (chapter-marks.ts); imported
 * ones may not, and then time order still gives every chapter its own stretch. Non-public items
 * are computed too, so the public item before one ends where the closed session begins;
 * publicChapters drops them.
 */
export function computeChapters(items: ChapterItem[], durationMs: number): Chapter[] {
	const marked = items.filter(
		(i) => i.chapterStartMs !== null && i.chapterStartMs >= 0 && i.chapterStartMs < durationMs
	);
	const ends = chapterEnds(marked, durationMs);
	return marked.map((item) => {
		const startMs = item.chapterStartMs ?? 0;
		const endMs = ends.get(item.id) ?? durationMs;
		return {
			itemId: item.id,
			number: item.number,
			title: item.title,
			public: item.public,
			top: topParam(item.number),
			startMs,
			endMs,
			durationMs: endMs - startMs
		};
	});
}

/** What the public may see: never a non-public item's chapter (title, times or media). */
export function publicChapters(chapters: Chapter[]): Chapter[] {
	return chapters.filter((c) => c.public);
}

/** WebVTT timestamp (hh:mm:ss.ttt, hours always present: valid for any length). */
export function vttTimestamp(ms: number): string {
	const total = Math.max(0, Math.round(ms));
	const pad = (n: number, w = 2) => String(n).padStart(w, '0');
	const h = Math.floor(total / 3_600_000);
	const m = Math.floor(total / 60_000) % 60;
	const s = Math.floor(total / 1000) % 60;
	return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(total % 1000, 3)}`;
}

/**
 * Cue text may not contain "-->" or a blank line, and `&`/`<` start markup (WebVTT §4.2.2):
 * one line, escaped.
 */
function vttText(text: string): string {
	return text
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;');
}

/** WebVTT chapters (kind="chapters"): one cue per public chapter, titled "TOP 3: Haushalt". */
export function chaptersVtt(chapters: Chapter[]): string {
	// WebVTT wants cues in order of their start time.
	const cues = publicChapters(chapters)
		.filter((c) => c.durationMs > 0)
		.sort((a, b) => a.startMs - b.startMs)
		.map(
			(c, i) =>
				`${i + 1}\n${vttTimestamp(c.startMs)} --> ${vttTimestamp(c.endMs)}\n${vttText(`${c.number}: ${c.title}`)}`
		);
	return ['WEBVTT', ...cues].join('\n\n') + '\n';
}

export interface ChaptersDocument {
	meetingId: string;
	recordingId: string;
	startedAt: string;
	durationSeconds: number;
	chapters: {
		number: string;
		title: string;
		top: string | null;
		start: number;
		end: number;
		duration: number;
		startDate: string;
		endDate: string;
		url: string;
	}[];
}

/** The JSON form of the public chapters: seconds from the first frame and wall-clock times. */
export function chaptersJson(input: {
	meetingId: string;
	recordingId: string;
	startedAt: Date;
	durationMs: number;
	chapters: Chapter[];
	meetingUrl: string;
}): ChaptersDocument {
	const at = (ms: number) => new Date(input.startedAt.getTime() + ms).toISOString();
	return {
		meetingId: input.meetingId,
		recordingId: input.recordingId,
		startedAt: input.startedAt.toISOString(),
		durationSeconds: input.durationMs / 1000,
		chapters: publicChapters(input.chapters).map((c) => ({
			number: c.number,
			title: c.title,
			top: c.top,
			start: c.startMs / 1000,
			end: c.endMs / 1000,
			duration: c.durationMs / 1000,
			startDate: at(c.startMs),
			endDate: at(c.endMs),
			url: c.top
				? `${input.meetingUrl}?top=${encodeURIComponent(c.top)}`
				: `${input.meetingUrl}?t=${Math.floor(c.startMs / 1000)}`
		}))
	};
}
