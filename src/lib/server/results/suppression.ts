// Small-cell protection for everything published: no number based on fewer than k responses
// (k = RESULTS_MIN_CELL, 5 by default), and none that could be worked out from the numbers that
// are shown. Statistical offices call the second step secondary (complementary) suppression:
//
// - In an additive line (cells that add up to a shown total: the options of a single choice
//   question, a cross-tab row) a single hidden cell is the total minus the others. Such a line
//   hides at least two cells, and hidden cells that together make fewer than k hide one more,
//   else "these two options together: 3 people" would still single out a small group.
// - A multiple-choice option is a yes/no split of its respondents: 48 of 50 shows that 2 did not
//   choose it, so a cell is also hidden when the complement (total − cell) is below k.
// Zero cells stay: "nobody" discloses nobody. Minima and maxima are single persons' values and
// are never published.
import type { Locale } from '../../i18n/index.ts';
import type { Cell, CrossTab, QuestionResult } from '../../results/types.ts';
import { summarize } from './summary.ts';

export interface Line {
	cells: number[];
	total: number;
	/** Cells add up to the total (single choice); otherwise each cell is a yes/no split of it. */
	additive: boolean;
}

const small = (v: number | null, k: number) => v !== null && v > 0 && v < k;

/** Hides cells of a grid of counts (cells and totals share one index space); null = hidden. */
export function suppressGrid(values: number[], lines: Line[], k: number): (number | null)[] {
	const out: (number | null)[] = values.map((v) => (small(v, k) ? null : v));
	for (const line of lines) {
		if (line.additive) continue;
		const total = values[line.total]!;
		for (const c of line.cells) if (small(total - values[c]!, k)) out[c] = null;
	}
	for (let changed = true; changed;) {
		changed = false;
		for (const line of lines) {
			if (line.additive && protectLine(line, values, out, k)) changed = true;
		}
	}
	return out;
}

/** One more hidden cell (or the total) when the line still gives a hidden cell away. */
function protectLine(line: Line, values: number[], out: (number | null)[], k: number): boolean {
	const hidden = line.cells.filter((c) => out[c] === null);
	const totalHidden = out[line.total] === null;
	if (hidden.length === 0) return false;
	const hiddenSum = hidden.reduce((s, c) => s + values[c]!, 0);
	const safe = totalHidden || (hidden.length >= 2 && hiddenSum >= k);
	if (safe) return false;
	let pick = -1;
	for (const c of line.cells) {
		if (out[c] === null || values[c]! === 0) continue;
		if (pick < 0 || values[c]! < values[pick]!) pick = c;
	}
	if (pick >= 0) out[pick] = null;
	else out[line.total] = null;
	return true;
}

/** A share reveals its base, so it goes when the base is hidden. */
function hideCell(c: Cell, count: number | null, baseHidden = false): Cell {
	return count === null
		? { count: null, share: null }
		: { count, share: baseHidden ? null : c.share };
}

/** A published copy of a question's result: suppressed, planner-only parts removed, re-summarised. */
export function suppressQuestion(
	r: QuestionResult,
	k: number,
	locale: Locale = 'de'
): QuestionResult {
	const respondents = r.respondents ?? 0;
	const out = suppressKind(r, k, respondents);
	const tooFew = small(respondents, k);
	const published = { ...out, asked: null, respondents: tooFew ? null : r.respondents };
	return { ...published, summary: summarize(published, locale, k) };
}

function suppressKind(r: QuestionResult, k: number, n: number): QuestionResult {
	switch (r.kind) {
		case 'choice': {
			const values = [...r.options.map((o) => o.count ?? 0), n];
			const line = { cells: r.options.map((_, i) => i), total: values.length - 1 };
			const out = suppressGrid(values, [{ ...line, additive: !r.multiple }], k);
			return { ...r, options: r.options.map((o, i) => ({ ...o, ...hideCell(o, out[i]!) })) };
		}
		case 'matrix':
			return {
				...r,
				rows: r.rows.map((row) => {
					const rated = row.respondents ?? 0;
					const values = [...row.cells.map((c) => c.count ?? 0), rated];
					const line = { cells: row.cells.map((_, i) => i), total: row.cells.length };
					const out = suppressGrid(values, [{ ...line, additive: true }], k);
					const na = row.noAnswer.count ?? 0;
					return {
						...row,
						respondents: out[row.cells.length]!,
						cells: row.cells.map((c, i) => hideCell(c, out[i]!, out[row.cells.length] === null)),
						noAnswer: hideCell(row.noAnswer, small(na, k) ? null : na)
					};
				})
			};
		case 'ranking': {
			const first = [...r.options.map((o) => o.firstPlace.count ?? 0), n];
			const ranked = [...r.options.map((o) => o.rankedBy.count ?? 0), n];
			const cells = r.options.map((_, i) => i);
			const firstOut = suppressGrid(first, [{ cells, total: first.length - 1, additive: true }], k);
			const rankedOut = suppressGrid(
				ranked,
				[{ cells, total: ranked.length - 1, additive: false }],
				k
			);
			return {
				...r,
				options: r.options.map((o, i) => ({
					...o,
					averageRank: rankedOut[i] === null ? null : o.averageRank,
					firstPlace: hideCell(o.firstPlace, firstOut[i]!),
					rankedBy: hideCell(o.rankedBy, rankedOut[i]!)
				}))
			};
		}
		case 'numeric': {
			const values = [...r.histogram.map((b) => b.cell.count ?? 0), n];
			const line = {
				cells: r.histogram.map((_, i) => i),
				total: values.length - 1,
				additive: true
			};
			const out = suppressGrid(values, [line], k);
			const few = small(n, k);
			return {
				...r,
				mean: few ? null : r.mean,
				median: few ? null : r.median,
				min: null,
				max: null,
				histogram: r.histogram.map((b, i) => ({ ...b, cell: hideCell(b.cell, out[i]!) }))
			};
		}
		case 'budget':
			return {
				...r,
				options: r.options.map((o) => {
					const hide = small(n, k) || small(o.allocatedBy, k);
					return hide ? { ...o, sum: null, average: null, share: null, allocatedBy: null } : o;
				})
			};
		case 'text': {
			const values = [...r.themes.map((t) => t.count ?? 0), n];
			const line = { cells: r.themes.map((_, i) => i), total: values.length - 1, additive: false };
			const out = suppressGrid(values, [line], k);
			return {
				...r,
				hidden: 0,
				themes: r.themes.map((t, i) => ({ ...t, ...hideCell(t, out[i]!) }))
			};
		}
	}
}

/** A published cross-tab: cells, row and column totals and the grand total as one grid. */
export function suppressCrossTab(t: CrossTab, k: number): CrossTab {
	const R = t.rows.length;
	const C = t.columns.length;
	// Index space: cells row-major, then row totals, then column totals, then the grand total.
	const cell = (i: number, j: number) => i * C + j;
	const rowTotal = (i: number) => R * C + i;
	const colTotal = (j: number) => R * C + R + j;
	const grand = R * C + R + C;
	const values = [
		...t.cells.flat().map((c) => c.count ?? 0),
		...t.rowTotals.map((c) => c.count ?? 0),
		...t.columnTotals.map((c) => c.count ?? 0),
		t.total ?? 0
	];
	const range = (n: number) => Array.from({ length: n }, (_, i) => i);
	const lines: Line[] = [
		...range(R).map((i) => ({
			cells: range(C).map((j) => cell(i, j)),
			total: rowTotal(i),
			additive: !t.columnsOverlap
		})),
		...range(C).map((j) => ({
			cells: range(R).map((i) => cell(i, j)),
			total: colTotal(j),
			additive: !t.rowsOverlap
		})),
		{ cells: range(R).map(rowTotal), total: grand, additive: !t.rowsOverlap },
		{ cells: range(C).map(colTotal), total: grand, additive: !t.columnsOverlap }
	];
	const out = suppressGrid(values, lines, k);
	return {
		...t,
		cells: t.cells.map((row, i) =>
			row.map((c, j) => hideCell(c, out[cell(i, j)]!, out[rowTotal(i)] === null))
		),
		rowTotals: t.rowTotals.map((c, i) => hideCell(c, out[rowTotal(i)]!, out[grand] === null)),
		columnTotals: t.columnTotals.map((c, j) => hideCell(c, out[colTotal(j)]!, out[grand] === null)),
		total: out[grand]!
	};
}

/** Planner views show every number and mark the ones publishing would hide. */
export function markSmall(c: Cell, k: number): Cell {
	return small(c.count, k) ? { ...c, small: true } : c;
}
