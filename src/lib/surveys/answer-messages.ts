// Messages for answers that cannot be accepted. Client-safe: the survey components show them next
// to the question, so nothing here may import server code.
import type { Locale } from '../i18n/index.ts';

export const ANSWER_ERROR_CODES = [
	'required',
	'hiddenQuestion',
	'unknownField',
	'invalidAnswer',
	'unknownOption',
	'otherTextMissing',
	'duplicateChoice',
	'tooFewChoices',
	'tooManyChoices',
	'invalidRank',
	'duplicateRank',
	'rankGap',
	'rankCount',
	'matrixIncomplete',
	'outOfRange',
	'notANumber',
	'notAnInteger',
	'tooLong',
	'tooShort',
	'invalidAmount',
	'budgetTotal'
] as const;
export type AnswerErrorCode = (typeof ANSWER_ERROR_CODES)[number];

export interface AnswerError {
	code: AnswerErrorCode;
	params?: Record<string, string | number>;
}

type Params = Record<string, string | number>;
type Text = (p: Params, n: (value: string | number | undefined) => string) => string;

/** "5 km", "5" without a unit. */
function withUnit(n: string, unit: string | number | undefined): string {
	return unit ? `${n} ${unit}` : n;
}

function range(p: Params, n: (v: string | number | undefined) => string, de: boolean): string {
	const min = p.min === undefined ? null : withUnit(n(p.min), p.unit);
	const max = p.max === undefined ? null : withUnit(n(p.max), p.unit);
	// "from 0.5 to 12.5 km": the unit once, after the upper bound.
	const from = n(p.min);
	if (de) {
		if (min !== null && max !== null)
			return `Bitte geben Sie einen Wert von ${from} bis ${max} an.`;
		if (min !== null) return `Bitte geben Sie einen Wert von mindestens ${min} an.`;
		if (max !== null) return `Bitte geben Sie einen Wert von höchstens ${max} an.`;
		return 'Dieser Wert liegt außerhalb des erlaubten Bereichs.';
	}
	if (min !== null && max !== null) return `Please enter a value from ${from} to ${max}.`;
	if (min !== null) return `Please enter a value of at least ${min}.`;
	if (max !== null) return `Please enter a value of at most ${max}.`;
	return 'This value is outside the allowed range.';
}

const DE: Record<AnswerErrorCode, Text> = {
	required: () => 'Bitte beantworten Sie diese Frage.',
	hiddenQuestion: () =>
		'Diese Frage wird nach Ihren bisherigen Antworten nicht gestellt; Ihre Antwort wurde nicht gespeichert.',
	unknownField: () =>
		'Das Formular enthält Felder, die nicht zu dieser Seite gehören. Bitte laden Sie die Seite neu und antworten Sie erneut.',
	invalidAnswer: () =>
		'Diese Antwort konnte nicht gelesen werden. Bitte beantworten Sie die Frage erneut.',
	unknownOption: () => 'Bitte wählen Sie eine der angebotenen Antworten.',
	otherTextMissing: () => 'Bitte beschreiben Sie kurz, was Sie mit „Sonstiges“ meinen.',
	duplicateChoice: () => 'Jede Antwort kann nur einmal gewählt werden.',
	tooFewChoices: (p, n) =>
		`Bitte wählen Sie mindestens ${n(p.min)} ${p.min === 1 ? 'Antwort' : 'Antworten'}.`,
	tooManyChoices: (p, n) =>
		`Bitte wählen Sie höchstens ${n(p.max)} ${p.max === 1 ? 'Antwort' : 'Antworten'}.`,
	invalidRank: (p, n) => `Bitte vergeben Sie nur ganze Zahlen von 1 bis ${n(p.max)} als Rang.`,
	duplicateRank: () => 'Jeder Rang darf nur einmal vergeben werden.',
	rankGap: () => 'Bitte vergeben Sie die Ränge lückenlos ab 1 (1, 2, 3 …).',
	rankCount: (p, n) =>
		`Bitte bringen Sie genau ${n(p.expected)} Optionen in eine Reihenfolge (Rang 1 bis ${n(p.expected)}).`,
	matrixIncomplete: (p, n) =>
		p.missing === 1
			? 'Bitte beantworten Sie jede Zeile; 1 Zeile fehlt noch.'
			: `Bitte beantworten Sie jede Zeile; ${n(p.missing)} Zeilen fehlen noch.`,
	outOfRange: (p, n) => range(p, n, true),
	notANumber: () => 'Bitte geben Sie eine Zahl ein, zum Beispiel 12 oder 3,5.',
	notAnInteger: () => 'Bitte geben Sie eine ganze Zahl ohne Nachkommastellen ein.',
	tooLong: (p, n) => `Bitte kürzen Sie Ihre Antwort auf höchstens ${n(p.max)} Zeichen.`,
	tooShort: (p, n) => `Bitte schreiben Sie mindestens ${n(p.min)} Zeichen.`,
	invalidAmount: (p, n) =>
		`Bitte geben Sie je Option eine ganze Zahl von 0 bis ${withUnit(n(p.total), p.unit)} ein.`,
	budgetTotal: (p, n) =>
		`Die Werte müssen zusammen genau ${withUnit(n(p.total), p.unit)} ergeben; Sie haben ${withUnit(n(p.sum), p.unit)} verteilt.`
};

const EN: Record<AnswerErrorCode, Text> = {
	required: () => 'Please answer this question.',
	hiddenQuestion: () =>
		'This question does not apply given your earlier answers; your answer was not saved.',
	unknownField: () =>
		'The form contains fields that do not belong to this page. Please reload the page and answer again.',
	invalidAnswer: () => 'This answer could not be read. Please answer the question again.',
	unknownOption: () => 'Please choose one of the answers offered.',
	otherTextMissing: () => 'Please describe briefly what you mean by “Other”.',
	duplicateChoice: () => 'Each answer can be chosen only once.',
	tooFewChoices: (p, n) =>
		`Please choose at least ${n(p.min)} ${p.min === 1 ? 'answer' : 'answers'}.`,
	tooManyChoices: (p, n) =>
		`Please choose at most ${n(p.max)} ${p.max === 1 ? 'answer' : 'answers'}.`,
	invalidRank: (p, n) => `Please use only whole numbers from 1 to ${n(p.max)} as ranks.`,
	duplicateRank: () => 'Each rank can be given only once.',
	rankGap: () => 'Please give the ranks without gaps, starting at 1 (1, 2, 3 …).',
	rankCount: (p, n) =>
		`Please put exactly ${n(p.expected)} options in order (rank 1 to ${n(p.expected)}).`,
	matrixIncomplete: (p, n) =>
		p.missing === 1
			? 'Please answer every row; 1 row is still missing.'
			: `Please answer every row; ${n(p.missing)} rows are still missing.`,
	outOfRange: (p, n) => range(p, n, false),
	notANumber: () => 'Please enter a number, for example 12 or 3.5.',
	notAnInteger: () => 'Please enter a whole number without decimals.',
	tooLong: (p, n) => `Please shorten your answer to at most ${n(p.max)} characters.`,
	tooShort: (p, n) => `Please write at least ${n(p.min)} characters.`,
	invalidAmount: (p, n) =>
		`Please enter a whole number from 0 to ${withUnit(n(p.total), p.unit)} for each option.`,
	budgetTotal: (p, n) =>
		`The amounts must add up to exactly ${withUnit(n(p.total), p.unit)}; you have allocated ${withUnit(n(p.sum), p.unit)}.`
};

const NUMBER_FORMATS: Record<Locale, Intl.NumberFormat> = {
	de: new Intl.NumberFormat('de-DE', { maximumFractionDigits: 6 }),
	en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 })
};

export function answerErrorMessage(error: AnswerError, locale: Locale): string {
	const format = NUMBER_FORMATS[locale];
	const n = (value: string | number | undefined) =>
		typeof value === 'number' ? format.format(value) : String(value ?? '');
	return (locale === 'de' ? DE : EN)[error.code](error.params ?? {}, n);
}
