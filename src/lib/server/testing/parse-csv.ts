// Test helper for the CSV exports.

/** A small RFC 4180 reader, so the test checks what a spreadsheet would read. */
export function parseCsv(text: string, sep: string): string[][] {
	const out: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		if (quoted && ch === '"' && text[i + 1] === '"') {
			cell += '"';
			i++;
		} else if (quoted && ch === '"') {
			quoted = false;
		} else if (quoted) {
			cell += ch;
		} else if (ch === '"') {
			quoted = true;
		} else if (ch === sep) {
			row.push(cell);
			cell = '';
		} else if (ch === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			out.push(row);
			row = [];
			cell = '';
			i++;
		} else {
			cell += ch;
		}
	}
	return out;
}

/** Rows of a CSV with a header line as objects keyed by column name. */
export function csvRecords(text: string, sep: string): Record<string, string>[] {
	const [header, ...rows] = parseCsv(text, sep);
	return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}
