import { messages, type Locale } from '../../i18n/index.ts';
import type { ExportColumn } from './export-columns.ts';

/** One codebook line per export column: what it is called, which question, what its values mean. */
export interface CodebookEntry {
	code: string;
	label: string;
	question: string;
	type: string;
	values: string;
}

export function codebook(columns: ExportColumn[], locale: Locale): CodebookEntry[] {
	const m = messages(locale);
	return columns.map((c) => ({
		code: c.code,
		label: c.label,
		question: c.questionTitle,
		type: c.type === 'meta' ? m.reTypeMeta : m[`sbType_${c.type}`],
		values: c.values
	}));
}

/** The codebook's own header, in the order of CodebookEntry's fields. */
export function codebookHeader(locale: Locale): string[] {
	const m = messages(locale);
	return [m.reCbCode, m.reCbLabel, m.reCbQuestion, m.reCbType, m.reCbValues];
}

export const codebookCells = (e: CodebookEntry): string[] => [
	e.code,
	e.label,
	e.question,
	e.type,
	e.values
];
