import { describe, expect, it } from 'vitest';
import { formatDay } from '../consultations/format.ts';
import { messages } from '../i18n/index.ts';
import { NO_ANALYTICS_FILTER, type CategoryRow } from './analytics.ts';
import {
	categorySummary,
	filterSummary,
	statusSummary,
	timelineSummary
} from './analytics-summary.ts';

const m = messages('de');
const row = (name: string, total: number): CategoryRow => ({
	categoryId: name,
	name,
	color: '#b3261e',
	mark: '1',
	byStatus: { new: total, in_review: 0, accepted: 0, rejected: 0 },
	total
});

describe('summaries', () => {
	it('names the leading category with count and share of visible comments', () => {
		expect(categorySummary([row('Verkehr', 4), row('Grün', 2), row('Sonstiges', 0)], m)).toBe(
			'Von 6 sichtbaren Hinweisen betreffen die meisten die Kategorie „Verkehr“: 4 (67 %).'
		);
		expect(categorySummary([row('Verkehr', 2), row('Grün', 2)], m)).toBe(
			'Von 4 sichtbaren Hinweisen betreffen je 2 (50 %) die Kategorien „Verkehr“ und „Grün“.'
		);
		expect(categorySummary([row('Verkehr', 0)], m)).toContain('keine sichtbaren Hinweise');
		expect(categorySummary([row('Grün', 1)], m)).toBe(
			'Es gibt einen sichtbaren Hinweis, in der Kategorie „Grün“.'
		);
	});

	it('says how many are answered', () => {
		expect(statusSummary(6, 2, 3, m)).toBe(
			'2 von 6 sichtbaren Hinweisen sind beantwortet (33 %), 3 sind noch neu.'
		);
	});

	it('names the peak day and the span', () => {
		const t = {
			interval: 'day' as const,
			buckets: [
				{ start: '2026-03-02', count: 0 },
				{ start: '2026-03-03', count: 2 },
				{ start: '2026-03-04', count: 2 },
				{ start: '2026-03-05', count: 1 }
			]
		};
		expect(timelineSummary(t, m, 'de')).toBe(
			'Die meisten Hinweise kamen am 03.03.2026 (2); insgesamt 5 vom 03.03.2026 bis 05.03.2026.'
		);
		expect(
			timelineSummary({ interval: 'week', buckets: [{ start: '2026-03-02', count: 3 }] }, m, 'de')
		).toBe(
			'Die meisten Hinweise kamen in der Woche ab 02.03.2026 (3); insgesamt 3 vom 02.03.2026 bis 08.03.2026.'
		);
	});

	it('describes the selection', () => {
		const cats = [
			{ id: 'a', name: 'Verkehr', color: '#b3261e' },
			{ id: 'b', name: 'Grün', color: '#1b6e20' }
		];
		const label = (s: string) => m[`mvStatus_${s}` as 'mvStatus_new'];
		expect(filterSummary(NO_ANALYTICS_FILTER, cats, label, m, 'de')).toBe(m.maFilterAll);
		expect(
			filterSummary(
				{ ...NO_ANALYTICS_FILTER, categoryIds: ['a', 'b'], statuses: ['new'], from: '2026-03-01' },
				cats,
				label,
				m,
				'de'
			)
		).toBe(
			'Gezählt werden Hinweise mit Kategorie „Verkehr“ oder „Grün“, Status „neu“ und Eingang ab 01.03.2026.'
		);
		expect(formatDay('2026-03-01', 'en')).toBe('1 Mar 2026');
	});
});
