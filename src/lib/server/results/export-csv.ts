import type { Locale } from '../../i18n/index.ts';
import { CSV_BOM, csvLine, numberCell, textCell, type CsvSeparator } from '../http/csv.ts';
import { codebook, codebookCells, codebookHeader } from './export-codebook.ts';
import type { ExportColumn, ExportValue, ValueMode } from './export-columns.ts';

function valueCell(v: ExportValue, sep: CsvSeparator): string {
	if (v === null) return '';
	return typeof v === 'number' ? numberCell(v, sep) : textCell(v, sep);
}

/**
 * The responses as CSV, one chunk per batch: UTF-8 with a byte order mark, CRLF, comma or
 * semicolon (then with decimal commas, as German Excel expects), header of labels or codes.
 */
export async function* responsesCsv(
	columns: ExportColumn[],
	mode: ValueMode,
	sep: CsvSeparator,
	batches: AsyncIterable<ExportValue[][]> | Iterable<ExportValue[][]>
): AsyncGenerator<string> {
	const header = columns.map((c) => textCell(mode === 'codes' ? c.code : c.label, sep));
	yield CSV_BOM + csvLine(header, sep);
	for await (const batch of batches) {
		let chunk = '';
		for (const row of batch)
			chunk += csvLine(
				row.map((v) => valueCell(v, sep)),
				sep
			);
		yield chunk;
	}
}

/** The column scheme as its own small CSV, for the CSV export (which has no second sheet). */
export function codebookCsv(columns: ExportColumn[], locale: Locale, sep: CsvSeparator): string {
	const lines = [codebookHeader(locale), ...codebook(columns, locale).map(codebookCells)];
	return (
		CSV_BOM +
		lines
			.map((l) =>
				csvLine(
					l.map((c) => textCell(c, sep)),
					sep
				)
			)
			.join('')
	);
}
