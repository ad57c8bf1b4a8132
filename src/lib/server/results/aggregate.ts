// Counting one question over a selection of responses. Shares of choice questions are of the
// people who answered, never of the selections made: Decidim counts multiple-choice results by
// combinations of options (decidim#16421), which no reader can interpret.
import type {
	BudgetResult,
	Category,
	Cell,
	ChoiceResult,
	HistogramBin,
	MatrixResult,
	NumericResult,
	QuestionResult,
	RankingResult,
	TextResult
} from '../../results/types.ts';
import type { Question, QuestionOf } from '../../surveys/types.ts';
import type { Column, Cube } from './cube.ts';
import type { Selection } from './selection.ts';

export interface Labels {
	other: string;
	noAnswer: string;
}

export const cell = (count: number, base: number): Cell => ({
	count,
	share: base > 0 ? count / base : null
});

function base(
	q: { id: string; title: string; type: Question['type'] },
	respondents: number,
	asked: number
) {
	return {
		questionId: q.id,
		title: q.title,
		questionType: q.type,
		respondents,
		asked,
		summary: ''
	};
}

function categories(options: { id: string; label: string }[]): Category[] {
	return options.map(({ id, label }) => ({ id, label }));
}

function choice(
	q: QuestionOf<'single'> | QuestionOf<'multiple'>,
	column: Column,
	rows: Selection,
	asked: number,
	labels: Labels
): ChoiceResult {
	const width = q.config.options.length + 1;
	const counts = new Array<number>(width).fill(0);
	let respondents = 0;
	let otherTexts = 0;
	if (column.type === 'single') {
		for (const r of rows) {
			const v = column.values[r]!;
			if (v < 0) continue;
			respondents++;
			counts[v]!++;
			otherTexts += column.otherText[r]!;
		}
	} else if (column.type === 'multiple') {
		for (const r of rows) {
			const bits = column.bits[r]!;
			if (bits === 0) continue;
			respondents++;
			for (let i = 0; i < width; i++) if (bits & (1 << i)) counts[i]!++;
		}
		otherTexts = counts[width - 1]!;
	}
	const options = categories(q.config.options);
	if (q.config.allowOther) options.push({ id: '__other', label: labels.other });
	return {
		...base(q, respondents, asked),
		kind: 'choice',
		multiple: q.type === 'multiple',
		options: options.map((o, i) => ({ ...o, ...cell(counts[i]!, respondents) })),
		otherTexts
	};
}

function matrix(
	q: QuestionOf<'matrix'>,
	column: Column,
	rows: Selection,
	asked: number,
	labels: Labels
): MatrixResult {
	const scale = q.config.scale.length;
	const perRow = q.config.rows.map(() => new Array<number>(scale + 1).fill(0));
	let respondents = 0;
	if (column.type === 'matrix') {
		for (const r of rows) {
			let any = false;
			for (let i = 0; i < column.width; i++) {
				const v = column.values[r * column.width + i]!;
				if (v < 0) continue;
				any = true;
				perRow[i]![v]!++;
			}
			if (any) respondents++;
		}
	}
	return {
		...base(q, respondents, asked),
		kind: 'matrix',
		scale: categories(q.config.scale),
		noAnswerLabel: q.config.allowNoAnswer ? labels.noAnswer : null,
		rows: q.config.rows.map((row, i) => {
			const counts = perRow[i]!;
			const rated = counts.slice(0, scale).reduce((a, b) => a + b, 0);
			return {
				id: row.id,
				label: row.label,
				respondents: rated,
				cells: counts.slice(0, scale).map((c) => cell(c, rated)),
				noAnswer: cell(counts[scale]!, rated + counts[scale]!)
			};
		})
	};
}

function ranking(
	q: QuestionOf<'ranking'>,
	column: Column,
	rows: Selection,
	asked: number
): RankingResult {
	const n = q.config.options.length;
	const rankSum = new Array<number>(n).fill(0);
	const rankedBy = new Array<number>(n).fill(0);
	const first = new Array<number>(n).fill(0);
	let respondents = 0;
	if (column.type === 'ranking') {
		for (const r of rows) {
			let any = false;
			for (let i = 0; i < n; i++) {
				const rank = column.ranks[r * column.width + i]!;
				if (rank === 0) continue;
				any = true;
				rankSum[i]! += rank;
				rankedBy[i]!++;
				if (rank === 1) first[i]!++;
			}
			if (any) respondents++;
		}
	}
	const options = q.config.options.map((o, i) => ({
		id: o.id,
		label: o.label,
		averageRank: rankedBy[i]! > 0 ? rankSum[i]! / rankedBy[i]! : null,
		firstPlace: cell(first[i]!, respondents),
		rankedBy: cell(rankedBy[i]!, respondents)
	}));
	// Best average first; options nobody ranked last; ties keep the configured order.
	options.sort((a, b) => (a.averageRank ?? Infinity) - (b.averageRank ?? Infinity));
	return { ...base(q, respondents, asked), kind: 'ranking', options };
}

function median(sorted: Float64Array): number | null {
	const n = sorted.length;
	if (n === 0) return null;
	return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** Ratings and small integer ranges: one bar per value; other numbers: ten equal bins. */
function histogram(
	q: QuestionOf<'rating'> | QuestionOf<'number'>,
	sorted: Float64Array
): HistogramBin[] {
	const n = sorted.length;
	const integerRange = (lo: number, hi: number) => {
		const bins: HistogramBin[] = [];
		for (let v = lo; v <= hi; v++)
			bins.push({ label: String(v), from: v, to: v, cell: cell(0, n) });
		// A value outside the scale (the scale changed after answers came in) gets no bar.
		for (const v of sorted) {
			const bin = bins[v - lo];
			if (bin) bin.cell.count!++;
		}
		for (const b of bins) b.cell.share = n ? b.cell.count! / n : null;
		return bins;
	};
	if (q.type === 'rating') return integerRange(q.config.min, q.config.max);
	if (n === 0) return [];
	const lo = sorted[0]!;
	const hi = sorted[n - 1]!;
	const integers = sorted.every(Number.isInteger);
	if (integers && hi - lo <= 20) return integerRange(lo, hi);
	if (integers) return integerBins(lo, hi, sorted);
	const width = (hi - lo) / 10 || 1;
	const bins: HistogramBin[] = Array.from({ length: 10 }, (_, i) => {
		const from = lo + i * width;
		const to = i === 9 ? hi : lo + (i + 1) * width;
		return { label: `${formatBound(from)}–${formatBound(to)}`, from, to, cell: cell(0, n) };
	});
	for (const v of sorted) bins[Math.min(9, Math.floor((v - lo) / width))]!.cell.count!++;
	for (const b of bins) b.cell.share = b.cell.count! / n;
	return bins;
}

/** Whole numbers (ages, counts): at most ten bins of equal whole width, bounds inclusive. */
function integerBins(lo: number, hi: number, sorted: Float64Array): HistogramBin[] {
	const n = sorted.length;
	const width = Math.ceil((hi - lo + 1) / 10);
	const count = Math.ceil((hi - lo + 1) / width);
	const bins: HistogramBin[] = Array.from({ length: count }, (_, i) => {
		const from = lo + i * width;
		const to = from + width - 1;
		return { label: `${from}–${to}`, from, to, cell: cell(0, n) };
	});
	for (const v of sorted) bins[Math.floor((v - lo) / width)]!.cell.count!++;
	for (const b of bins) b.cell.share = b.cell.count! / n;
	return bins;
}

function formatBound(x: number): string {
	return Number.isInteger(x) ? String(x) : x.toLocaleString('de-DE', { maximumFractionDigits: 2 });
}

/** Ratings are whole numbers on a scale of at most 11: sorting by counting is linear. */
function countingSort(values: Float64Array, min: number, max: number): Float64Array {
	const counts = new Uint32Array(max - min + 1);
	let outside = false;
	for (const v of values) {
		if (v >= min && v <= max && Number.isInteger(v)) counts[v - min]!++;
		else outside = true;
	}
	// A value off the scale (the scale changed after answers came in): sort the usual way.
	if (outside) return values.sort();
	let at = 0;
	counts.forEach((c, i) => {
		values.fill(min + i, at, at + c);
		at += c;
	});
	return values;
}

function numeric(
	q: QuestionOf<'rating'> | QuestionOf<'number'>,
	column: Column,
	rows: Selection,
	asked: number
): NumericResult {
	const values = new Float64Array(rows.length);
	let count = 0;
	if (column.type === 'numeric') {
		for (const r of rows) {
			const v = column.values[r]!;
			if (!Number.isNaN(v)) values[count++] = v;
		}
	}
	const sorted =
		q.type === 'rating'
			? countingSort(values.subarray(0, count), q.config.min, q.config.max)
			: values.subarray(0, count).sort();
	const n = sorted.length;
	const sum = sorted.reduce((a, b) => a + b, 0);
	return {
		...base(q, n, asked),
		kind: 'numeric',
		unit: q.type === 'number' ? q.config.unit : '',
		mean: n ? sum / n : null,
		median: median(sorted),
		min: n ? sorted[0]! : null,
		max: n ? sorted[n - 1]! : null,
		histogram: histogram(q, sorted)
	};
}

function budget(
	q: QuestionOf<'budget'>,
	column: Column,
	rows: Selection,
	asked: number
): BudgetResult {
	const n = q.config.options.length;
	const sums = new Array<number>(n).fill(0);
	const givers = new Array<number>(n).fill(0);
	let respondents = 0;
	if (column.type === 'budget') {
		for (const r of rows) {
			if (!column.answered[r]) continue;
			respondents++;
			for (let i = 0; i < n; i++) {
				const amount = column.amounts[r * column.width + i]!;
				sums[i]! += amount;
				if (amount > 0) givers[i]!++;
			}
		}
	}
	const pool = respondents * q.config.total;
	return {
		...base(q, respondents, asked),
		kind: 'budget',
		unit: q.config.unit,
		total: q.config.total,
		options: q.config.options.map((o, i) => ({
			id: o.id,
			label: o.label,
			sum: sums[i]!,
			average: respondents ? sums[i]! / respondents : null,
			share: pool ? sums[i]! / pool : null,
			allocatedBy: givers[i]!
		}))
	};
}

function text(q: Question, column: Column, rows: Selection, asked: number): TextResult {
	let respondents = 0;
	if (column.type === 'text') for (const r of rows) respondents += column.answered[r]!;
	return { ...base(q, respondents, asked), kind: 'text', hidden: 0, themes: [] };
}

/** The question's result over the selection; `asked` counts those its condition showed it to. */
export function aggregate(
	cube: Cube,
	q: Question,
	rows: Selection,
	asked: number,
	labels: Labels
): QuestionResult {
	const column = cube.columns.get(q.id)!;
	switch (q.type) {
		case 'single':
		case 'multiple':
			return choice(q, column, rows, asked, labels);
		case 'matrix':
			return matrix(q, column, rows, asked, labels);
		case 'ranking':
			return ranking(q, column, rows, asked);
		case 'rating':
		case 'number':
			return numeric(q, column, rows, asked);
		case 'budget':
			return budget(q, column, rows, asked);
		case 'short_text':
		case 'long_text':
			return text(q, column, rows, asked);
	}
}
