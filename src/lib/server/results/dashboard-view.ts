// What the planner dashboard shows for one survey and one URL query: the engine's dashboard,
// the charts split by a segmenter, a cross-tab, and the active filters as removable entries.
// Routes call this; the numbers come from results.service.ts.
import { messages, type Locale } from '../../i18n/index.ts';
import type {
	CrossTab,
	Dashboard,
	ResultsFilter,
	SegmentedResult,
	SegmentRef,
	Segmenter
} from '../../results/types.ts';
import { config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { surveyState } from '../surveys/participation.ts';
import type { Survey } from '../surveys/surveys.repository.ts';
import { resultsQuery } from './filter-params.ts';
import { crossTab, segmentedResults, surveyDashboard } from './results.service.ts';

export interface Selection {
	filter: ResultsFilter;
	by: SegmentRef | null;
	cross: { rows: SegmentRef; columns: SegmentRef } | null;
}

export interface ActiveFilter {
	label: string;
	/** The dashboard's query without this entry. */
	removeQuery: string;
}

export interface DashboardView {
	dashboard: Dashboard;
	/** Open for responses: the planners' view refreshes itself. */
	live: boolean;
	minCell: number;
	selection: Selection;
	segmented: SegmentedResult[];
	cross: CrossTab | null;
	active: ActiveFilter[];
}

export async function dashboardView(
	db: Db,
	survey: Survey,
	selection: Selection,
	locale: Locale
): Promise<DashboardView | undefined> {
	const { filter, by, cross } = selection;
	const dashboard = await surveyDashboard(db, survey.id, filter, locale);
	if (!dashboard) return undefined;
	const segmented = by ? await splitAll(db, survey.id, dashboard, { by, filter, locale }) : [];
	const table = cross
		? await crossTab(db, survey.id, cross.rows, cross.columns, filter, locale)
		: null;
	return {
		dashboard,
		live: surveyState(survey) === 'open',
		minCell: config().results.minCell,
		selection,
		segmented,
		cross: table ?? null,
		active: activeFilters(dashboard.segmenters, selection, locale)
	};
}

/** Every question split by `by`, except the splitting question itself. */
async function splitAll(
	db: Db,
	surveyId: string,
	dashboard: Dashboard,
	{ by, filter, locale }: { by: SegmentRef; filter: ResultsFilter; locale: Locale }
): Promise<SegmentedResult[]> {
	const targets = dashboard.questions.filter(
		(q) => q.questionId !== by.questionId || q.kind === 'matrix'
	);
	const ids = targets.map((q) => q.questionId);
	return (await segmentedResults(db, surveyId, ids, by, filter, locale)) ?? [];
}

export const sameRef = (a: SegmentRef, b: SegmentRef) =>
	a.questionId === b.questionId && (a.rowId ?? null) === (b.rowId ?? null);

export function segmenterTitle(segmenters: Segmenter[], ref: SegmentRef): string {
	return segmenters.find((s) => sameRef(s, ref))?.title ?? '';
}

/** A Berlin day (YYYY-MM-DD) as the locale writes it. */
function dayText(day: string, locale: Locale): string {
	return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
		dateStyle: 'medium',
		timeZone: 'UTC'
	}).format(new Date(`${day}T00:00:00Z`));
}

function activeFilters(segmenters: Segmenter[], sel: Selection, locale: Locale): ActiveFilter[] {
	const m = messages(locale);
	const { filter, by, cross } = sel;
	const query = (f: ResultsFilter, b = by, c = cross) =>
		resultsQuery(f, b ?? undefined, c ?? undefined);
	const title = (ref: SegmentRef) => segmenterTitle(segmenters, ref);
	const out: ActiveFilter[] = filter.answers.map((a, i) => {
		const s = segmenters.find((x) => sameRef(x, a));
		const labels = a.optionIds.map((id) => s?.categories.find((c) => c.id === id)?.label ?? id);
		return {
			label: `${s?.title ?? ''}: ${labels.join(m.rdOr)}`,
			removeQuery: query({ ...filter, answers: filter.answers.filter((_, j) => j !== i) })
		};
	});
	if (filter.from) {
		const label = `${m.rdFrom}: ${dayText(filter.from, locale)}`;
		out.push({ label, removeQuery: query({ ...filter, from: null }) });
	}
	if (filter.to) {
		const label = `${m.rdTo}: ${dayText(filter.to, locale)}`;
		out.push({ label, removeQuery: query({ ...filter, to: null }) });
	}
	if (by) out.push({ label: `${m.rdSplitBy}: ${title(by)}`, removeQuery: query(filter, null) });
	if (cross) {
		const label = `${m.rdCrossTab}: ${title(cross.rows)} × ${title(cross.columns)}`;
		out.push({ label, removeQuery: query(filter, by, null) });
	}
	return out;
}
