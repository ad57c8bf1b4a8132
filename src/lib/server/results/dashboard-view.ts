// What the planner dashboard shows for one survey and one URL query: the engine's dashboard,
// the charts split by a segmenter, a cross-tab, and the active filters as removable entries.
// Routes call this; the numbers come from results.service.ts.
import { formatDay } from '../../consultations/format.ts';
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
import { sameRef } from '../../results/segment-ref.ts';
import { resultsQuery, type ResultsQuery } from './filter-params.ts';
import { resultsView } from './results.service.ts';

/** The dashboard address's filters, split and cross-tab. */
export type Selection = ResultsQuery;

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
): Promise<DashboardView> {
	const { dashboard, segmented, cross } = await resultsView(db, survey, selection, locale);
	return {
		dashboard,
		live: surveyState(survey) === 'open',
		minCell: config().results.minCell,
		selection,
		segmented,
		cross,
		active: activeFilters(dashboard.segmenters, selection, locale)
	};
}

export function segmenterTitle(segmenters: Segmenter[], ref: SegmentRef): string {
	return segmenters.find((s) => sameRef(s, ref))?.title ?? '';
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
		const label = `${m.rdFrom}: ${formatDay(filter.from, locale)}`;
		out.push({ label, removeQuery: query({ ...filter, from: null }) });
	}
	if (filter.to) {
		const label = `${m.rdTo}: ${formatDay(filter.to, locale)}`;
		out.push({ label, removeQuery: query({ ...filter, to: null }) });
	}
	if (by) out.push({ label: `${m.rdSplitBy}: ${title(by)}`, removeQuery: query(filter, null) });
	if (cross) {
		const label = `${m.rdCrossTab}: ${title(cross.rows)} × ${title(cross.columns)}`;
		out.push({ label, removeQuery: query(filter, by, null) });
	}
	return out;
}
