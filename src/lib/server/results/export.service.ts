import { messages, type Locale } from '../../i18n/index.ts';
import type { Db } from '../db/index.ts';
import type { CsvSeparator } from '../http/csv.ts';
import { fileSlug } from '../surveys/builder-forms.ts';
import { berlinToday } from '../consultations/phases.ts';
import { countResponses, findSurvey, type Survey } from '../surveys/surveys.repository.ts';
import { codebook, codebookCells, codebookHeader } from './export-codebook.ts';
import { exportColumns, type ExportColumn, type ValueMode } from './export-columns.ts';
import { codebookCsv, responsesCsv } from './export-csv.ts';
import { responsesJson } from './export-json.ts';
import { exportRowBatches, sampleExportRows } from './export-rows.ts';
import { xlsxStream } from './xlsx.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
	separator: CsvSeparator;
	mode: ValueMode;
}

export type ParsedExportQuery =
	{ ok: true; options: ExportOptions } | { ok: false; message: string };

const SEPARATORS: Record<string, CsvSeparator> = { komma: ',', semikolon: ';' };
const MODES: Record<string, ValueMode> = { beschriftungen: 'labels', codes: 'codes' };

/** `?trenner=komma|semikolon&werte=beschriftungen|codes`; absent means comma and labels. */
export function parseExportQuery(params: URLSearchParams, locale: Locale): ParsedExportQuery {
	const m = messages(locale);
	const separator = SEPARATORS[params.get('trenner') ?? 'komma'];
	if (!separator || params.getAll('trenner').length > 1)
		return { ok: false, message: m.reBadSeparator };
	const mode = MODES[params.get('werte') ?? 'beschriftungen'];
	if (!mode || params.getAll('werte').length > 1) return { ok: false, message: m.reBadValues };
	return { ok: true, options: { separator, mode } };
}

/** The query string that asks for these options, for links and redirects. */
export function exportQuery(options: ExportOptions): string {
	const trenner = options.separator === ';' ? 'semikolon' : 'komma';
	const werte = options.mode === 'codes' ? 'codes' : 'beschriftungen';
	return `trenner=${trenner}&werte=${werte}`;
}

export interface ExportFile {
	/** ASCII only, for `filename=`. */
	asciiName: string;
	/** The readable name, for `filename*=UTF-8''…` (RFC 6266). */
	name: string;
	contentType: string;
	body: ReadableStream<Uint8Array>;
}

const CONTENT_TYPES: Record<ExportFormat | 'codebook', string> = {
	csv: 'text/csv; charset=utf-8; header=present',
	codebook: 'text/csv; charset=utf-8; header=present',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	json: 'application/json; charset=utf-8'
};

/**
 * A pull-based stream: the next chunk is produced only when the reader (the HTTP response, and
 * through it the client's TCP window) asks, so a slow download holds one batch, not the survey.
 */
export function pullStream(
	chunks: AsyncGenerator<Uint8Array | string>
): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			const { done, value } = await chunks.next();
			if (done) controller.close();
			else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
		},
		async cancel() {
			await chunks.return(undefined);
		}
	});
}

function fileNames(survey: Survey, prefix: string, extension: string) {
	const day = berlinToday();
	const slug = fileSlug(survey.title) || 'umfrage';
	const asciiPrefix = fileSlug(prefix);
	return {
		asciiName: `${asciiPrefix}-${slug}-${day}.${extension}`,
		name: `${prefix} ${survey.title} ${day}.${extension}`.replace(/[\\/:*?"<>|\r\n]+/g, '-')
	};
}

function body(
	survey: Survey,
	columns: ExportColumn[],
	format: ExportFormat,
	options: ExportOptions,
	locale: Locale,
	db: Db
): AsyncGenerator<Uint8Array | string> {
	const batches = () => exportRowBatches({ db, surveyId: survey.id, columns, mode: options.mode });
	if (format === 'csv') return responsesCsv(columns, options.mode, options.separator, batches());
	if (format === 'json') {
		const head = {
			survey: {
				id: survey.id,
				title: survey.title,
				exportedAt: new Date().toISOString(),
				values: options.mode
			},
			codebook: codebook(columns, locale)
		};
		return responsesJson(head, columns, batches());
	}
	const m = messages(locale);
	return xlsxStream([
		{
			name: m.reSheetResponses,
			header: columns.map((c) => (options.mode === 'codes' ? c.code : c.label)),
			rows: batches,
			dateColumns: [2]
		},
		{
			name: m.reSheetCodebook,
			header: codebookHeader(locale),
			rows: async function* () {
				yield codebook(columns, locale).map(codebookCells);
			}
		}
	]);
}

/** Every submitted response of the survey as a file in `format`; undefined for an unknown survey. */
export async function surveyExport(
	db: Db,
	surveyId: string,
	format: ExportFormat,
	options: ExportOptions,
	locale: Locale
): Promise<ExportFile | undefined> {
	const survey = await findSurvey(db, surveyId);
	if (!survey) return undefined;
	const columns = exportColumns(survey.questions, locale);
	return {
		...fileNames(survey, messages(locale).reFilePrefix, format),
		contentType: CONTENT_TYPES[format],
		body: pullStream(body(survey, columns, format, options, locale, db))
	};
}

/** The column scheme of the CSV export as its own CSV file. */
export async function surveyCodebook(
	db: Db,
	surveyId: string,
	options: ExportOptions,
	locale: Locale
): Promise<ExportFile | undefined> {
	const survey = await findSurvey(db, surveyId);
	if (!survey) return undefined;
	const csv = codebookCsv(exportColumns(survey.questions, locale), locale, options.separator);
	return {
		...fileNames(survey, messages(locale).reCodebookFilePrefix, 'csv'),
		contentType: CONTENT_TYPES.codebook,
		body: pullStream(
			(async function* () {
				yield csv;
			})()
		)
	};
}

/**
 * What the export page shows: the survey, its submitted responses and the CSV's likely size,
 * measured on the first batch of real rows rather than guessed from the stored JSON (whose keys
 * are question ids, not present in the file).
 */
export async function exportPage(db: Db, surveyId: string, locale: Locale) {
	const survey = await findSurvey(db, surveyId);
	if (!survey) return undefined;
	const columns = exportColumns(survey.questions, locale);
	const [{ submitted: responses }, sample] = await Promise.all([
		countResponses(db, survey.id),
		sampleExportRows({ db, surveyId: survey.id, columns, mode: 'labels' })
	]);
	let bytes = 0;
	for await (const chunk of responsesCsv(columns, 'labels', ';', [sample])) {
		bytes += Buffer.byteLength(chunk);
	}
	const perRow = sample.length ? bytes / sample.length : 0;
	return {
		survey: { id: survey.id, title: survey.title },
		responses,
		estimatedBytes: Math.round(perRow * responses)
	};
}
