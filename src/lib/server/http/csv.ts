// CSV that German Excel and LibreOffice open correctly, shared by every export (map comments,
// survey responses, published aggregates): RFC 4180 quoting, CRLF lines, UTF-8 with a byte order
// mark, comma or semicolon, and a guard against formula injection.

export type CsvSeparator = ',' | ';';

/** Excel otherwise guesses Windows-1252 and shows "Ã¤" for "ä". */
export const CSV_BOM = '\uFEFF';

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection");
// a leading apostrophe makes Excel and LibreOffice show it as text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function textCell(value: string, sep: CsvSeparator): string {
	const safe = FORMULA_START.test(value) ? `'${value}` : value;
	return /["\r\n]/.test(safe) || safe.includes(sep) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** German Excel reads "7,335" as a number only with a decimal comma, which the semicolon allows. */
export function numberCell(value: number | null, sep: CsvSeparator): string {
	if (value === null) return '';
	const text = String(value);
	return sep === ';' ? text.replace('.', ',') : text;
}

/** One line of already escaped cells, with the CRLF RFC 4180 asks for. */
export function csvLine(cells: string[], sep: CsvSeparator): string {
	return `${cells.join(sep)}\r\n`;
}
