// A survey's submitted answers as columns of typed arrays, one slot per response: what every
// chart, filter and cross-tab counts. Reading 100,000 JSON answers takes a second; counting them
// from these arrays takes milliseconds, so the cube is built once per process and afterwards only
// the responses changed since the last look are read again (see cube-cache.ts).
import {
	NO_ANSWER,
	OTHER,
	type Answer,
	type AnswerMap,
	type Question
} from '../../surveys/types.ts';
import type { Survey } from '../surveys/surveys.repository.ts';

/** -1: not answered; otherwise an option index, `options.length` for Sonstiges. */
export interface SingleColumn {
	type: 'single';
	values: Int16Array;
	otherText: Uint8Array;
}
/** Bit i: option i chosen; bit `options.length`: Sonstiges (≤ 30 options, so 31 bits). */
export interface MultipleColumn {
	type: 'multiple';
	bits: Uint32Array;
}
/** ranks[row * width + option]: 0 unranked, else the rank (1 = top). */
export interface RankingColumn {
	type: 'ranking';
	width: number;
	ranks: Uint8Array;
}
/** values[row * width + matrixRow]: -1 none, a scale index, `scale.length` for keine Angabe. */
export interface MatrixColumn {
	type: 'matrix';
	width: number;
	values: Int8Array;
}
/** NaN: not answered. */
export interface NumericColumn {
	type: 'numeric';
	values: Float64Array;
}
/** amounts[row * width + option]; answered[row] 1 when the question was answered. */
export interface BudgetColumn {
	type: 'budget';
	width: number;
	amounts: Float64Array;
	answered: Uint8Array;
}
export interface TextColumn {
	type: 'text';
	answered: Uint8Array;
}

export type Column =
	| SingleColumn
	| MultipleColumn
	| RankingColumn
	| MatrixColumn
	| NumericColumn
	| BudgetColumn
	| TextColumn;

export interface Cube {
	surveyId: string;
	/** Rows in use; arrays may be longer (capacity). */
	size: number;
	ids: string[];
	index: Map<string, number>;
	submittedMs: Float64Array;
	columns: Map<string, Column>;
	questions: Question[];
}

function widthOf(q: Question): number {
	switch (q.type) {
		case 'ranking':
		case 'budget':
			return q.config.options.length;
		case 'matrix':
			return q.config.rows.length;
		default:
			return 1;
	}
}

function newColumn(q: Question, capacity: number): Column {
	const w = widthOf(q);
	switch (q.type) {
		case 'single':
			return {
				type: 'single',
				values: new Int16Array(capacity).fill(-1),
				otherText: new Uint8Array(capacity)
			};
		case 'multiple':
			return { type: 'multiple', bits: new Uint32Array(capacity) };
		case 'ranking':
			return { type: 'ranking', width: w, ranks: new Uint8Array(capacity * w) };
		case 'matrix':
			return { type: 'matrix', width: w, values: new Int8Array(capacity * w).fill(-1) };
		case 'rating':
		case 'number':
			return { type: 'numeric', values: new Float64Array(capacity).fill(NaN) };
		case 'budget':
			return {
				type: 'budget',
				width: w,
				amounts: new Float64Array(capacity * w),
				answered: new Uint8Array(capacity)
			};
		case 'short_text':
		case 'long_text':
			return { type: 'text', answered: new Uint8Array(capacity) };
	}
}

export function emptyCube(survey: Survey, capacity = 1024): Cube {
	return {
		surveyId: survey.id,
		size: 0,
		ids: [],
		index: new Map(),
		submittedMs: new Float64Array(capacity),
		columns: new Map(survey.questions.map((q) => [q.id, newColumn(q, capacity)])),
		questions: survey.questions
	};
}

function grow<T extends Float64Array | Int16Array | Int8Array | Uint8Array | Uint32Array>(
	array: T,
	length: number,
	fill: number
): T {
	if (array.length >= length) return array;
	const next = new (array.constructor as new (n: number) => T)(Math.max(length, array.length * 2));
	next.fill(fill);
	next.set(array);
	return next;
}

function ensureCapacity(cube: Cube, rows: number): void {
	if (cube.submittedMs.length >= rows) return;
	const capacity = Math.max(rows, cube.submittedMs.length * 2);
	cube.submittedMs = grow(cube.submittedMs, capacity, 0);
	for (const column of cube.columns.values()) {
		switch (column.type) {
			case 'single':
				column.values = grow(column.values, capacity, -1);
				column.otherText = grow(column.otherText, capacity, 0);
				break;
			case 'multiple':
				column.bits = grow(column.bits, capacity, 0);
				break;
			case 'ranking':
				column.ranks = grow(column.ranks, capacity * column.width, 0);
				break;
			case 'matrix':
				column.values = grow(column.values, capacity * column.width, -1);
				break;
			case 'numeric':
				column.values = grow(column.values, capacity, NaN);
				break;
			case 'budget':
				column.amounts = grow(column.amounts, capacity * column.width, 0);
				column.answered = grow(column.answered, capacity, 0);
				break;
			case 'text':
				column.answered = grow(column.answered, capacity, 0);
		}
	}
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Position of each id in a list, plus the reserved id (Sonstiges, keine Angabe) after the last.
 * Cached per list, so it is computed once per question rather than once per answer.
 */
const indexCache = new WeakMap<object, Map<string, number>>();
function indexFor(list: { id: string }[], reserved: string): Map<string, number> {
	let map = indexCache.get(list);
	if (!map) {
		map = new Map(list.map((o, i) => [o.id, i]));
		map.set(reserved, list.length);
		indexCache.set(list, map);
	}
	return map;
}

// Stored answers were validated when submitted; anything that does not fit the question now (an
// option removed from a draft copy, a hand-edited row) is left out rather than miscounted.
function write(column: Column, q: Question, row: number, answer: Answer | undefined): void {
	const a = answer as unknown;
	switch (column.type) {
		case 'single': {
			column.values[row] = -1;
			column.otherText[row] = 0;
			if (!isRecord(a) || q.type !== 'single' || typeof a.choice !== 'string') return;
			const i = indexFor(q.config.options, OTHER).get(a.choice);
			if (i === undefined) return;
			column.values[row] = i;
			column.otherText[row] = typeof a.other === 'string' && a.other !== '' ? 1 : 0;
			return;
		}
		case 'multiple': {
			column.bits[row] = 0;
			if (!isRecord(a) || q.type !== 'multiple' || !Array.isArray(a.choices)) return;
			const index = indexFor(q.config.options, OTHER);
			let bits = 0;
			for (const c of a.choices) {
				const i = typeof c === 'string' ? index.get(c) : undefined;
				if (i !== undefined) bits |= 1 << i;
			}
			column.bits[row] = bits >>> 0;
			return;
		}
		case 'ranking': {
			const base = row * column.width;
			column.ranks.fill(0, base, base + column.width);
			if (!isRecord(a) || q.type !== 'ranking' || !Array.isArray(a.order)) return;
			const index = indexFor(q.config.options, OTHER);
			a.order.forEach((id, position) => {
				const i = typeof id === 'string' ? index.get(id) : undefined;
				if (i !== undefined && i < column.width) column.ranks[base + i] = position + 1;
			});
			return;
		}
		case 'matrix': {
			const base = row * column.width;
			column.values.fill(-1, base, base + column.width);
			if (!isRecord(a) || q.type !== 'matrix' || !isRecord(a.rows)) return;
			const rows = indexFor(q.config.rows, NO_ANSWER);
			const scale = indexFor(q.config.scale, NO_ANSWER);
			for (const [rowId, choice] of Object.entries(a.rows)) {
				const r = rows.get(rowId);
				const s = typeof choice === 'string' ? scale.get(choice) : undefined;
				if (r !== undefined && r < column.width && s !== undefined) column.values[base + r] = s;
			}
			return;
		}
		case 'numeric':
			column.values[row] =
				isRecord(a) && typeof a.value === 'number' && Number.isFinite(a.value) ? a.value : NaN;
			return;
		case 'budget': {
			const base = row * column.width;
			column.amounts.fill(0, base, base + column.width);
			column.answered[row] = 0;
			if (!isRecord(a) || q.type !== 'budget' || !isRecord(a.allocation)) return;
			const index = indexFor(q.config.options, OTHER);
			for (const [id, amount] of Object.entries(a.allocation)) {
				const i = index.get(id);
				if (i !== undefined && i < column.width && typeof amount === 'number') {
					column.amounts[base + i] = amount;
				}
			}
			column.answered[row] = 1;
			return;
		}
		case 'text':
			column.answered[row] =
				isRecord(a) && typeof a.text === 'string' && a.text.trim() !== '' ? 1 : 0;
	}
}

/** Adds a response or replaces the stored one with the same id. */
export function upsertRow(
	cube: Cube,
	row: { id: string; submittedMs: number; answers: AnswerMap }
): void {
	let slot = cube.index.get(row.id);
	if (slot === undefined) {
		slot = cube.size++;
		ensureCapacity(cube, cube.size);
		cube.ids[slot] = row.id;
		cube.index.set(row.id, slot);
	}
	cube.submittedMs[slot] = row.submittedMs;
	for (const q of cube.questions) {
		write(cube.columns.get(q.id)!, q, slot, row.answers[q.id]);
	}
}
