// The results pages' URL query: filters, date range, a question to split by and a cross-tab, so a
// view can be bookmarked, shared with a colleague and used without JavaScript (a GET form).
//   filter=<ref>:<category>,<category>   repeatable, all must hold
//   von=YYYY-MM-DD, bis=YYYY-MM-DD       Berlin days, inclusive
//   nach=<ref>                           split every chart by this question
//   kreuz=<ref>&mit=<ref>                cross-tab rows × columns
//   f.<ref>=<category>                   repeatable: what a GET form's checkboxes send; read
//                                        like filter=<ref>:<categories>
// where <ref> is a question id, or "<question id>.<row id>" for one row of a matrix.
import { messages, type Locale } from '../../i18n/index.ts';
import type { ResultsFilter, SegmentRef } from '../../results/types.ts';
import { segmentKey } from '../../results/segment-ref.ts';
import { isUuid } from '../db/ids.ts';
import type { Survey } from '../surveys/surveys.repository.ts';
import { segmenterFor } from './selection.ts';

export interface ResultsQuery {
	filter: ResultsFilter;
	by: SegmentRef | null;
	cross: { rows: SegmentRef; columns: SegmentRef } | null;
}

export type ParsedQuery = ({ ok: true } & ResultsQuery) | { ok: false; message: string };

const MAX_FILTERS = 10;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export { segmentKey };

function readRef(survey: Survey, value: string): SegmentRef | null {
	const [questionId = '', rowId, ...rest] = value.split('.');
	if (rest.length || !isUuid(questionId)) return null;
	const q = survey.questions.find((x) => x.id === questionId);
	if (!q || !segmenterFor(q, rowId, '', '')) return null;
	return rowId === undefined ? { questionId } : { questionId, rowId };
}

function readDay(value: string | null): string | null | undefined {
	if (value === null || value.trim() === '') return null;
	const day = value.trim();
	if (!DAY.test(day)) return undefined;
	const d = new Date(`${day}T12:00:00Z`);
	if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) return undefined;
	const year = d.getUTCFullYear();
	return year >= 2000 && year <= 2100 ? day : undefined;
}

function readFilter(survey: Survey, value: string): ResultsFilter['answers'][number] | null {
	const colon = value.indexOf(':');
	if (colon < 0) return null;
	const ref = readRef(survey, value.slice(0, colon));
	if (!ref) return null;
	const q = survey.questions.find((x) => x.id === ref.questionId)!;
	const categories = new Set(segmenterFor(q, ref.rowId, '', '')!.categories.map((c) => c.id));
	const optionIds = [...new Set(value.slice(colon + 1).split(','))].filter((id) => id !== '');
	if (optionIds.length === 0 || optionIds.some((id) => !categories.has(id))) return null;
	return { ...ref, optionIds };
}

/** Reads the query; every failure names what to fix, in the user's language (the route answers 400). */
export function parseResultsQuery(
	params: URLSearchParams,
	survey: Survey,
	locale: Locale = 'de'
): ParsedQuery {
	const m = messages(locale);
	const fail = (message: string) => ({ ok: false as const, message });
	const raw = params.getAll('filter').filter((f) => f !== '');
	const fromForm = new Set([...params.keys()].filter((key) => key.startsWith('f.')));
	for (const key of fromForm) {
		const values = params.getAll(key).filter((v) => v !== '');
		if (values.length) raw.push(`${key.slice(2)}:${values.join(',')}`);
	}
	if (raw.length > MAX_FILTERS) return fail(m.rsTooManyFilters);
	const answers = raw.map((f) => readFilter(survey, f));
	if (answers.some((a) => a === null)) return fail(m.rsBadFilter);
	const from = readDay(params.get('von'));
	const to = readDay(params.get('bis'));
	if (from === undefined || to === undefined) return fail(m.rsBadDate);
	if (from && to && to < from) return fail(m.rsDateOrder);
	const filter = { answers: answers as ResultsFilter['answers'], from, to };
	const byValue = params.get('nach') ?? '';
	const by = byValue === '' ? null : readRef(survey, byValue);
	if (byValue !== '' && !by) return fail(m.rsBadSegment);
	const kreuz = params.get('kreuz') ?? '';
	const mit = params.get('mit') ?? '';
	if (kreuz === '' && mit === '') return { ok: true, filter, by, cross: null };
	if (kreuz === '' || mit === '') return fail(m.rsCrossIncomplete);
	const rows = readRef(survey, kreuz);
	const columns = readRef(survey, mit);
	if (!rows || !columns) return fail(m.rsBadSegment);
	if (segmentKey(rows) === segmentKey(columns)) return fail(m.rsCrossSame);
	return { ok: true, filter, by, cross: { rows, columns } };
}

/** The query string for a view ("" when it is the plain dashboard), starting with "?". */
export function resultsQuery(
	filter: ResultsFilter,
	by?: SegmentRef | null,
	cross?: { rows: SegmentRef; columns: SegmentRef } | null
): string {
	const params = new URLSearchParams();
	for (const a of filter.answers)
		params.append('filter', `${segmentKey(a)}:${a.optionIds.join(',')}`);
	if (filter.from) params.set('von', filter.from);
	if (filter.to) params.set('bis', filter.to);
	if (by) params.set('nach', segmentKey(by));
	if (cross) {
		params.set('kreuz', segmentKey(cross.rows));
		params.set('mit', segmentKey(cross.columns));
	}
	const text = params.toString();
	return text ? `?${text}` : '';
}
