// A question as the survey builder saves it. Whether a condition points at an existing single or
// multiple choice question on an earlier page needs the whole survey, so the builder checks that.
import { z } from 'zod';
import {
	LIMITS,
	type QuestionConfigs,
	type QuestionOf,
	type QuestionType
} from '../../surveys/types.ts';

type DefinitionOf<T extends QuestionType> = Pick<
	QuestionOf<T>,
	'type' | 'title' | 'help' | 'required' | 'config' | 'condition'
>;
export type QuestionDefinition = { [T in QuestionType]: DefinitionOf<T> }[QuestionType];

export type DefinitionResult =
	| { ok: true; value: QuestionDefinition }
	| { ok: false; issues: { path: string; message: string }[] };

// Option ids become parts of form field names and JSON keys. Ids starting with "__" are kept for
// the reserved "__other" and "__na", and keep "__proto__" out of answer objects.
const OPTION_ID = /^[a-z0-9_-]{1,20}$/;

const optionId = z
	.string()
	.regex(OPTION_ID, 'Eine Kennung besteht aus 1 bis 20 Kleinbuchstaben, Ziffern, „_“ oder „-“.')
	.refine((id) => !id.startsWith('__'), 'Kennungen, die mit „__“ beginnen, sind reserviert.');

const label = (max: number, what: string) =>
	z.string().trim().max(max, `${what} darf höchstens ${max} Zeichen lang sein.`);

const option = z.object({
	id: optionId,
	label: label(LIMITS.optionLabel, 'Eine Beschriftung').min(
		1,
		'Bitte geben Sie eine Beschriftung ein.'
	)
});

function optionList(min: number, max: number, tooFew: string, tooMany: string) {
	return z
		.array(option)
		.min(min, tooFew)
		.max(max, tooMany)
		.superRefine((list, ctx) => {
			const seen = new Set<string>();
			list.forEach(({ id }, i) => {
				if (seen.has(id)) {
					ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'Diese Kennung ist doppelt.' });
				}
				seen.add(id);
			});
		});
}

const options = optionList(
	2,
	LIMITS.options,
	'Bitte legen Sie mindestens 2 Antwortmöglichkeiten an.',
	`Höchstens ${LIMITS.options} Antwortmöglichkeiten sind möglich.`
);
const count = z
	.int('Bitte geben Sie eine ganze Zahl ein.')
	.min(0, 'Die Zahl darf nicht negativ sein.');
const flag = z.boolean('Bitte wählen Sie Ja oder Nein.');
const unit = label(20, 'Die Einheit');

type Ctx = z.core.$RefinementCtx;

function noMoreThan(ctx: Ctx, path: string, value: number | null, limit: number, message: string) {
	if (value !== null && value > limit) ctx.addIssue({ code: 'custom', path: [path], message });
}

const singleConfig = z.object({ options, allowOther: flag });

const multipleConfig = z
	.object({ options, allowOther: flag, minSelect: count.nullable(), maxSelect: count.nullable() })
	.superRefine(({ options, minSelect, maxSelect }, ctx) => {
		const n = options.length;
		const tooMany = `Es gibt nur ${n} Antwortmöglichkeiten.`;
		noMoreThan(ctx, 'minSelect', minSelect, n, tooMany);
		noMoreThan(ctx, 'maxSelect', maxSelect, n, tooMany);
		if (maxSelect === 0) {
			ctx.addIssue({
				code: 'custom',
				path: ['maxSelect'],
				message: 'Die Höchstzahl muss mindestens 1 sein.'
			});
		}
		if (minSelect !== null && maxSelect !== null) {
			noMoreThan(
				ctx,
				'minSelect',
				minSelect,
				maxSelect,
				'Die Mindestzahl ist größer als die Höchstzahl.'
			);
		}
	});

const rankingConfig = z
	.object({ options, topK: count.min(1, 'Bitte ordnen Sie mindestens 1 Option.').nullable() })
	.superRefine(({ options, topK }, ctx) => {
		noMoreThan(ctx, 'topK', topK, options.length, `Es gibt nur ${options.length} Optionen.`);
	});

const matrixConfig = z.object({
	rows: optionList(
		1,
		LIMITS.matrixRows,
		'Bitte legen Sie mindestens eine Zeile an.',
		`Höchstens ${LIMITS.matrixRows} Zeilen sind möglich.`
	),
	scale: optionList(
		2,
		11,
		'Eine Skala braucht mindestens 2 Stufen.',
		'Eine Skala hat höchstens 11 Stufen.'
	),
	allowNoAnswer: flag
});

const ratingConfig = z.object({
	min: z.union([z.literal(0), z.literal(1)], 'Eine Bewertung beginnt bei 0 oder 1.'),
	max: z.union([z.literal(5), z.literal(10)], 'Eine Bewertung endet bei 5 oder 10.'),
	minLabel: label(LIMITS.optionLabel, 'Eine Beschriftung'),
	maxLabel: label(LIMITS.optionLabel, 'Eine Beschriftung')
});

function textConfig(limit: number) {
	return z
		.object({
			minLength: count,
			maxLength: count
				.min(1, 'Die Höchstlänge muss mindestens 1 Zeichen sein.')
				.max(limit, `Die Höchstlänge darf ${limit} Zeichen nicht überschreiten.`)
		})
		.superRefine(({ minLength, maxLength }, ctx) => {
			noMoreThan(
				ctx,
				'minLength',
				minLength,
				maxLength,
				'Die Mindestlänge ist größer als die Höchstlänge.'
			);
		});
}

const bound = z
	.number('Bitte geben Sie eine Zahl ein.')
	.min(-LIMITS.number, 'Diese Grenze ist zu klein.')
	.max(LIMITS.number, 'Diese Grenze ist zu groß.')
	.nullable();

const numberConfig = z
	.object({ min: bound, max: bound, integer: flag, unit })
	.superRefine(({ min, max }, ctx) => {
		if (max !== null) noMoreThan(ctx, 'min', min, max, 'Das Minimum ist größer als das Maximum.');
	});

const budgetConfig = z.object({
	options,
	total: z
		.int('Bitte geben Sie eine ganze Zahl ein.')
		.min(1, 'Die Summe muss mindestens 1 sein.')
		.max(
			LIMITS.budgetTotal,
			`Die Summe darf höchstens ${LIMITS.budgetTotal.toLocaleString('de-DE')} sein.`
		),
	unit
});

const CONFIG_SCHEMAS = {
	single: singleConfig,
	multiple: multipleConfig,
	ranking: rankingConfig,
	matrix: matrixConfig,
	rating: ratingConfig,
	short_text: textConfig(LIMITS.shortText),
	long_text: textConfig(LIMITS.longText),
	number: numberConfig,
	budget: budgetConfig
} satisfies { [T in QuestionType]: z.ZodType<QuestionConfigs[T]> };

const condition = z
	.object({
		questionId: z.uuid('Bitte wählen Sie die Frage, von der diese Frage abhängt.'),
		optionIds: z
			.array(z.string().regex(OPTION_ID, 'Unbekannte Antwortmöglichkeit.'))
			.min(1, 'Bitte wählen Sie mindestens eine Antwort, bei der diese Frage erscheint.')
			.max(LIMITS.options + 1, 'Zu viele Antworten ausgewählt.')
	})
	.nullable();

function variant<T extends QuestionType>(type: T) {
	return z.object({
		type: z.literal(type),
		title: label(LIMITS.title, 'Der Fragetext').min(1, 'Bitte geben Sie einen Fragetext ein.'),
		help: label(LIMITS.help, 'Der Hilfetext'),
		required: flag,
		config: CONFIG_SCHEMAS[type],
		condition
	});
}

const questionDefinition = z.discriminatedUnion(
	'type',
	[
		variant('single'),
		variant('multiple'),
		variant('ranking'),
		variant('matrix'),
		variant('rating'),
		variant('short_text'),
		variant('long_text'),
		variant('number'),
		variant('budget')
	],
	{
		error: (issue) =>
			issue.code === 'invalid_union'
				? 'Bitte wählen Sie einen der angebotenen Fragetypen.'
				: undefined
	}
);

/** Messages for what the schemas above do not word themselves (missing or mistyped fields). */
function fallbackMessage(issue: z.core.$ZodRawIssue): string {
	return issue.code === 'invalid_type'
		? 'Dieser Wert fehlt oder hat das falsche Format.'
		: 'Dieser Wert ist ungültig.';
}

/** Issues carry German messages, one per field (the first found), keyed by a dotted path. */
export function parseQuestionDefinition(input: unknown): DefinitionResult {
	const result = questionDefinition.safeParse(input, { error: fallbackMessage });
	if (result.success) return { ok: true, value: result.data };
	const issues = new Map<string, string>();
	for (const issue of result.error.issues) {
		const path = issue.path.map(String).join('.');
		if (!issues.has(path)) issues.set(path, issue.message);
	}
	return { ok: false, issues: [...issues].map(([path, message]) => ({ path, message })) };
}

const AGREEMENT = [
	'stimme voll zu',
	'stimme eher zu',
	'teils/teils',
	'stimme eher nicht zu',
	'stimme gar nicht zu'
];

function numbered(prefix: string, word: string, n: number) {
	return Array.from({ length: n }, (_, i) => ({
		id: `${prefix}${i + 1}`,
		label: `${word} ${i + 1}`
	}));
}

const DEFAULT_CONFIGS: QuestionConfigs = {
	single: { options: numbered('o', 'Option', 2), allowOther: false },
	multiple: {
		options: numbered('o', 'Option', 3),
		allowOther: false,
		minSelect: null,
		maxSelect: null
	},
	ranking: { options: numbered('o', 'Option', 3), topK: null },
	matrix: {
		rows: numbered('r', 'Aussage', 2),
		scale: AGREEMENT.map((label, i) => ({ id: `s${i + 1}`, label })),
		allowNoAnswer: true
	},
	rating: { min: 1, max: 5, minLabel: 'sehr schlecht', maxLabel: 'sehr gut' },
	short_text: { minLength: 0, maxLength: LIMITS.shortText },
	long_text: { minLength: 0, maxLength: LIMITS.longText },
	number: { min: null, max: null, integer: false, unit: '' },
	budget: { options: numbered('o', 'Option', 3), total: 100, unit: 'Punkte' }
};

/** A starting point for the builder that passes the schema above. */
export function defaultConfig<T extends QuestionType>(type: T): QuestionConfigs[T] {
	return structuredClone(DEFAULT_CONFIGS[type]);
}
