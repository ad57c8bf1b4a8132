import type { Marker } from './markers.ts';
import type { CommentStatus } from './types.ts';

// What the planners' analysis of a map stage shows; plain data shared by the server and the page.

/** The filter of the analysis page (GET form): empty lists mean "all". */
export interface AnalyticsFilter {
	categoryIds: string[];
	statuses: CommentStatus[];
	/** 'YYYY-MM-DD', Europe/Berlin calendar days, both inclusive; null: open. */
	from: string | null;
	to: string | null;
	/** The map's view: null is the map, else a plan drawing without geo reference. */
	planId: string | null;
}

export const NO_ANALYTICS_FILTER: AnalyticsFilter = {
	categoryIds: [],
	statuses: [],
	from: null,
	to: null,
	planId: null
};

export type StatusCounts = Record<CommentStatus, number>;

/** One row of the category × status table: visible comments only. */
export interface CategoryRow {
	categoryId: string;
	name: string;
	color: string;
	/** The number shown on the category's markers and in the legend, so colour is not the only cue. */
	mark: string;
	byStatus: StatusCounts;
	total: number;
}

export interface AnalyticsFigures {
	/** Visible comments matching the filter. */
	visible: number;
	/** Hidden comments matching the filter: by a moderator, or by reports awaiting review. */
	hidden: number;
	hiddenByModerator: number;
	hiddenByReports: number;
	/** Visible comments with at least one report. */
	reported: number;
	/** Visible comments with a written answer. */
	answered: number;
	supports: number;
}

export interface TimeBucket {
	/** First day of the bucket, 'YYYY-MM-DD' (a Monday for weeks). */
	start: string;
	count: number;
}

export interface Timeline {
	interval: 'day' | 'week';
	buckets: TimeBucket[];
}

export interface TopComment {
	id: string;
	title: string;
	categoryId: string;
	status: CommentStatus;
	supports: number;
	createdAt: string;
}

export interface MapAnalytics {
	rows: CategoryRow[];
	statusTotals: StatusCounts;
	figures: AnalyticsFigures;
	timeline: Timeline;
	top: TopComment[];
}

/** The markers of the chosen view, with titles for their names. */
export interface AnalyticsMarkers {
	markers: Marker[];
	titles: Record<string, string>;
}

/** Share as a whole percentage for tables and sentences; null when there is nothing to share. */
export function percent(part: number, whole: number): number | null {
	return whole > 0 ? Math.round((part / whole) * 100) : null;
}
