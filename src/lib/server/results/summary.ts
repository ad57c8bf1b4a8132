// The one sentence beside every chart: what a screen reader user hears instead of the bars, and
// what a printout says without the picture (Decidim's charts say nothing to screen readers,
// decidim#15093). Written from the numbers as shown, so a suppressed count is never named.
import { format, messages, type Locale } from '../../i18n/index.ts';
import type { QuestionResult } from '../../results/types.ts';

const formats = new Map<Locale, { num: (x: number) => string; pct: (x: number) => string }>();

/** Intl formatters are costly to make and a dashboard writes dozens of sentences: one per locale. */
function numberFormat(locale: Locale) {
	let f = formats.get(locale);
	if (!f) {
		const tag = locale === 'de' ? 'de-DE' : 'en-GB';
		const num = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
		const pct = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
		f = { num: (x: number) => num.format(x), pct: (x: number) => pct.format(x) };
		formats.set(locale, f);
	}
	return f;
}

/** The largest by `value` among items whose value is known; ties keep the first. */
function top<T>(items: T[], value: (item: T) => number | null): T | undefined {
	let best: T | undefined;
	let bestValue = -Infinity;
	for (const item of items) {
		const v = value(item);
		if (v !== null && v > bestValue) {
			best = item;
			bestValue = v;
		}
	}
	return best;
}

export function summarize(r: QuestionResult, locale: Locale, k?: number): string {
	const m = messages(locale);
	const { num, pct } = numberFormat(locale);
	if (r.respondents === null) return format(m.rsSuppressed, { k: k ?? '' });
	if (r.respondents === 0) return m.rsNone;
	const n = num(r.respondents);
	switch (r.kind) {
		case 'choice': {
			const best = top(r.options, (o) => o.count);
			if (!best || best.share === null) return format(m.rsChoiceHidden, { n });
			const template = r.multiple ? m.rsChoiceMultiple : m.rsChoiceSingle;
			return format(template, { n, top: best.label, share: pct(best.share) });
		}
		case 'matrix': {
			const best = top(r.rows, (row) => row.cells[0]?.share ?? null);
			const share = best?.cells[0]?.share;
			if (!best || share === null || share === undefined) return format(m.rsChoiceHidden, { n });
			return format(m.rsMatrix, {
				n,
				rows: r.rows.length,
				scale: r.scale[0]!.label,
				row: best.label,
				share: pct(share)
			});
		}
		case 'ranking': {
			const best = r.options.find((o) => o.averageRank !== null);
			if (!best) return format(m.rsChoiceHidden, { n });
			return format(m.rsRanking, { n, top: best.label, rank: num(best.averageRank!) });
		}
		case 'numeric': {
			if (r.median === null || r.mean === null) return format(m.rsChoiceHidden, { n });
			const unit = r.unit ? ` ${r.unit}` : '';
			const values = { n, median: num(r.median) + unit, mean: num(r.mean) + unit };
			if (r.min === null || r.max === null) return format(m.rsNumeric, values);
			return format(m.rsNumericRange, {
				...values,
				min: num(r.min) + unit,
				max: num(r.max) + unit
			});
		}
		case 'budget': {
			const best = top(r.options, (o) => o.sum);
			if (!best || best.average === null || best.share === null)
				return format(m.rsChoiceHidden, { n });
			const unit = r.unit ? ` ${r.unit}` : '';
			return format(m.rsBudget, {
				n,
				total: num(r.total) + unit,
				top: best.label,
				average: num(best.average) + unit,
				share: pct(best.share)
			});
		}
		case 'text': {
			const theme = top(r.themes, (t) => t.count);
			if (!theme || !theme.count) return format(m.rsText, { n });
			return format(m.rsTextTheme, { n, theme: theme.label, count: num(theme.count) });
		}
	}
}
