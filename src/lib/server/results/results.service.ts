// What planners see of a survey's results, computed from the cube (see cube.ts): the dashboard,
// every chart split by another question, and cross-tabs. Planner views carry every number and mark
// the cells publishing would hide; publishing runs the results through suppression.ts.
import { messages, type Locale } from '../../i18n/index.ts';
import type {
	Cell,
	CrossTab,
	Dashboard,
	Overview,
	QuestionResult,
	ResultsFilter,
	SegmentedResult,
	Segmenter,
	SegmentRef
} from '../../results/types.ts';
import type { Question } from '../../surveys/types.ts';
import { config } from '../config.ts';
import { berlinToday } from '../consultations/phases.ts';
import type { Db } from '../db/index.ts';
import { findSurvey, type Survey } from '../surveys/surveys.repository.ts';
import { aggregate, cell, type Labels } from './aggregate.ts';
import { currentCube } from './cube-cache.ts';
import type { Cube } from './cube.ts';
import { draftsPerPage, textCoding, type TextCoding } from './results.repository.ts';
import {
	dateBounds,
	inCategory,
	membership,
	segmenterFor,
	select,
	type ResolvedFilter,
	type Selection
} from './selection.ts';
import { segmentKey } from '../../results/segment-ref.ts';
import type { ResultsQuery } from './filter-params.ts';
import { markSmall } from './suppression.ts';
import { summarize } from './summary.ts';

interface Context {
	survey: Survey;
	cube: Cube;
	rows: Selection;
	labels: Labels;
	locale: Locale;
	k: number;
	/** Splits by segment key: filters, conditions, splits and cross-tabs share one per request. */
	splits: Map<string, Split | undefined>;
}

async function context(
	db: Db,
	survey: Survey,
	filter: ResultsFilter,
	locale: Locale
): Promise<Context> {
	const cube = await currentCube(db, survey);
	const m = messages(locale);
	const labels = { other: m.rsOther, noAnswer: m.rsNoAnswer };
	const k = config().results.minCell;
	const ctx: Context = {
		survey,
		cube,
		rows: new Int32Array(0),
		labels,
		locale,
		k,
		splits: new Map()
	};
	ctx.rows = select(cube, resolveFilter(ctx, filter));
	return ctx;
}

async function contextFor(db: Db, surveyId: string, filter: ResultsFilter, locale: Locale) {
	const survey = await findSurvey(db, surveyId);
	return survey && context(db, survey, filter, locale);
}

interface Split {
	question: Question;
	segmenter: Segmenter;
	/** Per cube row, the segmenter's categories it is in (see membership). */
	masks: Uint32Array;
}

/** A question (or matrix row) that splits or filters, with each response's categories. */
function split(ctx: Context, ref: SegmentRef): Split | undefined {
	const key = segmentKey(ref);
	if (ctx.splits.has(key)) return ctx.splits.get(key);
	const { other, noAnswer } = ctx.labels;
	const question = ctx.survey.questions.find((q) => q.id === ref.questionId);
	const segmenter = question && segmenterFor(question, ref.rowId, other, noAnswer);
	const found =
		question && segmenter
			? { question, segmenter, masks: membership(ctx.cube, question, ref) }
			: undefined;
	ctx.splits.set(key, found);
	return found;
}

/** The bits of the categories named, as membership masks set them. */
function bitsOf(segmenter: Segmenter, ids: string[]): number {
	let bits = 0;
	segmenter.categories.forEach((c, i) => {
		if (ids.includes(c.id)) bits |= 1 << i;
	});
	return bits >>> 0;
}

/** Filter entries name questions and categories that parseResultsQuery has checked. */
function resolveFilter(ctx: Context, filter: ResultsFilter): ResolvedFilter {
	const answers = filter.answers.map((a) => {
		const s = split(ctx, a);
		return s ? { masks: s.masks, wanted: bitsOf(s.segmenter, a.optionIds) } : null;
	});
	return { answers: answers.filter((a) => a !== null), ...dateBounds(filter) };
}

/** Respondents in the selection that a question's condition showed it to. */
function askedCount(ctx: Context, q: Question, rows: Selection): number {
	if (!q.condition) return rows.length;
	const source = split(ctx, { questionId: q.condition.questionId });
	if (!source) return rows.length;
	const wanted = bitsOf(source.segmenter, q.condition.optionIds);
	let n = 0;
	for (const r of rows) if (source.masks[r]! & wanted) n++;
	return n;
}

/** Theme counts and hidden answers of a text question, counted within the selection. */
function withCoding(r: QuestionResult, coding: TextCoding, ctx: Context, inSelection: Uint8Array) {
	if (r.kind !== 'text') return r;
	const counted = (ids: string[]) => {
		let n = 0;
		for (const id of ids) {
			const row = ctx.cube.index.get(id);
			if (row !== undefined && inSelection[row]) n++;
		}
		return n;
	};
	const themes = coding.themes
		.filter((t) => t.questionId === r.questionId)
		.map((t) => ({
			id: t.id,
			label: t.label,
			...cell(counted(coding.codings.get(t.id) ?? []), r.respondents ?? 0)
		}));
	return { ...r, themes, hidden: counted(coding.hidden.get(r.questionId) ?? []) };
}

/** Marks small cells for planners and writes the summary sentence. */
function finish(r: QuestionResult, ctx: Context): QuestionResult {
	const mark = (c: Cell) => markSmall(c, ctx.k);
	let out: QuestionResult;
	switch (r.kind) {
		case 'choice':
			out = { ...r, options: r.options.map((o) => ({ ...o, ...mark(o) })) };
			break;
		case 'matrix':
			out = {
				...r,
				rows: r.rows.map((row) => ({
					...row,
					cells: row.cells.map(mark),
					noAnswer: mark(row.noAnswer)
				}))
			};
			break;
		case 'ranking':
			out = {
				...r,
				options: r.options.map((o) => ({
					...o,
					firstPlace: mark(o.firstPlace),
					rankedBy: mark(o.rankedBy)
				}))
			};
			break;
		case 'numeric':
			out = { ...r, histogram: r.histogram.map((b) => ({ ...b, cell: mark(b.cell) })) };
			break;
		case 'text':
			out = { ...r, themes: r.themes.map((t) => ({ ...t, ...mark(t) })) };
			break;
		default:
			out = r;
	}
	return { ...out, summary: summarize(out, ctx.locale) };
}

/** Every target question's result over the rows, finished for planners. */
function questionResults(
	ctx: Context,
	targets: Question[],
	rows: Selection,
	coding: TextCoding
): QuestionResult[] {
	const inSelection = new Uint8Array(ctx.cube.size);
	for (const row of rows) inSelection[row] = 1;
	return targets.map((q) => {
		const raw = aggregate(ctx.cube, q, rows, askedCount(ctx, q, rows), ctx.labels);
		return finish(withCoding(raw, coding, ctx, inSelection), ctx);
	});
}

async function dashboardOf(db: Db, ctx: Context, filter: ResultsFilter, coding: TextCoding) {
	return {
		overview: await overview(db, ctx, filter),
		filter,
		filtered: ctx.rows.length,
		questions: questionResults(ctx, ctx.survey.questions, ctx.rows, coding),
		segmenters: surveySegmenters(ctx.survey, ctx.locale)
	};
}

export async function surveyDashboard(
	db: Db,
	surveyId: string,
	filter: ResultsFilter,
	locale: Locale = 'de'
): Promise<Dashboard | undefined> {
	const ctx = await contextFor(db, surveyId, filter, locale);
	return ctx && dashboardOf(db, ctx, filter, await textCoding(db, surveyId));
}

export interface ResultsView {
	dashboard: Dashboard;
	/** Every chart but the splitting question's own, split by `query.by`. */
	segmented: SegmentedResult[];
	cross: CrossTab | null;
}

/**
 * What one dashboard address shows, from one look at the cache, one selection and one read of
 * the coding: the dashboard, its charts split, and the cross-tab.
 */
export async function resultsView(
	db: Db,
	survey: Survey,
	query: ResultsQuery,
	locale: Locale = 'de'
): Promise<ResultsView> {
	const { filter, by, cross } = query;
	const ctx = await context(db, survey, filter, locale);
	const coding = await textCoding(db, survey.id);
	const targets = survey.questions.filter((q) => q.id !== by?.questionId || q.type === 'matrix');
	return {
		dashboard: await dashboardOf(db, ctx, filter, coding),
		segmented: by ? (segmentsOf(ctx, targets, by, coding) ?? []) : [],
		cross: cross ? (crossTabOf(ctx, cross.rows, cross.columns) ?? null) : null
	};
}

/** Every question and matrix row that can split the others: from the structure alone. */
export function surveySegmenters(survey: Survey, locale: Locale = 'de'): Segmenter[] {
	const m = messages(locale);
	return survey.questions.flatMap((q) => {
		const rowIds = q.type === 'matrix' ? q.config.rows.map((r) => r.id) : [undefined];
		return rowIds
			.map((rowId) => segmenterFor(q, rowId, m.rsOther, m.rsNoAnswer))
			.filter((s) => s !== null);
	});
}

/** Submissions per Berlin day; Berlin's offset changes on whole hours, so one lookup per hour. */
function perDay(cube: Cube, rows: Selection): { day: string; count: number }[] {
	const dayOfHour = new Map<number, string>();
	const counts = new Map<string, number>();
	for (const r of rows) {
		const hour = Math.floor(cube.submittedMs[r]! / 3_600_000);
		let day = dayOfHour.get(hour);
		if (day === undefined) {
			day = berlinToday(new Date(hour * 3_600_000));
			dayOfHour.set(hour, day);
		}
		counts.set(day, (counts.get(day) ?? 0) + 1);
	}
	return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([day, count]) => ({ day, count }));
}

async function overview(db: Db, ctx: Context, filter: ResultsFilter): Promise<Overview> {
	const { from, to } = dateBounds(filter);
	let submitted = 0;
	for (let r = 0; r < ctx.cube.size; r++) {
		const t = ctx.cube.submittedMs[r]!;
		if (t >= from && t < to) submitted++;
	}
	const drafts = await draftsPerPage(db, ctx.survey.id, {
		from: Number.isFinite(from) ? new Date(from) : null,
		to: Number.isFinite(to) ? new Date(to) : null
	});
	const stopped = (page: number) => drafts.find((d) => d.page === page)?.count ?? 0;
	const started = submitted + drafts.reduce((s, d) => s + d.count, 0);
	const pages = ctx.survey.pages.map((p, i) => ({
		pageId: p.id,
		title: p.title,
		reached: submitted + drafts.filter((d) => d.page >= i).reduce((s, d) => s + d.count, 0),
		stoppedHere: stopped(i)
	}));
	const { survey } = ctx;
	return {
		surveyId: survey.id,
		title: survey.title,
		kind: survey.kind,
		mode: survey.mode,
		started,
		submitted,
		completionRate: started ? submitted / started : null,
		perDay: perDay(ctx.cube, ctx.rows),
		pages,
		computedAt: new Date().toISOString()
	};
}

/** One question's chart per category of another question (or matrix row). */
export async function segmentedResult(
	db: Db,
	surveyId: string,
	targetQuestionId: string,
	by: SegmentRef,
	filter: ResultsFilter,
	locale: Locale = 'de'
): Promise<SegmentedResult | undefined> {
	const all = await segmentedResults(db, surveyId, [targetQuestionId], by, filter, locale);
	return all?.[0];
}

/** Several questions split by one (unknown target ids are left out). */
export async function segmentedResults(
	db: Db,
	surveyId: string,
	targetQuestionIds: string[],
	by: SegmentRef,
	filter: ResultsFilter,
	locale: Locale = 'de'
): Promise<SegmentedResult[] | undefined> {
	const ctx = await contextFor(db, surveyId, filter, locale);
	if (!ctx) return undefined;
	const targets = ctx.survey.questions.filter((q) => targetQuestionIds.includes(q.id));
	return segmentsOf(ctx, targets, by, await textCoding(db, surveyId));
}

function segmentsOf(
	ctx: Context,
	targets: Question[],
	by: SegmentRef,
	coding: TextCoding
): SegmentedResult[] | undefined {
	const bySplit = split(ctx, by);
	if (!bySplit) return undefined;
	const { segmenter, masks } = bySplit;
	const perSegment = segmenter.categories.map((c, i) => {
		const rows = inCategory(ctx.rows, masks, i);
		return { category: c, rows, results: questionResults(ctx, targets, rows, coding) };
	});
	return targets.map((_, t) => ({
		segmenter,
		segments: perSegment.map(({ category, rows, results }) => ({
			...category,
			respondents: rows.length,
			result: results[t]!
		}))
	}));
}

/** Respondents by the categories of two questions; only those who answered both count. */
export async function crossTab(
	db: Db,
	surveyId: string,
	rowsBy: SegmentRef,
	columnsBy: SegmentRef,
	filter: ResultsFilter,
	locale: Locale = 'de'
): Promise<CrossTab | undefined> {
	const ctx = await contextFor(db, surveyId, filter, locale);
	return ctx && crossTabOf(ctx, rowsBy, columnsBy);
}

function crossTabOf(ctx: Context, rowsBy: SegmentRef, columnsBy: SegmentRef): CrossTab | undefined {
	const rowSplit = split(ctx, rowsBy);
	const colSplit = split(ctx, columnsBy);
	if (!rowSplit || !colSplit) return undefined;
	const { segmenter: rowSeg, masks: rowMasks } = rowSplit;
	const { segmenter: colSeg, masks: colMasks } = colSplit;
	const R = rowSeg.categories.length;
	const C = colSeg.categories.length;
	const counts = Array.from({ length: R }, () => new Array<number>(C).fill(0));
	const rowTotals = new Array<number>(R).fill(0);
	const colTotals = new Array<number>(C).fill(0);
	let total = 0;
	for (const r of ctx.rows) {
		const a = rowMasks[r]!;
		const b = colMasks[r]!;
		if (a === 0 || b === 0) continue;
		total++;
		for (let i = 0; i < R; i++) {
			if (!(a & (1 << i))) continue;
			rowTotals[i]!++;
			for (let j = 0; j < C; j++) if (b & (1 << j)) counts[i]![j]!++;
		}
		for (let j = 0; j < C; j++) if (b & (1 << j)) colTotals[j]!++;
	}
	const mark = (c: Cell) => markSmall(c, ctx.k);
	return {
		rowTitle: rowSeg.title,
		columnTitle: colSeg.title,
		rows: rowSeg.categories,
		columns: colSeg.categories,
		cells: counts.map((row, i) => row.map((n) => mark(cell(n, rowTotals[i]!)))),
		rowTotals: rowTotals.map((n) => mark(cell(n, total))),
		columnTotals: colTotals.map((n) => mark(cell(n, total))),
		total,
		rowsOverlap: rowSplit.question.type === 'multiple',
		columnsOverlap: colSplit.question.type === 'multiple'
	};
}
