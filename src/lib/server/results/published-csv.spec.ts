import { describe, expect, it } from 'vitest';
import { SNAPSHOT_VERSION, type ResultsSnapshot } from '../../results/publication.ts';
import { csvRecords } from '../testing/parse-csv.ts';
import { CSV_COLUMNS, snapshotCsv } from './published-csv.ts';

const snapshot: ResultsSnapshot = {
	version: SNAPSHOT_VERSION,
	surveyId: 's',
	kind: 'survey',
	minCell: 5,
	computedAt: '2026-12-06T18:00:00.000Z',
	responses: 20,
	questions: [
		{
			kind: 'choice',
			questionId: 'q1',
			title: '=Verkehrsmittel; „Alltag“',
			questionType: 'multiple',
			multiple: true,
			respondents: 20,
			asked: 20,
			summary: '',
			otherTexts: 0,
			options: [
				{ id: 'o1', label: 'Rad', count: 15, share: 0.75 },
				{ id: 'o2', label: 'Bus', count: null, share: null }
			]
		},
		{
			kind: 'ranking',
			questionId: 'q2',
			title: 'Rangfolge',
			questionType: 'ranking',
			respondents: 20,
			asked: 20,
			summary: '',
			options: [
				{
					id: 'a',
					label: 'Bäume',
					averageRank: 1.35,
					firstPlace: { count: 14, share: 0.7 },
					rankedBy: { count: 20, share: 1 }
				}
			]
		}
	],
	crossTabs: [
		{
			spec: { by: { questionId: 'q3' }, target: { questionId: 'q1' } },
			table: {
				rowTitle: 'Ortsteil',
				columnTitle: 'Verkehrsmittel',
				rows: [{ id: 'r1', label: 'Zentrum' }],
				columns: [{ id: 'o1', label: 'Rad' }],
				cells: [[{ count: null, share: null }]],
				rowTotals: [{ count: 12, share: 1 }],
				columnTotals: [{ count: 15, share: null }],
				total: 20,
				rowsOverlap: false,
				columnsOverlap: true
			}
		}
	]
};

describe('snapshotCsv', () => {
	it('writes a BOM, the documented columns and one line per published number', () => {
		const csv = snapshotCsv(snapshot, ',');
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv.slice(1).split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
		const rows = csvRecords(csv.slice(1), ',');
		// 1 + 2 (choice), 1 + 3 (ranking), 1 cell + 1 row total + 1 column total + 1 total.
		expect(rows).toHaveLength(11);
		const bike = rows.find((r) => r.question_id === 'q1' && r.category === 'Rad')!;
		expect(bike).toMatchObject({ count: '15', share: '0.75', suppressed: 'false' });
		// A formula-like title is defused, the separator and quotes survive quoting.
		expect(bike.question).toBe("'=Verkehrsmittel; „Alltag“");
	});

	it('writes a suppressed count as an empty field marked suppressed, never as 0', () => {
		const rows = csvRecords(snapshotCsv(snapshot, ',').slice(1), ',');
		const bus = rows.find((r) => r.category === 'Bus')!;
		expect(bus).toMatchObject({ count: '', share: '', suppressed: 'true' });
		const cell = rows.find((r) => r.table === 'crosstab' && r.measure === 'count')!;
		expect(cell).toMatchObject({ row: 'Zentrum', category: 'Rad', count: '', suppressed: 'true' });
		expect(cell.question).toBe('Ortsteil × Verkehrsmittel');
		expect(cell.question_id).toBe('q3×q1');
		const total = rows.find((r) => r.measure === 'total')!;
		expect(total).toMatchObject({ count: '20', suppressed: 'false' });
	});

	it('puts measures that are not counts into value: the average rank', () => {
		const rows = csvRecords(snapshotCsv(snapshot, ',').slice(1), ',');
		const rank = rows.find((r) => r.measure === 'average_rank')!;
		expect(rank).toMatchObject({ category: 'Bäume', count: '', value: '1.35' });
		expect(rows.find((r) => r.measure === 'first_place')).toMatchObject({ count: '14' });
	});

	it('uses decimal commas with the semicolon separator, for German Excel', () => {
		const rows = csvRecords(snapshotCsv(snapshot, ';').slice(1), ';');
		expect(rows.find((r) => r.measure === 'average_rank')!.value).toBe('1,35');
		expect(rows.find((r) => r.category === 'Rad' && r.table === 'question')!.share).toBe('0,75');
	});
});
