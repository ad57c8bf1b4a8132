import type { Db } from '../db/index.ts';
import { answerKey, hiddenAnswerKeys } from './text-answers.repository.ts';
import {
	META_COLUMNS,
	type ExportColumn,
	type ExportValue,
	type ValueMode
} from './export-columns.ts';
import {
	listResponseBatch,
	type ExportCursor,
	type ExportResponseRow,
	type ResponseBatch
} from './export.repository.ts';

/** Rows per database round trip: large enough to amortise it, small enough to keep memory flat. */
export const BATCH_SIZE = 1000;

export interface ExportSource {
	db: Db;
	surveyId: string;
	columns: ExportColumn[];
	mode: ValueMode;
}

/**
 * The export's rows, one batch at a time, each a list of values in column order. The response
 * number counts every response in the order of its first save, drafts too, so a response keeps
 * its number when others are submitted, edited or started later (drafts leave gaps). No response
 * id, participant key, account or resume code leaves: the number is all a planner needs to refer
 * to a row, and it links to nothing outside the file.
 */
export async function* exportRowBatches(source: ExportSource): AsyncGenerator<ExportValue[][]> {
	const hidden = await hiddenAnswerKeys(source.db, source.surveyId);
	const fetch = (after: ExportCursor | null): Promise<ResponseBatch> => {
		const next = listResponseBatch(source.db, source.surveyId, after, BATCH_SIZE);
		// A reader that stops early leaves the prefetched batch unawaited; its failure is moot then.
		next.catch(() => undefined);
		return next;
	};
	let pending: Promise<ResponseBatch> | null = fetch(null);
	let number = 0;
	while (pending) {
		const batch: ResponseBatch = await pending;
		// The next batch is read while this one is formatted and sent: the database and the
		// formatting overlap instead of taking turns (`npm run bench:results`).
		pending = batch.next ? fetch(batch.next) : null;
		const rows = batchRows(source, batch, number, hidden);
		number += batch.rows.length;
		if (rows.length > 0) yield rows;
	}
}

/** The rows of the first batch alone (no prefetch): what the export page estimates sizes on. */
export async function sampleExportRows(source: ExportSource): Promise<ExportValue[][]> {
	const batch = await listResponseBatch(source.db, source.surveyId, null, BATCH_SIZE);
	return batchRows(source, batch, 0, new Set());
}

/** A batch's submitted responses as rows; `before` responses came earlier (for the numbers). */
function batchRows(
	source: ExportSource,
	batch: ResponseBatch,
	before: number,
	hidden: Set<string>
): ExportValue[][] {
	const rows: ExportValue[][] = [];
	batch.rows.forEach((r, i) => {
		if (r.answers !== null && r.submittedAt !== null)
			rows.push(exportRow(source, r, before + i + 1, hidden));
	});
	return rows;
}

function exportRow(
	{ columns, mode }: ExportSource,
	r: ExportResponseRow,
	number: number,
	hidden: Set<string>
): ExportValue[] {
	const values: ExportValue[] = [number, r.submittedAt, r.submittedLocal];
	for (let i = META_COLUMNS; i < columns.length; i++) {
		const c = columns[i]!;
		const hide = c.freeText && hidden.size > 0 && hidden.has(answerKey(r.id, c.questionId));
		values.push(hide ? null : c.read(r.answers![c.questionId], mode));
	}
	return values;
}
