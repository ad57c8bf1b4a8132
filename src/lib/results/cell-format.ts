// Number formatting for result tables and charts, shared by the planner dashboard and the public
// results page. A suppressed count (null) is never shown as 0: that would claim "nobody".
import type { Locale } from '../i18n/index.ts';
import type { Cell } from './types.ts';

const tag = (locale: Locale) => (locale === 'de' ? 'de-DE' : 'en-GB');

export interface NumberFormats {
	count: Intl.NumberFormat;
	decimal: Intl.NumberFormat;
	percent: Intl.NumberFormat;
}

export function numberFormats(locale: Locale): NumberFormats {
	return {
		count: new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 0 }),
		decimal: new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 2 }),
		percent: new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 1 })
	};
}

/** The dash that stands for a suppressed value in tables (explained in the table's note). */
export const SUPPRESSED = '–';

export function countText(f: NumberFormats, value: number | null): string {
	return value === null ? SUPPRESSED : f.count.format(value);
}

export function decimalText(f: NumberFormats, value: number | null): string {
	return value === null ? SUPPRESSED : f.decimal.format(value);
}

export function shareText(f: NumberFormats, share: number | null): string {
	return share === null ? SUPPRESSED : f.percent.format(share);
}

/** Chart values: a share as a percentage (0-100), suppressed as a gap. */
export const percentValue = (share: number | null): number | null =>
	share === null ? null : Math.round(share * 1000) / 10;

/** What a table's note has to explain: small cells (planner views) and suppressed ones. */
export function cellMarks(cells: Cell[]): { small: boolean; suppressed: boolean } {
	return {
		small: cells.some((c) => c.small === true),
		suppressed: cells.some((c) => c.count === null)
	};
}
