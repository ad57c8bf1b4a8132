// One entry per question type: which form fields it owns, how to read them, and how to check the
// resulting answer. answers.ts applies them; the form path and the stored-draft path share
// `validate`, so both enforce the same rules.
import type { AnswerError, AnswerErrorCode } from '../../surveys/answer-messages.ts';
import {
	fieldName,
	LIMITS,
	NO_ANSWER,
	OTHER,
	type Answer,
	type NumberConfig,
	type Option,
	type QuestionOf,
	type QuestionType
} from '../../surveys/types.ts';
import type { AnswerInput } from './answers.ts';

/** null: the question was left empty. */
export type Parsed = { value: Answer } | { error: AnswerError } | null;

export interface TypeRules<T extends QuestionType> {
	/** Every form field this question owns. */
	fields(question: QuestionOf<T>): string[];
	parse(question: QuestionOf<T>, input: AnswerInput): Parsed;
	validate(question: QuestionOf<T>, value: unknown): AnswerError | null;
	/** A more precise error than "required" for a required question left empty. */
	missing?(question: QuestionOf<T>): AnswerError;
	/** The main field may repeat (checkboxes). */
	repeats?: boolean;
}

export function fail(code: AnswerErrorCode, params?: AnswerError['params']): AnswerError {
	return params ? { code, params } : { code };
}

const invalid = (): AnswerError => fail('invalidAnswer');

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A plain object with all `required` keys and nothing beyond them and `optional`. */
function hasShape(
	value: unknown,
	required: string[],
	optional: string[] = []
): value is Record<string, unknown> {
	if (!isRecord(value)) return false;
	const keys = Object.keys(value);
	return (
		required.every((k) => keys.includes(k)) &&
		keys.every((k) => required.includes(k) || optional.includes(k))
	);
}

function isStringArray(value: unknown): value is string[] {
	return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function idsOf(options: Option[]): Set<string> {
	return new Set(options.map((o) => o.id));
}

function readTrimmed(input: AnswerInput, name: string): string {
	return (input.get(name) ?? '').trim();
}

// PostgreSQL text cannot hold NUL, and the other control characters (C0, DEL, C1) only garble
// exports and screen readers. Tab and newline belong in free text; browsers send textarea line
// breaks as CRLF, so dropping CR leaves plain newlines. HTML stays as typed: escaping is the
// renderer's job, and altering it here would change what people said.
const CONTROL = /[^\P{Cc}\t\n]/gu;

function normalizeText(raw: string): string {
	return raw.toWellFormed().normalize('NFC').replace(CONTROL, '').trim();
}

/** Code points, so that an emoji or an "ä" counts as one character, as people count. */
function textLength(text: string): number {
	return [...text].length;
}

function checkOther(allowOther: boolean, other: unknown): AnswerError | null {
	if (!allowOther) return fail('unknownOption');
	if (other === undefined || other === '') return fail('otherTextMissing');
	if (typeof other !== 'string' || other !== normalizeText(other)) return invalid();
	return textLength(other) > LIMITS.otherText ? fail('tooLong', { max: LIMITS.otherText }) : null;
}

function readOther(question: QuestionOf<'single' | 'multiple'>, input: AnswerInput) {
	const other = normalizeText(input.get(fieldName(question.id, 'other')) ?? '');
	return other ? { other } : {};
}

function choiceFields(question: QuestionOf<'single' | 'multiple'>): string[] {
	const main = fieldName(question.id);
	return question.config.allowOther ? [main, fieldName(question.id, 'other')] : [main];
}

const single: TypeRules<'single'> = {
	fields: choiceFields,
	parse(q, input) {
		const choice = input.get(fieldName(q.id)) ?? '';
		if (choice === '') return null;
		return { value: choice === OTHER ? { choice, ...readOther(q, input) } : { choice } };
	},
	validate(q, v) {
		if (!hasShape(v, ['choice'], ['other']) || typeof v.choice !== 'string') return invalid();
		if (v.choice === OTHER) return checkOther(q.config.allowOther, v.other);
		if (v.other !== undefined) return invalid();
		return idsOf(q.config.options).has(v.choice) ? null : fail('unknownOption');
	}
};

function selectionCount(n: number, min: number | null, max: number | null): AnswerError | null {
	if (min !== null && n < min) return fail('tooFewChoices', { min });
	if (max !== null && n > max) return fail('tooManyChoices', { max });
	return null;
}

const multiple: TypeRules<'multiple'> = {
	fields: choiceFields,
	repeats: true,
	parse(q, input) {
		const choices = input.getAll(fieldName(q.id)).filter((c) => c !== '');
		if (choices.length === 0) return null;
		return { value: choices.includes(OTHER) ? { choices, ...readOther(q, input) } : { choices } };
	},
	validate(q, v) {
		if (!hasShape(v, ['choices'], ['other']) || !isStringArray(v.choices)) return invalid();
		const { choices, other } = v;
		const { options, allowOther, minSelect, maxSelect } = q.config;
		if (choices.length === 0) return invalid();
		if (new Set(choices).size !== choices.length) return fail('duplicateChoice');
		const ids = idsOf(options);
		if (choices.some((c) => c !== OTHER && !ids.has(c))) return fail('unknownOption');
		if (choices.includes(OTHER)) {
			const otherError = checkOther(allowOther, other);
			if (otherError) return otherError;
		} else if (other !== undefined) {
			return invalid();
		}
		return selectionCount(choices.length, minSelect, maxSelect);
	},
	missing: (q) =>
		q.config.minSelect ? fail('tooFewChoices', { min: q.config.minSelect }) : fail('required')
};

function rankOrder(ranked: { id: string; rank: number }[]): Parsed {
	const ranks = new Set(ranked.map((r) => r.rank));
	if (ranks.size !== ranked.length) return { error: fail('duplicateRank') };
	// Distinct ranks from 1 up whose largest equals their count are exactly 1..k.
	if (Math.max(...ranks) !== ranks.size) return { error: fail('rankGap') };
	return { value: { order: ranked.sort((a, b) => a.rank - b.rank).map((r) => r.id) } };
}

const ranking: TypeRules<'ranking'> = {
	fields: (q) => q.config.options.map((o) => fieldName(q.id, o.id)),
	parse(q, input) {
		const max = q.config.topK ?? q.config.options.length;
		const ranked: { id: string; rank: number }[] = [];
		for (const { id } of q.config.options) {
			const raw = readTrimmed(input, fieldName(q.id, id));
			if (raw === '') continue;
			const rank = /^\d+$/.test(raw) ? Number(raw) : 0;
			if (rank < 1 || rank > max) return { error: fail('invalidRank', { max }) };
			ranked.push({ id, rank });
		}
		return ranked.length === 0 ? null : rankOrder(ranked);
	},
	validate(q, v) {
		if (!hasShape(v, ['order']) || !isStringArray(v.order) || v.order.length === 0) {
			return invalid();
		}
		const ids = idsOf(q.config.options);
		if (new Set(v.order).size !== v.order.length) return fail('duplicateChoice');
		if (v.order.some((id) => !ids.has(id))) return fail('unknownOption');
		const expected = q.config.topK ?? q.config.options.length;
		return v.order.length === expected ? null : fail('rankCount', { expected });
	}
};

const matrix: TypeRules<'matrix'> = {
	fields: (q) => q.config.rows.map((r) => fieldName(q.id, r.id)),
	parse(q, input) {
		const rows: Record<string, string> = {};
		for (const { id } of q.config.rows) {
			const choice = input.get(fieldName(q.id, id)) ?? '';
			if (choice !== '') rows[id] = choice;
		}
		return Object.keys(rows).length === 0 ? null : { value: { rows } };
	},
	validate(q, v) {
		if (!hasShape(v, ['rows']) || !isRecord(v.rows)) return invalid();
		const entries = Object.entries(v.rows);
		if (
			entries.length === 0 ||
			!entries.every((e): e is [string, string] => typeof e[1] === 'string')
		) {
			return invalid();
		}
		const rowIds = idsOf(q.config.rows);
		const scale = idsOf(q.config.scale);
		if (q.config.allowNoAnswer) scale.add(NO_ANSWER);
		if (entries.some(([row, c]) => !rowIds.has(row) || !scale.has(c))) return fail('unknownOption');
		const missing = q.config.rows.length - entries.length;
		return q.required && missing > 0 ? fail('matrixIncomplete', { missing }) : null;
	}
};

const rating: TypeRules<'rating'> = {
	fields: (q) => [fieldName(q.id)],
	parse(q, input) {
		const raw = readTrimmed(input, fieldName(q.id));
		if (raw === '') return null;
		if (/^[+-]?\d+$/.test(raw)) return { value: { value: Number(raw) } };
		return { error: fail('outOfRange', { min: q.config.min, max: q.config.max }) };
	},
	validate(q, v) {
		if (!hasShape(v, ['value']) || typeof v.value !== 'number') return invalid();
		const { min, max } = q.config;
		const ok = Number.isInteger(v.value) && v.value >= min && v.value <= max;
		return ok ? null : fail('outOfRange', { min, max });
	}
};

function textRules<T extends 'short_text' | 'long_text'>(limit: number): TypeRules<T> {
	return {
		fields: (q) => [fieldName(q.id)],
		parse(q, input) {
			const text = normalizeText(input.get(fieldName(q.id)) ?? '');
			return text === '' ? null : { value: { text } };
		},
		validate(q, v) {
			if (!hasShape(v, ['text']) || typeof v.text !== 'string') return invalid();
			if (v.text === '' || v.text !== normalizeText(v.text)) return invalid();
			const length = textLength(v.text);
			const max = Math.min(q.config.maxLength, limit);
			if (length > max) return fail('tooLong', { max });
			return length < q.config.minLength ? fail('tooShort', { min: q.config.minLength }) : null;
		}
	};
}

// The HTML number input submits "3.5"; people typing into a text field in German write "3,5".
// A dot is always a decimal point, never a thousands separator, so "1.000" is one.
const NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:e[+-]?\d+)?$/i;

function numberRange({ min, max, unit }: NumberConfig, x: number): AnswerError | null {
	const lower = Math.max(min ?? -Infinity, -LIMITS.number);
	const upper = Math.min(max ?? Infinity, LIMITS.number);
	if (x >= lower && x <= upper) return null;
	const params: Record<string, string | number> = { unit };
	if (min !== null || x < lower) params.min = lower;
	if (max !== null || x > upper) params.max = upper;
	return fail('outOfRange', params);
}

const number: TypeRules<'number'> = {
	fields: (q) => [fieldName(q.id)],
	parse(q, input) {
		const raw = readTrimmed(input, fieldName(q.id));
		if (raw === '') return null;
		const value = NUMBER.test(raw) ? Number(raw.replace(',', '.')) : NaN;
		if (!Number.isFinite(value)) return { error: fail('notANumber') };
		// `|| 0` turns "-0" into 0.
		return { value: { value: value || 0 } };
	},
	validate(q, v) {
		if (!hasShape(v, ['value']) || typeof v.value !== 'number') return invalid();
		if (!Number.isFinite(v.value)) return fail('notANumber');
		if (q.config.integer && !Number.isInteger(v.value)) return fail('notAnInteger');
		return numberRange(q.config, v.value);
	}
};

function invalidAmount(q: QuestionOf<'budget'>): AnswerError {
	return fail('invalidAmount', { total: q.config.total, unit: q.config.unit });
}

const budget: TypeRules<'budget'> = {
	fields: (q) => q.config.options.map((o) => fieldName(q.id, o.id)),
	parse(q, input) {
		const allocation: Record<string, number> = {};
		for (const { id } of q.config.options) {
			const raw = readTrimmed(input, fieldName(q.id, id));
			if (raw !== '' && !/^\d+$/.test(raw)) return { error: invalidAmount(q) };
			allocation[id] = raw === '' ? 0 : Number(raw);
		}
		return Object.values(allocation).some((a) => a > 0) ? { value: { allocation } } : null;
	},
	validate(q, v) {
		if (!hasShape(v, ['allocation']) || !isRecord(v.allocation)) return invalid();
		const entries = Object.entries(v.allocation);
		if (!entries.every((e): e is [string, number] => typeof e[1] === 'number')) return invalid();
		const ids = idsOf(q.config.options);
		const { total, unit } = q.config;
		if (entries.some(([id]) => !ids.has(id))) return fail('unknownOption');
		if (entries.some(([, a]) => !Number.isInteger(a) || a < 0 || a > total))
			return invalidAmount(q);
		const sum = entries.reduce((s, [, a]) => s + a, 0);
		return sum === total ? null : fail('budgetTotal', { total, sum, unit });
	},
	// Nothing allocated on a required budget: saying how much is left to distribute helps more.
	missing: (q) => fail('budgetTotal', { total: q.config.total, sum: 0, unit: q.config.unit })
};

export const RULES: { [T in QuestionType]: TypeRules<T> } = {
	single,
	multiple,
	ranking,
	matrix,
	rating,
	short_text: textRules(LIMITS.shortText),
	long_text: textRules(LIMITS.longText),
	number,
	budget
};
