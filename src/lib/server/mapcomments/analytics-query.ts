import type { AnalyticsFilter } from '../../mapcomments/analytics.ts';
import type { MapStage } from '../../mapcomments/types.ts';
import { isStatus } from '../../mapcomments/view-query.ts';
import { ownViewPlans } from './map-page.ts';

// The analysis page's GET form: kategorie (repeatable), status (repeatable), von, bis, ansicht.
// Hand-typed or stale addresses reach this too, so every value is checked against the stage.

export type AnalyticsQueryError =
	'maQueryCategory' | 'maQueryStatus' | 'maQueryDate' | 'maQueryRange' | 'maQueryView';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// Repeated values beyond this are not a filter a form produces.
const MAX_VALUES = 50;

/** A real calendar day 'YYYY-MM-DD' (no 2026-02-30), or null for an empty field. */
export function parseDay(text: string | null): { ok: true; value: string | null } | { ok: false } {
	if (text === null || text === '') return { ok: true, value: null };
	const match = DAY.exec(text);
	if (!match) return { ok: false };
	const [y, m, d] = match.slice(1).map(Number) as [number, number, number];
	const date = new Date(Date.UTC(y, m - 1, d));
	const real =
		date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
	return real && y >= 2000 && y <= 2100 ? { ok: true, value: text } : { ok: false };
}

export function parseAnalyticsQuery(
	stage: MapStage,
	params: URLSearchParams
): { ok: true; filter: AnalyticsFilter } | { ok: false; error: AnalyticsQueryError } {
	const categoryIds = [...new Set(params.getAll('kategorie'))];
	const statuses = [...new Set(params.getAll('status'))];
	if (
		categoryIds.length > MAX_VALUES ||
		categoryIds.some((id) => !stage.categories.some((c) => c.id === id))
	)
		return { ok: false, error: 'maQueryCategory' };
	if (statuses.length > MAX_VALUES || !statuses.every(isStatus))
		return { ok: false, error: 'maQueryStatus' };
	const from = parseDay(params.get('von'));
	const to = parseDay(params.get('bis'));
	if (!from.ok || !to.ok) return { ok: false, error: 'maQueryDate' };
	if (from.value && to.value && from.value > to.value) return { ok: false, error: 'maQueryRange' };
	const view = params.get('ansicht') ?? '';
	const plan = view && view !== 'karte' ? ownViewPlans(stage).find((p) => p.id === view) : null;
	if (view && view !== 'karte' && !plan) return { ok: false, error: 'maQueryView' };
	return {
		ok: true,
		filter: { categoryIds, statuses, from: from.value, to: to.value, planId: plan?.id ?? null }
	};
}
