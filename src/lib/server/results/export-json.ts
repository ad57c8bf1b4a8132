import type { CodebookEntry } from './export-codebook.ts';
import type { ExportColumn, ExportValue, ValueMode } from './export-columns.ts';

export interface JsonExportHead {
	survey: { id: string; title: string; exportedAt: string; values: ValueMode };
	codebook: CodebookEntry[];
}

/**
 * `{"survey":…,"codebook":[…],"responses":[{code: value, …}, …]}`, written batch by batch so the
 * whole document is never in memory. Keys are always the stable codes; the codebook names them.
 */
export async function* responsesJson(
	head: JsonExportHead,
	columns: ExportColumn[],
	batches: AsyncIterable<ExportValue[][]>
): AsyncGenerator<string> {
	yield `{"survey":${JSON.stringify(head.survey)},"codebook":${JSON.stringify(head.codebook)},"responses":[`;
	let first = true;
	for await (const batch of batches) {
		const parts: string[] = [];
		for (const row of batch) {
			const record: Record<string, ExportValue> = {};
			for (let i = 0; i < columns.length; i++) record[columns[i]!.code] = row[i]!;
			parts.push(JSON.stringify(record));
		}
		yield (first ? '' : ',') + parts.join(',');
		first = false;
	}
	yield ']}';
}
