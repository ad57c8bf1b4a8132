import { format, messages, type Locale, type Messages } from '../../i18n/index.ts';
import type { QuestionFormInput } from '../../surveys/builder-types.ts';
import { OTHER, type Condition, type Option, type QuestionType } from '../../surveys/types.ts';
import { parseQuestionDefinition, type QuestionDefinition } from './question-definition.ts';

// The question form: text areas (one option per line) and text fields become a question
// definition for parseQuestionDefinition, with option ids kept stable across edits, and field
// errors placed at the fields the planner filled in.

export type { QuestionFormInput };

const TEXT_KEYS = [
	'options',
	'minSelect',
	'maxSelect',
	'topK',
	'rows',
	'scale',
	'ratingRange',
	'minLabel',
	'maxLabel',
	'minLength',
	'maxLength',
	'min',
	'max',
	'unit',
	'total',
	'conditionQuestion'
] as const;
const FLAG_KEYS = ['allowOther', 'allowNoAnswer', 'integer'] as const;
// Far above anything valid (30 options of 200 characters), so nothing valid is cut.
const MAX_FIELD = 50_000;

export function readQuestionForm(form: FormData): QuestionFormInput {
	const text = (key: string) => {
		const v = form.get(key);
		return typeof v === 'string' ? v.slice(0, MAX_FIELD) : undefined;
	};
	const input: QuestionFormInput = {
		title: text('title') ?? '',
		help: text('help') ?? '',
		required: form.has('required'),
		conditionOptions: form
			.getAll('conditionOption')
			.filter((v): v is string => typeof v === 'string')
			.slice(0, 200)
	};
	for (const key of TEXT_KEYS) {
		const v = text(key);
		if (v !== undefined) input[key] = v;
	}
	for (const key of FLAG_KEYS) input[key] = form.has(key);
	return input;
}

/** Non-blank lines, trimmed, with their 1-based line numbers for messages. */
export function parseLines(text: string | undefined): { label: string; line: number }[] {
	return (text ?? '')
		.split(/\r\n|\r|\n/)
		.map((raw, i) => ({ label: raw.trim(), line: i + 1 }))
		.filter((l) => l.label !== '');
}

/**
 * Gives each label an id: the id of the option that had exactly this label, else that of the
 * option at the same place if its label is gone (a rename), else the lowest free `<prefix>N`.
 * Answers refer to ids, so an unchanged option keeps meaning the same thing.
 */
export function assignOptionIds(labels: string[], previous: Option[], prefix: string): Option[] {
	const ids: (string | null)[] = labels.map(() => null);
	const taken = new Set<string>();
	labels.forEach((label, i) => {
		const same = previous.find((p) => p.label === label && !taken.has(p.id));
		if (same) {
			ids[i] = same.id;
			taken.add(same.id);
		}
	});
	const stillListed = new Set(labels);
	labels.forEach((_, i) => {
		const atPlace = previous[i];
		if (ids[i] || !atPlace || taken.has(atPlace.id) || stillListed.has(atPlace.label)) return;
		ids[i] = atPlace.id;
		taken.add(atPlace.id);
	});
	const used = new Set([...previous.map((p) => p.id), ...taken]);
	let n = 1;
	return labels.map((label, i) => {
		let id = ids[i];
		if (!id) {
			while (used.has(`${prefix}${n}`)) n++;
			id = `${prefix}${n}`;
			used.add(id);
		}
		return { id, label };
	});
}

const NUMBER = /^[+-]?\d+(?:[.,]\d+)?(?:e[+-]?\d+)?$/i;

/** German decimal commas welcome; anything else that is not a plain number becomes NaN. */
export function parseNumber(raw: string | undefined): number | null {
	const v = (raw ?? '').trim();
	if (!v) return null;
	if (!NUMBER.test(v)) return NaN;
	const n = Number(v.replace(',', '.'));
	return Number.isFinite(n) ? n : NaN;
}

const required = (n: number | null) => n ?? NaN;

export type QuestionFormOutcome =
	{ ok: true; value: QuestionDefinition } | { ok: false; errors: Record<string, string> };

type Lists = Partial<Record<'options' | 'rows' | 'scale', { label: string; line: number }[]>>;

function listOf(
	key: 'options' | 'rows' | 'scale',
	prefix: string,
	input: QuestionFormInput,
	previous: Record<string, unknown>,
	lists: Lists,
	errors: Record<string, string>,
	m: Messages
): Option[] {
	const lines = parseLines(input[key]);
	lists[key] = lines;
	const seen = new Map<string, number>();
	for (const { label, line } of lines) {
		const folded = label.toLocaleLowerCase('de');
		const first = seen.get(folded);
		if (first !== undefined && !errors[key]) {
			errors[key] = format(m.sbDuplicateLabel, { label, first, line });
		}
		seen.set(folded, first ?? line);
	}
	const before = Array.isArray(previous[key]) ? (previous[key] as Option[]) : [];
	return assignOptionIds(
		lines.map((l) => l.label),
		before,
		prefix
	);
}

function configFromForm(
	type: QuestionType,
	input: QuestionFormInput,
	previous: Record<string, unknown>,
	lists: Lists,
	errors: Record<string, string>,
	m: Messages
): Record<string, unknown> {
	const list = (key: 'options' | 'rows' | 'scale', prefix: string) =>
		listOf(key, prefix, input, previous, lists, errors, m);
	const text = (key: 'minLabel' | 'maxLabel' | 'unit') => input[key] ?? '';
	switch (type) {
		case 'single':
			return { options: list('options', 'o'), allowOther: !!input.allowOther };
		case 'multiple':
			return {
				options: list('options', 'o'),
				allowOther: !!input.allowOther,
				minSelect: parseNumber(input.minSelect),
				maxSelect: parseNumber(input.maxSelect)
			};
		case 'ranking':
			return { options: list('options', 'o'), topK: parseNumber(input.topK) };
		case 'matrix':
			return {
				rows: list('rows', 'r'),
				scale: list('scale', 's'),
				allowNoAnswer: !!input.allowNoAnswer
			};
		case 'rating': {
			const [min, max] = (input.ratingRange ?? '').split('-').map(Number);
			return { min, max, minLabel: text('minLabel'), maxLabel: text('maxLabel') };
		}
		case 'short_text':
		case 'long_text':
			return {
				minLength: required(parseNumber(input.minLength)),
				maxLength: required(parseNumber(input.maxLength))
			};
		case 'number':
			return {
				min: parseNumber(input.min),
				max: parseNumber(input.max),
				integer: !!input.integer,
				unit: text('unit')
			};
		case 'budget':
			return {
				options: list('options', 'o'),
				total: required(parseNumber(input.total)),
				unit: text('unit')
			};
	}
}

function conditionFromForm(
	input: QuestionFormInput,
	errors: Record<string, string>,
	m: Messages
): Condition | null {
	const questionId = (input.conditionQuestion ?? '').trim();
	const ticked = input.conditionOptions ?? [];
	if (!questionId) {
		if (ticked.length) errors.condition = m.sbConditionNoQuestion;
		return null;
	}
	const prefix = `${questionId}:`;
	if (ticked.some((v) => !v.startsWith(prefix))) errors.condition = m.sbConditionOtherQuestion;
	return {
		questionId,
		optionIds: ticked.filter((v) => v.startsWith(prefix)).map((v) => v.slice(prefix.length))
	};
}

/** Which form field shows an issue of parseQuestionDefinition, and with which words. */
function placeIssue(
	type: QuestionType,
	path: string,
	message: string,
	lists: Lists,
	m: Messages
): [string, string] {
	const [head, key, index] = path.split('.');
	if (head === 'title' || head === 'help' || head === 'required' || head === 'type') {
		return [head, message];
	}
	if (head === 'condition') return ['condition', message];
	if (head !== 'config' || !key) return ['form', message];
	if (type === 'rating' && (key === 'min' || key === 'max')) return ['ratingRange', message];
	if ((key === 'options' || key === 'rows' || key === 'scale') && index !== undefined) {
		const line = lists[key]?.[Number(index)]?.line;
		return [key, line ? format(m.sbLineError, { line, message }) : message];
	}
	return [key, message];
}

/**
 * Builds a question definition from the form and checks it. `previous` is the stored config of
 * the same type, whose option ids are kept. Whether the condition points at a fitting question
 * needs the whole survey; the builder service checks that.
 */
export function definitionFromForm(
	type: QuestionType,
	input: QuestionFormInput,
	previous: object,
	locale: Locale
): QuestionFormOutcome {
	const m = messages(locale);
	const errors: Record<string, string> = {};
	const lists: Lists = {};
	const config = configFromForm(type, input, previous as Record<string, unknown>, lists, errors, m);
	const condition = conditionFromForm(input, errors, m);
	const result = parseQuestionDefinition({
		type,
		title: input.title,
		help: input.help,
		required: input.required,
		config,
		condition
	});
	if (!result.ok) {
		for (const issue of result.issues) {
			const [field, message] = placeIssue(type, issue.path, issue.message, lists, m);
			errors[field] ??= message;
		}
	}
	if (Object.keys(errors).length || !result.ok) return { ok: false, errors };
	return { ok: true, value: result.value };
}

/** The options a condition on this question may name: its options, and "other" if offered. */
export function conditionChoices(
	config: { options: Option[]; allowOther?: boolean },
	otherLabel: string
): Option[] {
	return config.allowOther
		? [...config.options, { id: OTHER, label: otherLabel }]
		: [...config.options];
}

/** What the form shows for a stored question: the same fields readQuestionForm reads. */
export function questionFormValues(q: {
	title: string;
	help: string;
	required: boolean;
	config: object;
	condition: Condition | null;
}): QuestionFormInput {
	const c = q.config as Record<string, unknown>;
	const lines = (key: string) =>
		Array.isArray(c[key]) ? (c[key] as Option[]).map((o) => o.label).join('\n') : undefined;
	const str = (key: string) =>
		c[key] === null || c[key] === undefined ? '' : String(c[key] as string | number);
	const values: QuestionFormInput = {
		title: q.title,
		help: q.help,
		required: q.required,
		options: lines('options'),
		rows: lines('rows'),
		scale: lines('scale'),
		allowOther: c.allowOther === true,
		allowNoAnswer: c.allowNoAnswer === true,
		integer: c.integer === true,
		conditionQuestion: q.condition?.questionId ?? '',
		conditionOptions: q.condition
			? q.condition.optionIds.map((id) => `${q.condition!.questionId}:${id}`)
			: []
	};
	for (const key of ['minSelect', 'maxSelect', 'topK', 'minLength', 'maxLength', 'min', 'max'])
		if (key in c) values[key as 'min'] = str(key);
	for (const key of ['minLabel', 'maxLabel', 'unit', 'total'] as const)
		if (key in c) values[key] = str(key);
	if ('min' in c && 'maxLabel' in c) values.ratingRange = `${str('min')}-${str('max')}`;
	return values;
}

/** The form as the page shows it again: check boxes as 'on' or '', ticked boxes one per line. */
export function echoQuestionForm(input: QuestionFormInput): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of Object.entries(input)) {
		if (typeof value === 'string') values[key] = value;
		else if (typeof value === 'boolean') values[key] = value ? 'on' : '';
		else if (Array.isArray(value)) values[key] = value.join('\n');
	}
	return values;
}
