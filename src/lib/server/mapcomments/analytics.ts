import type { Db } from '../db/index.ts';
import { addDays } from '../consultations/phases.ts';
import { berlinMidnight } from '../meetings/retention.ts';
import {
	type AnalyticsFigures,
	type AnalyticsFilter,
	type AnalyticsMarkers,
	type CategoryRow,
	type MapAnalytics,
	type StatusCounts,
	type Timeline
} from '../../mapcomments/analytics.ts';
import { COMMENT_STATUSES, type MapCategory, type MapStage } from '../../mapcomments/types.ts';
import {
	countGroups,
	countPerDay,
	listTopSupported,
	listViewMarkers,
	type AnalyticsScope,
	type CountGroup
} from './analytics.repository.ts';

// The planners' analysis of a map stage: counts by category and status, over time, hidden and
// answered figures, the most supported comments and the map's markers, all under one filter.

/** The top list's length: a screenful a planner reads, not a ranking of everything. */
export const TOP_LIMIT = 10;
/** Up to about two months a bar per day stays readable; beyond, a bar per week. */
const MAX_DAY_BUCKETS = 62;
/** An explicit range wider than ten years is cut to the days that have comments. */
const MAX_RANGE_DAYS = 3660;

export function scopeOf(stageId: string, f: AnalyticsFilter): AnalyticsScope {
	return {
		stageId,
		categoryIds: f.categoryIds,
		statuses: f.statuses,
		since: f.from ? berlinMidnight(f.from) : null,
		until: f.to ? berlinMidnight(addDays(f.to, 1)) : null
	};
}

export async function mapAnalytics(
	db: Db,
	stage: MapStage,
	filter: AnalyticsFilter
): Promise<MapAnalytics> {
	const scope = scopeOf(stage.id, filter);
	const [groups, days, top] = await Promise.all([
		countGroups(db, scope),
		countPerDay(db, scope),
		listTopSupported(db, scope, TOP_LIMIT)
	]);
	const rows = categoryRows(groups, stage.categories);
	return {
		rows,
		statusTotals: sumStatuses(rows.map((r) => r.byStatus)),
		figures: figuresOf(groups),
		timeline: timelineOf(days, filter),
		top: top.map((t) => ({ ...t, createdAt: t.createdAt.toISOString() }))
	};
}

export async function analyticsMarkers(
	db: Db,
	stage: MapStage,
	filter: AnalyticsFilter
): Promise<AnalyticsMarkers> {
	const rows = await listViewMarkers(db, scopeOf(stage.id, filter), filter.planId);
	return {
		markers: rows.map(({ title: _title, ...marker }) => marker),
		titles: Object.fromEntries(rows.map((r) => [r.id, r.title]))
	};
}

const zeroStatuses = (): StatusCounts =>
	Object.fromEntries(COMMENT_STATUSES.map((s) => [s, 0])) as StatusCounts;

function sumStatuses(counts: StatusCounts[]): StatusCounts {
	const total = zeroStatuses();
	for (const c of counts) for (const s of COMMENT_STATUSES) total[s] += c[s];
	return total;
}

/** Every category of the stage in its order, also those without comments (a zero is an answer). */
export function categoryRows(groups: CountGroup[], categories: MapCategory[]): CategoryRow[] {
	return categories.map((c, i) => {
		const byStatus = zeroStatuses();
		for (const g of groups)
			if (g.categoryId === c.id && g.hiddenKind === null) byStatus[g.status] += g.comments;
		const total = COMMENT_STATUSES.reduce((sum, s) => sum + byStatus[s], 0);
		return { categoryId: c.id, name: c.name, color: c.color, mark: String(i + 1), byStatus, total };
	});
}

export function figuresOf(groups: CountGroup[]): AnalyticsFigures {
	const f: AnalyticsFigures = {
		visible: 0,
		hidden: 0,
		hiddenByModerator: 0,
		hiddenByReports: 0,
		reported: 0,
		answered: 0,
		supports: 0
	};
	for (const g of groups) {
		if (g.hiddenKind === 'moderator') f.hiddenByModerator += g.comments;
		else if (g.hiddenKind === 'reports') f.hiddenByReports += g.comments;
		else {
			f.visible += g.comments;
			f.supports += g.supports;
			if (g.answered) f.answered += g.comments;
			if (g.reported) f.reported += g.comments;
		}
	}
	f.hidden = f.hiddenByModerator + f.hiddenByReports;
	return f;
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** The Monday of the week of `day` (ISO weeks, as German calendars count them). */
export function mondayOf(day: string): string {
	const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
	return addDays(day, -((weekday + 6) % 7));
}

/**
 * Buckets from the filter's first day (else the first comment's) to its last (else the last
 * comment's), empty ones included: a quiet week is information too.
 */
export function timelineOf(days: { day: string; count: number }[], f: AnalyticsFilter): Timeline {
	if (days.length === 0) return { interval: 'day', buckets: [] };
	let start = f.from ?? days[0]!.day;
	let end = f.to ?? days.at(-1)!.day;
	if (end < start || dayNumber(end) - dayNumber(start) > MAX_RANGE_DAYS) {
		[start, end] = [days[0]!.day, days.at(-1)!.day];
	}
	const interval = dayNumber(end) - dayNumber(start) + 1 > MAX_DAY_BUCKETS ? 'week' : 'day';
	const key = interval === 'week' ? mondayOf : (d: string) => d;
	const step = interval === 'week' ? 7 : 1;
	const counts = new Map<string, number>();
	for (const d of days) counts.set(key(d.day), (counts.get(key(d.day)) ?? 0) + d.count);
	const buckets = [];
	for (let b = key(start); b <= key(end); b = addDays(b, step))
		buckets.push({ start: b, count: counts.get(b) ?? 0 });
	return { interval, buckets };
}
