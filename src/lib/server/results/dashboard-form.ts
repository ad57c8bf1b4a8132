// The dashboard's filter form is a plain GET form, so it works without JavaScript. Its fields are
// shaped for people (one checkbox per answer, empty date fields, "no split" choices); this turns
// them into the engine's canonical query (filter-params.ts), which the route then redirects to,
// so every view has one short address that can be bookmarked and shared.
import type { ResultsFilter, SegmentRef } from '../../results/types.ts';
import { resultsQuery } from './filter-params.ts';

/** Marks a submission of the form (as opposed to a canonical address). */
export const FORM_MARKER = 'anwenden';

/** Checkbox names: `f.<questionId>` or `f.<questionId>.<rowId>` for a matrix row, value = category. */
export function filterField(ref: SegmentRef): string {
	return ref.rowId ? `f.${ref.questionId}.${ref.rowId}` : `f.${ref.questionId}`;
}

/** Select values for "split by" and the cross-tab: `<questionId>` or `<questionId>.<rowId>`. */
export function refValue(ref: SegmentRef): string {
	return ref.rowId ? `${ref.questionId}.${ref.rowId}` : ref.questionId;
}

function parseRef(value: string | null): SegmentRef | null {
	const v = value?.trim();
	if (!v) return null;
	const [questionId, rowId] = v.split('.', 2) as [string, string | undefined];
	return rowId ? { questionId, rowId } : { questionId };
}

function formFilter(params: URLSearchParams): ResultsFilter {
	const answers = new Map<string, { questionId: string; rowId?: string; optionIds: string[] }>();
	for (const [name, value] of params) {
		if (!name.startsWith('f.') || !value) continue;
		const ref = parseRef(name.slice(2))!;
		const entry = answers.get(name) ?? { ...ref, optionIds: [] };
		entry.optionIds.push(value);
		answers.set(name, entry);
	}
	const day = (key: string) => params.get(key)?.trim() || null;
	return { answers: [...answers.values()], from: day('von'), to: day('bis') };
}

/**
 * The canonical query (with its "?", or "" for no filter at all) for a submitted form, or
 * `incomplete` when only one side of the cross-tab was chosen.
 */
export function queryFromForm(params: URLSearchParams): string | 'incomplete' {
	const filter = formFilter(params);
	const by = parseRef(params.get('nach'));
	const rows = parseRef(params.get('kreuz'));
	const columns = parseRef(params.get('mit'));
	if (!rows !== !columns) return 'incomplete';
	const cross = rows && columns ? { rows, columns } : undefined;
	const query = resultsQuery(filter, by ?? undefined, cross);
	return !query || query === '?' ? '' : query.startsWith('?') ? query : `?${query}`;
}
