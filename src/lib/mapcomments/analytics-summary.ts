import { formatDay } from '../consultations/format.ts';
import { format, type Locale, type Messages } from '../i18n/index.ts';
import { percent, type AnalyticsFilter, type CategoryRow, type Timeline } from './analytics.ts';
import type { MapCategory } from './types.ts';

// The one-sentence summaries beside each chart and the sentence that says what is counted.
// Screen reader users hear the point of a chart before its table; printed pages keep it too.

/** "A, B oder C" */
function list(items: string[], joiner: string): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} ${joiner} ${items.at(-1)}`;
}

export function categorySummary(rows: CategoryRow[], m: Messages): string {
	const total = rows.reduce((s, r) => s + r.total, 0);
	if (total === 0) return m.maSummaryEmpty;
	const top = Math.max(...rows.map((r) => r.total));
	const leaders = rows.filter((r) => r.total === top);
	if (total === 1) return format(m.maSummaryOne, { name: leaders[0]!.name });
	const pct = percent(top, total)!;
	if (leaders.length === 1)
		return format(m.maSummaryCategories, { total, name: leaders[0]!.name, n: top, pct });
	const names = list(
		leaders.map((r) => `„${r.name}“`),
		m.maAnd
	);
	return format(m.maSummaryCategoriesTie, { total, n: top, pct, names });
}

export function statusSummary(
	visible: number,
	answered: number,
	fresh: number,
	m: Messages
): string {
	if (visible === 0) return m.maSummaryEmpty;
	return format(m.maSummaryStatus, {
		answered,
		total: visible,
		pct: percent(answered, visible)!,
		fresh
	});
}

export function timelineSummary(t: Timeline, m: Messages, locale: Locale): string {
	const total = t.buckets.reduce((s, b) => s + b.count, 0);
	if (total === 0) return m.maTimeEmpty;
	// The first bucket with the highest count: the peak a planner would name first.
	const peak = t.buckets.reduce((best, b) => (b.count > best.count ? b : best));
	const first = t.buckets.find((b) => b.count > 0)!;
	const last = t.buckets.findLast((b) => b.count > 0)!;
	const lastDay = t.interval === 'week' ? addDaysUtc(last.start, 6) : last.start;
	return format(t.interval === 'week' ? m.maSummaryTimeWeek : m.maSummaryTimeDay, {
		date: formatDay(peak.start, locale),
		n: peak.count,
		total,
		first: formatDay(first.start, locale),
		last: formatDay(lastDay, locale)
	});
}

function addDaysUtc(day: string, n: number): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

/** What the current selection counts, in one sentence. */
export function filterSummary(
	f: AnalyticsFilter,
	categories: MapCategory[],
	statusLabel: (s: string) => string,
	m: Messages,
	locale: Locale
): string {
	const parts: string[] = [];
	if (f.categoryIds.length) {
		const names = categories.filter((c) => f.categoryIds.includes(c.id)).map((c) => `„${c.name}“`);
		parts.push(format(m.maFilterPartCategory, { names: list(names, m.maOr) }));
	}
	if (f.statuses.length) {
		const names = f.statuses.map((s) => `„${statusLabel(s)}“`);
		parts.push(format(m.maFilterPartStatus, { names: list(names, m.maOr) }));
	}
	if (f.from) parts.push(format(m.maFilterPartFrom, { date: formatDay(f.from, locale) }));
	if (f.to) parts.push(format(m.maFilterPartTo, { date: formatDay(f.to, locale) }));
	return parts.length ? format(m.maFilterActive, { parts: list(parts, m.maAnd) }) : m.maFilterAll;
}
