// Which responses a view counts, and which category of a splitting question each response is in.
// A selection is the list of cube rows it keeps, so counting costs what the selection holds.
import type { Category, ResultsFilter, SegmentRef, Segmenter } from '../../results/types.ts';
import { NO_ANSWER, OTHER, type Question } from '../../surveys/types.ts';
import type { Cube } from './cube.ts';
import { parseBerlinDateTime } from '../surveys/local-time.ts';

export type Selection = Int32Array;

export function allRows(cube: Cube): Selection {
	const rows = new Int32Array(cube.size);
	for (let i = 0; i < cube.size; i++) rows[i] = i;
	return rows;
}

/** Berlin midnight at the start of a YYYY-MM-DD day, in UTC milliseconds. */
export function berlinDayStart(day: string): number {
	const parsed = parseBerlinDateTime(`${day}T00:00`);
	if (!parsed.ok || !parsed.value) throw new Error(`Kein Tag: ${day}`);
	return parsed.value.getTime();
}

export function nextDay(day: string): string {
	const d = new Date(`${day}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

/** UTC bounds [from, to) of a filter's Berlin days. */
export function dateBounds(filter: ResultsFilter): { from: number; to: number } {
	return {
		from: filter.from ? berlinDayStart(filter.from) : -Infinity,
		to: filter.to ? berlinDayStart(nextDay(filter.to)) : Infinity
	};
}

/**
 * A question that can split the others, with its categories in the order they are shown.
 * Number questions cannot (too many values); texts cannot.
 */
export function segmenterFor(
	question: Question,
	rowId: string | undefined,
	otherLabel: string,
	noAnswerLabel: string
): Segmenter | null {
	const other = (allow: boolean): Category[] => (allow ? [{ id: OTHER, label: otherLabel }] : []);
	if (question.type === 'matrix') {
		const row = question.config.rows.find((r) => r.id === rowId);
		if (!row) return null;
		const na = question.config.allowNoAnswer ? [{ id: NO_ANSWER, label: noAnswerLabel }] : [];
		return {
			questionId: question.id,
			rowId,
			title: `${question.title}: ${row.label}`,
			categories: [...question.config.scale.map(({ id, label }) => ({ id, label })), ...na]
		};
	}
	if (rowId !== undefined) return null;
	switch (question.type) {
		case 'single':
		case 'multiple':
			return {
				questionId: question.id,
				title: question.title,
				categories: [
					...question.config.options.map(({ id, label }) => ({ id, label })),
					...other(question.config.allowOther)
				]
			};
		case 'rating': {
			const { min, max } = question.config;
			const categories = [];
			for (let v = min; v <= max; v++) categories.push({ id: String(v), label: String(v) });
			return { questionId: question.id, title: question.title, categories };
		}
		default:
			return null;
	}
}

/**
 * For each row, the categories (indexes into the segmenter's categories) it belongs to, as a bit
 * mask: one bit for single choice, rating and a matrix row; any number for multiple choice.
 * Ratings have at most 11 values and choice questions 31 categories, so a mask fits 32 bits.
 */
export function membership(cube: Cube, question: Question, ref: SegmentRef): Uint32Array {
	const masks = new Uint32Array(cube.size);
	const column = cube.columns.get(question.id);
	if (!column) return masks;
	const matrixRow =
		question.type === 'matrix' ? question.config.rows.findIndex((row) => row.id === ref.rowId) : -1;
	for (let r = 0; r < cube.size; r++) {
		switch (column.type) {
			case 'single': {
				const v = column.values[r]!;
				masks[r] = v < 0 ? 0 : (1 << v) >>> 0;
				break;
			}
			case 'multiple':
				masks[r] = column.bits[r]!;
				break;
			case 'numeric': {
				if (question.type !== 'rating') break;
				const v = column.values[r]!;
				masks[r] = Number.isNaN(v) ? 0 : (1 << (v - question.config.min)) >>> 0;
				break;
			}
			case 'matrix': {
				const v = matrixRow < 0 ? -1 : column.values[r * column.width + matrixRow]!;
				masks[r] = v < 0 ? 0 : (1 << v) >>> 0;
				break;
			}
		}
	}
	return masks;
}

export interface ResolvedFilter {
	answers: { masks: Uint32Array; wanted: number }[];
	from: number;
	to: number;
}

/** The rows a filter keeps, optionally only those in a category mask of a segmenter. */
export function select(cube: Cube, filter: ResolvedFilter, within?: Selection): Selection {
	const source = within ?? allRows(cube);
	const out = new Int32Array(source.length);
	let n = 0;
	for (const r of source) {
		const t = cube.submittedMs[r]!;
		if (t < filter.from || t >= filter.to) continue;
		if (filter.answers.every((a) => (a.masks[r]! & a.wanted) !== 0)) out[n++] = r;
	}
	return out.slice(0, n);
}

/** Rows of a selection in one category of a segmenter. */
export function inCategory(selection: Selection, masks: Uint32Array, index: number): Selection {
	const bit = (1 << index) >>> 0;
	return selection.filter((r) => (masks[r]! & bit) !== 0);
}
