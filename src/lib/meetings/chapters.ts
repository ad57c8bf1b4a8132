/**
 * Where each marked agenda item's chapter ends: at the next mark on the recording (whatever the
 * agenda order, and including marks of non-public items, so a public chapter never runs over a
 * non-public part), or at the recording's end. Items without a mark get no entry.
 */
export function chapterEnds(
	items: { id: string; chapterStartMs: number | null }[],
	recordingMs: number | null
): Map<string, number | null> {
	const starts = [
		...new Set(items.flatMap((i) => (i.chapterStartMs === null ? [] : [i.chapterStartMs])))
	].sort((a, b) => a - b);
	const ends = new Map<string, number | null>();
	for (const item of items) {
		if (item.chapterStartMs === null) continue;
		const next = starts.find((s) => s > item.chapterStartMs!);
		ends.set(item.id, next ?? recordingMs);
	}
	return ends;
}
