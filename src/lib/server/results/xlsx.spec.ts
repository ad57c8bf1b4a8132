import { describe, expect, it } from 'vitest';
import { unzip, sheetCells } from '../testing/unzip.ts';
import { pullStream } from './export.service.ts';
import { columnName, wallClockSerial, xlsxStream, xmlText } from './xlsx.ts';

async function bytesOf(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
	const parts: Uint8Array[] = [];
	for await (const p of stream) parts.push(p);
	return Buffer.concat(parts);
}

describe('xlsx writer', () => {
	it('names columns like Excel', () => {
		expect([0, 25, 26, 51, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA']);
	});

	it('drops characters XML 1.0 forbids and escapes markup', () => {
		expect(xmlText('a\u0000b\u0008c\td\ne <x> & "y" \ud800z 😀')).toBe(
			'abc\td\ne &lt;x&gt; &amp; &quot;y&quot; z 😀'
		);
	});

	it('turns Berlin wall-clock times into Excel day serials, and nothing else', () => {
		expect(wallClockSerial('1970-01-01 00:00:00')).toBe(25569);
		expect(wallClockSerial('2026-12-01 18:00:00')).toBe(46357.75);
		expect(wallClockSerial('gestern')).toBeNull();
	});

	it('streams many rows into a workbook any unzip reads back', async () => {
		const rows = async function* () {
			for (let b = 0; b < 5; b++) {
				yield Array.from({ length: 1000 }, (_, i) => [b * 1000 + i, `Zeile ${b * 1000 + i}`, null]);
			}
		};
		const archive = unzip(
			await bytesOf(xlsxStream([{ name: 'Test', header: ['n', 'text', 'leer'], rows }]))
		);
		const cells = sheetCells(archive.get('xl/worksheets/sheet1.xml')!.data.toString());
		expect(cells.get('A5001')).toEqual({ value: '4999', type: 'n', style: null });
		expect(cells.get('B5001')!.value).toBe('Zeile 4999');
		expect(cells.has('C2')).toBe(false);
		expect(cells.has('A5002')).toBe(false);
	});
});

describe('pullStream', () => {
	it('produces the next chunk only when the reader asks (backpressure)', async () => {
		let produced = 0;
		const source = (async function* () {
			for (let i = 0; i < 100; i++) {
				produced++;
				yield `chunk ${i}`;
			}
		})();
		const reader = pullStream(source).getReader();
		await reader.read();
		await new Promise((r) => setTimeout(r, 20));
		// The one chunk read, plus at most the one the stream keeps queued (highWaterMark 1).
		expect(produced).toBeLessThanOrEqual(2);
		await reader.cancel();
		expect((await source.next()).done).toBe(true);
	});
});
