// Results of a survey or poll as planners and the public see them: plain data, shared by the
// server (aggregation, publishing, exports) and the components that draw charts and tables.
//
// A count is `null` when it is suppressed: published aggregates never show a cell based on fewer
// than k responses (see server/results/suppression.ts). Planner views carry every number and mark
// cells that publishing would suppress with `small: true`.

import type { QuestionType } from '../surveys/types.ts';

export interface Cell {
	/** Respondents (not selections) in this cell; null when suppressed. */
	count: number | null;
	/** count / base of the row or chart; null when suppressed or the base is 0. */
	share: number | null;
	/** Fewer than k but more than 0: would be suppressed on publishing. */
	small?: boolean;
}

export interface Category {
	id: string;
	label: string;
}

interface ResultBase {
	questionId: string;
	title: string;
	questionType: QuestionType;
	/** Respondents who answered this question (in the current filter); null when suppressed. */
	respondents: number | null;
	/** Respondents who saw the question (condition met) in the current filter. */
	asked: number | null;
	/** One German sentence that says what the chart shows, for screen readers and print. */
	summary: string;
}

/** single and multiple choice: shares are of respondents, so multiple choice adds up to more than 100 %. */
export interface ChoiceResult extends ResultBase {
	kind: 'choice';
	multiple: boolean;
	options: (Category & Cell)[];
	/** How many "Sonstiges" texts exist (texts themselves only in the free-text view). */
	otherTexts: number;
}

/** Matrix/Likert: one stacked 100 % bar per row; shares are of the row's respondents. */
export interface MatrixResult extends ResultBase {
	kind: 'matrix';
	scale: Category[];
	/** "keine Angabe" counted per row but kept out of the 100 % bar. */
	noAnswerLabel: string | null;
	rows: (Category & {
		respondents: number | null;
		cells: Cell[];
		noAnswer: Cell;
	})[];
}

export interface RankingResult extends ResultBase {
	kind: 'ranking';
	/** Sorted by average rank, best first. */
	options: (Category & {
		/** Mean position (1 = top) among respondents who ranked it; null when nobody did or suppressed. */
		averageRank: number | null;
		firstPlace: Cell;
		rankedBy: Cell;
	})[];
}

export interface HistogramBin {
	label: string;
	from: number;
	/** Inclusive for integer bins (ratings), exclusive otherwise except the last. */
	to: number;
	cell: Cell;
}

/** number and rating. */
export interface NumericResult extends ResultBase {
	kind: 'numeric';
	unit: string;
	mean: number | null;
	median: number | null;
	min: number | null;
	max: number | null;
	histogram: HistogramBin[];
}

export interface BudgetResult extends ResultBase {
	kind: 'budget';
	unit: string;
	total: number;
	/** Sorted as configured. sum and average over the question's respondents. */
	options: (Category & {
		sum: number | null;
		average: number | null;
		share: number | null;
		/** Respondents who gave the option anything. */
		allocatedBy: number | null;
	})[];
}

/** short and long text: counts only; texts are read (and coded) in the free-text view. */
export interface TextResult extends ResultBase {
	kind: 'text';
	/** Answers hidden as abusive (planner views only). */
	hidden: number;
	themes: (Category & Cell)[];
}

export type QuestionResult =
	ChoiceResult | MatrixResult | RankingResult | NumericResult | BudgetResult | TextResult;

/** Which responses a view counts. Empty: all submitted responses. */
export interface ResultsFilter {
	/**
	 * Keep responses whose answer includes one of the categories (AND across entries). Categories
	 * are a segmenter's: option ids ("__other" for Sonstiges), rating values ("4"), a matrix row's
	 * scale ids ("__na" for keine Angabe).
	 */
	answers: { questionId: string; rowId?: string; optionIds: string[] }[];
	/** Submitted on or after this Berlin day (YYYY-MM-DD). */
	from: string | null;
	/** Submitted on or before this Berlin day (YYYY-MM-DD). */
	to: string | null;
}

export const NO_FILTER: ResultsFilter = { answers: [], from: null, to: null };

/** Which question (and matrix row) splits or filters; see server/results/filter-params.ts for the URL form. */
export interface SegmentRef {
	questionId: string;
	rowId?: string;
}

/** A question whose answers can split the others: single, multiple, rating, or a matrix row. */
export interface Segmenter {
	questionId: string;
	/** For a matrix: the row whose scale splits. */
	rowId?: string;
	title: string;
	categories: Category[];
}

/** One chart split by another question's answer: the target's result per segment. */
export interface SegmentedResult {
	segmenter: Segmenter;
	/** A segment's respondents; for a multiple choice segmenter they overlap. */
	segments: (Category & { respondents: number | null; result: QuestionResult })[];
}

/** Cross-tab of two questions: rows = segmenter categories, columns = target categories. */
export interface CrossTab {
	rowTitle: string;
	columnTitle: string;
	rows: Category[];
	columns: Category[];
	/** cells[row][column]: respondents in both; share of the row total. */
	cells: Cell[][];
	rowTotals: Cell[];
	columnTotals: Cell[];
	total: number | null;
	/** Multiple choice on that side: a respondent can sit in several rows (columns). */
	rowsOverlap: boolean;
	columnsOverlap: boolean;
}

export interface Overview {
	surveyId: string;
	title: string;
	kind: 'survey' | 'poll';
	mode: 'account' | 'code' | 'open';
	/** Responses started (drafts + submitted) and submitted, in the filter's date range. */
	started: number;
	submitted: number;
	/** submitted / started, null when nothing started. */
	completionRate: number | null;
	/** Per Berlin day, submitted responses. */
	perDay: { day: string; count: number }[];
	/** Drafts that stopped on each page (drop-off), and how many reached it. */
	pages: { pageId: string; title: string; reached: number; stoppedHere: number }[];
	/** When the numbers were computed (ISO), for "Stand: …". */
	computedAt: string;
}

export interface Dashboard {
	overview: Overview;
	filter: ResultsFilter;
	/** Responses the filter keeps. */
	filtered: number;
	questions: QuestionResult[];
	segmenters: Segmenter[];
}
