import { zipStream, type ZipEntry } from './zip-stream.ts';

// A streaming XLSX (Office Open XML, ECMA-376) writer: the smallest set of parts Excel and
// LibreOffice open, strings inline (no shared-string table, which would need every string in
// memory before the first row), numbers as numbers, a bold header and a date style.

export type XlsxCell = string | number | null;

export interface XlsxSheet {
	/** At most 31 characters, none of []:*?/\ (Excel's rule). */
	name: string;
	header: string[];
	rows: () => AsyncIterable<XlsxCell[][]>;
	/** Columns whose values are wall-clock times 'YYYY-MM-DD HH:MM:SS', written as Excel dates. */
	dateColumns?: number[];
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const SHEET_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const STYLE_HEADER = 1;
const STYLE_DATE = 2;
/** Excel's day 0 is 1899-12-30 (with the 1900 leap-year bug folded in); Unix day 0 is serial 25569. */
const EXCEL_EPOCH_DAYS = 25569;

// XML 1.0 allows no C0 control characters except tab, newline and carriage return, and no lone
// surrogates; an answer containing one would make the whole file unreadable.
const INVALID_XML =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NEEDS_ESCAPE = new RegExp(`${INVALID_XML.source}|[&<>"]`);

export function xmlText(s: string): string {
	// Most answers need no escaping; testing once is cheaper than five replacements.
	if (!NEEDS_ESCAPE.test(s)) return s;
	return s
		.replace(INVALID_XML, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnName(index: number): string {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
		name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	}
	return name;
}

/** 'YYYY-MM-DD HH:MM:SS' as the day serial Excel stores dates as; null if it is not one. */
export function wallClockSerial(text: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
	if (!m) return null;
	const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as number[];
	return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) / 86_400_000 + EXCEL_EPOCH_DAYS;
}

function cellXml(ref: string, value: XlsxCell, style: number, isDate: boolean): string {
	if (value === null || value === '') return '';
	const s = style ? ` s="${style}"` : '';
	if (typeof value === 'number') {
		return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
	}
	const serial = isDate ? wallClockSerial(value) : null;
	if (serial !== null) return `<c r="${ref}" s="${STYLE_DATE}"><v>${serial}</v></c>`;
	return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`;
}

function rowXml(cells: XlsxCell[], r: number, names: string[], dates: Set<number>, style = 0) {
	let xml = `<row r="${r}">`;
	for (let i = 0; i < cells.length; i++) {
		xml += cellXml(`${names[i]}${r}`, cells[i]!, style, dates.has(i));
	}
	return `${xml}</row>`;
}

async function* sheetXml(sheet: XlsxSheet): AsyncGenerator<string> {
	const names = sheet.header.map((_, i) => columnName(i));
	const dates = new Set(sheet.dateColumns ?? []);
	// The header row stays in view while scrolling (a frozen pane below row 1).
	yield (
		`${XML_HEAD}<worksheet xmlns="${MAIN}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>` +
		rowXml(sheet.header, 1, names, new Set(), STYLE_HEADER)
	);
	let r = 2;
	for await (const batch of sheet.rows()) {
		let xml = '';
		for (const row of batch) xml += rowXml(row, r++, names, dates);
		yield xml;
	}
	yield '</sheetData></worksheet>';
}

const STYLES =
	`${XML_HEAD}<styleSheet xmlns="${MAIN}">` +
	'<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/></numFmts>' +
	'<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
	'<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
	'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
	'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
	'<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
	'<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
	'<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
	'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
	'</styleSheet>';

function packageParts(sheets: XlsxSheet[]): Record<string, string> {
	const overrides = sheets
		.map(
			(_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${SHEET_CT}"/>`
		)
		.join('');
	const sheetRels = sheets
		.map(
			(_, i) =>
				`<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
		)
		.join('');
	const sheetList = sheets
		.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
		.join('');
	return {
		'[Content_Types].xml': `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${overrides}</Types>`,
		'_rels/.rels': `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		'xl/workbook.xml': `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheetList}</sheets></workbook>`,
		'xl/_rels/workbook.xml.rels': `${XML_HEAD}<Relationships xmlns="${PKG_REL}">${sheetRels}<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
		'xl/styles.xml': STYLES
	};
}

async function* encoded(
	texts: AsyncIterable<string> | Iterable<string>
): AsyncGenerator<Uint8Array> {
	for await (const t of texts) yield Buffer.from(t, 'utf8');
}

/** The workbook's bytes; the sheets' rows are read only as the consumer pulls. */
export function xlsxStream(sheets: XlsxSheet[]): AsyncGenerator<Uint8Array> {
	const fixed: ZipEntry[] = Object.entries(packageParts(sheets)).map(([name, xml]) => ({
		name,
		data: () => encoded([xml])
	}));
	const sheetEntries: ZipEntry[] = sheets.map((sheet, i) => ({
		name: `xl/worksheets/sheet${i + 1}.xml`,
		data: () => encoded(sheetXml(sheet))
	}));
	return zipStream([...fixed, ...sheetEntries]);
}
