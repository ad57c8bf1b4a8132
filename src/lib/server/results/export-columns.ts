import { messages, type Locale } from '../../i18n/index.ts';
import {
	NO_ANSWER,
	OTHER,
	type Answer,
	type Answers,
	type Option,
	type Question,
	type QuestionType
} from '../../surveys/types.ts';

// The column scheme of a survey export: one column per question, or one per option or matrix row
// where a question holds several values. Codes ("q3", "q3_o2") use the question's position in the
// survey and the option ids, which never change once a survey has responses (its structure is
// locked then; changes make a new version), so scripts written against one export read the next.

/** Labels: option labels and question titles, as people read them. Codes: option ids, as scripts read them. */
export type ValueMode = 'labels' | 'codes';

export type ExportValue = string | number | null;

export interface ExportColumn {
	/** Stable machine name: "nr", "submitted_at", "q3", "q3_o2", "q3_other_text". */
	code: string;
	/** The question the column belongs to; '' for the meta columns. */
	questionId: string;
	/** Header in label mode: the question title, with the option or row after a dash. */
	label: string;
	questionTitle: string;
	/** Question type, or "meta" for the response number and times. */
	type: QuestionType | 'meta';
	/** What the values mean, for the codebook. */
	values: string;
	/** Holds free text the planners may hide as abusive (exported empty then). */
	freeText: boolean;
	read: (answer: Answer | undefined, mode: ValueMode) => ExportValue;
}

type Messages = ReturnType<typeof messages>;
type Make = (q: Question, n: number, m: Messages) => ExportColumn[];

const valueList = (options: Option[]) => options.map((o) => `${o.id} = ${o.label}`).join('; ');

function column(
	q: Question,
	code: string,
	label: string,
	values: string,
	read: ExportColumn['read'],
	freeText = false
): ExportColumn {
	return {
		code,
		questionId: q.id,
		label,
		questionTitle: q.title,
		type: q.type,
		values,
		freeText,
		read
	};
}

/** Label of an option id in label mode, the id itself in code mode ("other" for Sonstiges). */
function optionValue(options: Option[], id: string, mode: ValueMode, m: Messages): string {
	if (id === OTHER) return mode === 'codes' ? 'other' : m.surveyOther;
	if (mode === 'codes') return id;
	return options.find((o) => o.id === id)?.label ?? id;
}

function otherText(q: Question, n: number, m: Messages): ExportColumn {
	return column(
		q,
		`q${n}_other_text`,
		`${q.title} – ${m.reOtherText}`,
		m.reValuesText,
		(a) => {
			const other = (a as { other?: string } | undefined)?.other;
			return other ?? null;
		},
		true
	);
}

const single: Make = (q, n, m) => {
	const { options, allowOther } = (q as Question & { type: 'single' }).config;
	const listed = allowOther ? [...options, { id: 'other', label: m.surveyOther }] : options;
	const choice = column(q, `q${n}`, q.title, valueList(listed), (a, mode) => {
		const v = a as Answers['single'] | undefined;
		return v ? optionValue(options, v.choice, mode, m) : null;
	});
	return allowOther ? [choice, otherText(q, n, m)] : [choice];
};

const multiple: Make = (q, n, m) => {
	const { options, allowOther } = (q as Question & { type: 'multiple' }).config;
	const listed = allowOther ? [...options, { id: OTHER, label: m.surveyOther }] : options;
	const flags = listed.map((o) => {
		const code = o.id === OTHER ? `q${n}_other` : `q${n}_${o.id}`;
		return column(q, code, `${q.title} – ${o.label}`, m.reValuesFlag, (a) => {
			const v = a as Answers['multiple'] | undefined;
			return v ? (v.choices.includes(o.id) ? 1 : 0) : null;
		});
	});
	return allowOther ? [...flags, otherText(q, n, m)] : flags;
};

const ranking: Make = (q, n, m) =>
	(q as Question & { type: 'ranking' }).config.options.map((o) =>
		column(q, `q${n}_${o.id}`, `${q.title} – ${o.label}`, m.reValuesRank, (a) => {
			const order = (a as Answers['ranking'] | undefined)?.order;
			if (!order) return null;
			const at = order.indexOf(o.id);
			return at < 0 ? null : at + 1;
		})
	);

const matrix: Make = (q, n, m) => {
	const { rows, scale, allowNoAnswer } = (q as Question & { type: 'matrix' }).config;
	const listed = allowNoAnswer ? [...scale, { id: 'na', label: m.surveyNoAnswer }] : scale;
	return rows.map((row) =>
		column(q, `q${n}_${row.id}`, `${q.title} – ${row.label}`, valueList(listed), (a, mode) => {
			const choice = (a as Answers['matrix'] | undefined)?.rows[row.id];
			if (choice === undefined) return null;
			if (choice === NO_ANSWER) return mode === 'codes' ? 'na' : m.surveyNoAnswer;
			return optionValue(scale, choice, mode, m);
		})
	);
};

const budget: Make = (q, n, m) => {
	const { options, unit } = (q as Question & { type: 'budget' }).config;
	return options.map((o) =>
		column(q, `q${n}_${o.id}`, `${q.title} – ${o.label}`, `${m.reValuesAmount} (${unit})`, (a) => {
			const v = (a as Answers['budget'] | undefined)?.allocation[o.id];
			return v ?? (a ? 0 : null);
		})
	);
};

const numeric: Make = (q, n, m) => [
	column(
		q,
		`q${n}`,
		q.title,
		m.reValuesNumber,
		(a) => (a as { value?: number } | undefined)?.value ?? null
	)
];

const text: Make = (q, n, m) => [
	column(
		q,
		`q${n}`,
		q.title,
		m.reValuesText,
		(a) => (a as { text?: string } | undefined)?.text ?? null,
		true
	)
];

const MAKERS: Record<QuestionType, Make> = {
	single,
	multiple,
	ranking,
	matrix,
	rating: numeric,
	number: numeric,
	budget,
	short_text: text,
	long_text: text
};

function metaColumn(code: string, label: string, values: string): ExportColumn {
	return {
		code,
		questionId: '',
		label,
		questionTitle: '',
		type: 'meta',
		values,
		freeText: false,
		read: () => null
	};
}

/** Every column of the export in order: number, times, then the questions in survey order. */
export function exportColumns(questions: Question[], locale: Locale): ExportColumn[] {
	const m = messages(locale);
	return [
		metaColumn('nr', m.reColNumber, m.reValuesNumberMeta),
		metaColumn('submitted_at', m.reColSubmittedUtc, m.reValuesUtc),
		metaColumn('submitted_local', m.reColSubmittedLocal, m.reValuesLocal),
		...questions.flatMap((q, i) => MAKERS[q.type](q, i + 1, m))
	];
}

/** Names of the meta columns, which the row reader fills itself. */
export const META_COLUMNS = 3;
