import type { CrossTab, QuestionResult } from '../../results/types.ts';
import { summarize } from './summary.ts';

// What the public may see of an already suppressed result. Suppression (suppression.ts) nulls
// the small cells, minimum and maximum and the hidden-answer count; this also drops
// - `small` marks (they would point at the cells suppression just emptied);
// - "Sonstiges" text counts under k (a count like any other);
// - free-text themes whose count is suppressed: a theme label is planner-written text about what
//   somebody said, so it is published only when at least k answers carry it.
// The summary sentence is written again from what is left, so it names no dropped theme.

/** Copies `value` without any `small` keys (JSON round trip: results are plain data). */
function withoutSmallMarks<T>(value: T): T {
	return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'small' ? undefined : v)));
}

function stripPlannerOnly(q: QuestionResult, k: number): QuestionResult {
	switch (q.kind) {
		case 'choice':
			return { ...q, otherTexts: q.otherTexts >= k ? q.otherTexts : 0 };
		case 'text':
			return { ...q, hidden: 0, themes: q.themes.filter((t) => t.count !== null && t.count >= k) };
		case 'numeric':
			// Each is one person's exact answer; suppression drops them already, this keeps it so.
			return { ...q, min: null, max: null };
		default:
			return q;
	}
}

/** A suppressed question result as the published page and the open data carry it. */
export function publicQuestion(suppressed: QuestionResult, k: number): QuestionResult {
	const q = stripPlannerOnly(withoutSmallMarks(suppressed), k);
	return { ...q, summary: summarize(q, 'de', k) };
}

/** A suppressed cross-tab without planner marks. */
export function publicCrossTab(suppressed: CrossTab): CrossTab {
	return withoutSmallMarks(suppressed);
}
