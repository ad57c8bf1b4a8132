import type { CrossTab, QuestionResult } from '../../results/types.ts';
import type { PublishedCrossTab, ResultsSnapshot } from '../../results/publication.ts';
import { CSV_BOM, csvLine, numberCell, textCell, type CsvSeparator } from '../http/csv.ts';

// The published aggregates as one long table, one number per line, so a spreadsheet filters it
// and a script reads it without knowing each chart's shape. `count` holds respondents; `value`
// holds what is not a count (mean, median, average rank, budget sum and average). A suppressed
// number is an empty field with `suppressed` = true, never a 0.

export const CSV_COLUMNS = [
	'table',
	'question_id',
	'question',
	'row',
	'category',
	'measure',
	'count',
	'share',
	'value',
	'suppressed'
] as const;

export interface CsvLine {
	table: 'question' | 'crosstab';
	questionId: string;
	question: string;
	row: string;
	category: string;
	measure: string;
	count: number | null;
	share: number | null;
	value: number | null;
	suppressed: boolean;
}

type Part = Pick<CsvLine, 'row' | 'category' | 'measure'> &
	Partial<Pick<CsvLine, 'count' | 'share' | 'value'>> & { suppressed?: boolean };

const counted = (
	row: string,
	category: string,
	measure: string,
	cell: { count: number | null; share: number | null }
): Part => ({
	row,
	category,
	measure,
	count: cell.count,
	share: cell.share,
	suppressed: cell.count === null
});

function matrixParts(q: Extract<QuestionResult, { kind: 'matrix' }>): Part[] {
	return q.rows.flatMap((r) => [
		counted(r.label, '', 'respondents', { count: r.respondents, share: null }),
		...r.cells.map((c, i) => counted(r.label, q.scale[i]?.label ?? '', 'count', c)),
		...(q.noAnswerLabel ? [counted(r.label, q.noAnswerLabel, 'no_answer', r.noAnswer)] : [])
	]);
}

function rankingParts(q: Extract<QuestionResult, { kind: 'ranking' }>): Part[] {
	return q.options.flatMap((o) => [
		counted('', o.label, 'first_place', o.firstPlace),
		counted('', o.label, 'ranked_by', o.rankedBy),
		{
			row: '',
			category: o.label,
			measure: 'average_rank',
			value: o.averageRank,
			suppressed: o.rankedBy.count === null
		}
	]);
}

function questionParts(q: QuestionResult): Part[] {
	const hidden = q.respondents === null;
	switch (q.kind) {
		case 'choice':
			return q.options.map((o) => counted('', o.label, 'count', o));
		case 'matrix':
			return matrixParts(q);
		case 'ranking':
			return rankingParts(q);
		case 'numeric':
			return [
				...q.histogram.map((b) => counted('', b.label, 'count', b.cell)),
				{ row: '', category: '', measure: 'mean', value: q.mean, suppressed: hidden },
				{ row: '', category: '', measure: 'median', value: q.median, suppressed: hidden }
			];
		case 'budget':
			return q.options.flatMap((o) => [
				{
					row: '',
					category: o.label,
					measure: 'sum',
					value: o.sum,
					share: o.share,
					suppressed: hidden
				},
				{ row: '', category: o.label, measure: 'average', value: o.average, suppressed: hidden }
			]);
		case 'text':
			return q.themes.map((t) => counted('', t.label, 'theme', t));
	}
}

function crossTabParts(t: CrossTab): Part[] {
	return [
		...t.rows.flatMap((r, i) =>
			t.columns.map((c, j) => counted(r.label, c.label, 'count', t.cells[i]![j]!))
		),
		...t.rows.map((r, i) => counted(r.label, '', 'row_total', t.rowTotals[i]!)),
		...t.columns.map((c, j) => counted('', c.label, 'column_total', t.columnTotals[j]!)),
		counted('', '', 'total', { count: t.total, share: null })
	];
}

const line = (table: CsvLine['table'], questionId: string, question: string, p: Part): CsvLine => ({
	table,
	questionId,
	question,
	row: p.row,
	category: p.category,
	measure: p.measure,
	count: p.count ?? null,
	share: p.share ?? null,
	value: p.value ?? null,
	suppressed: p.suppressed ?? false
});

const refText = (r: { questionId: string; rowId?: string }) =>
	r.rowId ? `${r.questionId}:${r.rowId}` : r.questionId;

function crossTabLines(c: PublishedCrossTab): CsvLine[] {
	const id = `${refText(c.spec.by)}×${refText(c.spec.target)}`;
	const title = `${c.table.rowTitle} × ${c.table.columnTitle}`;
	return crossTabParts(c.table).map((p) => line('crosstab', id, title, p));
}

/** Every published number of a snapshot, in page order: questions, then cross-tabs. */
export function snapshotLines(s: ResultsSnapshot): CsvLine[] {
	const questions = s.questions.flatMap((q) => [
		line(
			'question',
			q.questionId,
			q.title,
			counted('', '', 'respondents', { count: q.respondents, share: null })
		),
		...questionParts(q).map((p) => line('question', q.questionId, q.title, p))
	]);
	return [...questions, ...s.crossTabs.flatMap(crossTabLines)];
}

function cells(l: CsvLine, sep: CsvSeparator): string[] {
	return [
		l.table,
		textCell(l.questionId, sep),
		textCell(l.question, sep),
		textCell(l.row, sep),
		textCell(l.category, sep),
		l.measure,
		numberCell(l.count, sep),
		numberCell(l.share === null ? null : Math.round(l.share * 10_000) / 10_000, sep),
		numberCell(l.value, sep),
		l.suppressed ? 'true' : 'false'
	];
}

/** UTF-8 with BOM, CRLF, comma (RFC 4180) or semicolon (German Excel). */
export function snapshotCsv(s: ResultsSnapshot, sep: CsvSeparator): string {
	let text = CSV_BOM + csvLine([...CSV_COLUMNS], sep);
	for (const l of snapshotLines(s)) text += csvLine(cells(l, sep), sep);
	return text;
}
