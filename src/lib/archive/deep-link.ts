import { parseClock } from './timecode.ts';

/** What a deep link may point at: public items with a chapter only. */
export interface LinkableItem {
	top: string | null;
	start: number | null;
}

/**
 * Where a deep link opens, in seconds: `?t=<seconds>` (also "1:02:03") wins, else the chapter of
 * `?top=<number>`; null when neither names a point on the recording.
 */
export function deepLinkStart(
	params: URLSearchParams,
	items: LinkableItem[],
	durationSeconds: number
): number | null {
	const t = params.get('t');
	const ms = t ? parseClock(t) : null;
	if (ms !== null && ms / 1000 < durationSeconds) return ms / 1000;
	const top = params.get('top')?.trim().toLowerCase();
	if (!top) return null;
	return items.find((i) => i.top === top && i.start !== null)?.start ?? null;
}

/** The share link of a point: its chapter for readers, its second for the player. */
export function shareLink(base: string, top: string | null, seconds: number): string {
	const url = new URL(base);
	url.search = '';
	url.hash = '';
	if (top) url.searchParams.set('top', top);
	url.searchParams.set('t', String(Math.floor(Math.max(0, seconds))));
	return url.href;
}

/** The public chapter playing at `seconds`, as an index into items, or -1. */
export function currentItemIndex(
	items: { start: number | null; duration: number | null }[],
	seconds: number
): number {
	return items.findIndex(
		(i) =>
			i.start !== null &&
			i.duration !== null &&
			seconds >= i.start &&
			seconds < i.start + i.duration
	);
}
