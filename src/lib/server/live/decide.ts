import type { LiveRangeKind } from '../../live/types.ts';

/**
 * Whether a finished segment may be published, and as what. Fail closed: a segment that
 * touches a non-public or unknown range (open ranges reach into the future) is never published;
 * a public segment is only published once a clerk's click in flight could no longer have
 * changed that (CLICK_MARGIN_MS after its end).
 */

/** Time for a click on the console to reach the database (request, transaction) before the
 * publisher may rely on "no range covers this". */
export const CLICK_MARGIN_MS = 750;

export interface SlotWindow {
	/** Wall-clock epoch milliseconds. */
	startsAt: number;
	endsAt: number;
}

export interface DecisionState {
	/** The clerk's "Sitzung beginnen" / "Sitzung beenden" (epoch ms), null before. */
	startedAt: number | null;
	endedAt: number | null;
	ranges: { kind: LiveRangeKind; startsAt: number; endsAt: number | null }[];
	/** Show the "Ausschnitt entfernt" slate live too (else the archive cuts afterwards only). */
	consentSlateLive: boolean;
	now: number;
}

/**
 * before / after: outside the broadcast, dropped. wait: decide later. media: publish.
 * nonpublic: a slate, the segment is deleted. consent: a slate live, the segment kept privately
 * for the precise cut in the archive.
 */
export type SlotDecision = 'before' | 'after' | 'wait' | 'media' | 'nonpublic' | 'consent';

const overlaps = (w: SlotWindow, r: { startsAt: number; endsAt: number | null }) =>
	r.startsAt < w.endsAt && (r.endsAt === null || r.endsAt > w.startsAt);

export function decideSlot(w: SlotWindow, s: DecisionState): SlotDecision {
	if (s.startedAt === null || w.startsAt < s.startedAt) return 'before';
	if (s.endedAt !== null && w.startsAt >= s.endedAt) return 'after';
	const closed = s.ranges.some(
		(r) => (r.kind === 'nonpublic' || r.kind === 'unknown') && overlaps(w, r)
	);
	if (closed) return 'nonpublic';
	if (w.endsAt > s.now - CLICK_MARGIN_MS) return 'wait';
	if (s.consentSlateLive && s.ranges.some((r) => r.kind === 'consent' && overlaps(w, r))) {
		return 'consent';
	}
	return 'media';
}

/** Whether any range of these kinds touches the window (for the cut job and the tests). */
export function touches(
	w: SlotWindow,
	ranges: DecisionState['ranges'],
	kinds: LiveRangeKind[]
): boolean {
	return ranges.some((r) => kinds.includes(r.kind) && overlaps(w, r));
}
