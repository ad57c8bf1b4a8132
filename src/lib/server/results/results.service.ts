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
import { markSmall } from './suppression.ts';
import { summarize } from './summary.ts';

interface Context {
	survey: Survey;
	cube: Cube;
	rows: Selection;
	labels: Labels;
	locale: Locale;
	k: number;
}

async function context(
	db: Db,
	surveyId: string,
	filter: ResultsFilter,
	locale: Locale
): Promise<Context | undefined> {
	const survey = await findSurvey(db, surveyId);
	if (!survey) return undefined;
	const cube = await currentCube(db, survey);
	const m = messages(locale);
	const labels = { other: m.rsOther, noAnswer: m.rsNoAnswer };
	const rows = select(cube, resolveFilter(cube, survey, filter));
	return { survey, cube, rows, labels, locale, k: config().results.minCell };
}

interface Split {
	question: Question;
	segmenter: Segmenter;
	/** Per cube row, the segmenter's categories it is in (see membership). */
	masks: Uint32Array;
}

/** A question (or matrix row) that splits or filters, with each response's categories. */
function split(cube: Cube, survey: Survey, ref: SegmentRef, labels: Labels): Split | undefined {
	const question = survey.questions.find((q) => q.id === ref.questionId);
	const segmenter = question && segmenterFor(question, ref.rowId, labels.other, labels.noAnswer);
	if (!question || !segmenter) return undefined;
	return { question, segmenter, masks: membership(cube, question, ref) };
}

/** The bits of the categories named, as membership masks set them. */
function bitsOf(segmenter: Segmenter, ids: string[]): number {
	let bits = 0;
	segmenter.categories.forEach((c, i) => {
		if (ids.includes(c.id)) bits |= 1 << i;
	});
	return bits >>> 0;
}

const NO_LABELS: Labels = { other: '', noAnswer: '' };

/** Filter entries name questions and categories that parseResultsQuery has checked. */
export function resolveFilter(cube: Cube, survey: Survey, filter: ResultsFilter): ResolvedFilter {
	const answers = filter.answers.map((a) => {
		const s = split(cube, survey, a, NO_LABELS);
		return s ? { masks: s.masks, wanted: bitsOf(s.segmenter, a.optionIds) } : null;
	});
	return { answers: answers.filter((a) => a !== null), ...dateBounds(filter) };
}

/** Respondents in the selection that a question's condition showed it to. */
function askedCount(ctx: Context, q: Question, rows: Selection): number {
	if (!q.condition) return rows.length;
	const source = split(ctx.cube, ctx.survey, { questionId: q.condition.questionId }, NO_LABELS);
	if (!source) return rows.length;
	const wanted = bitsOf(source.segmenter, q.condition.optionIds);
	let n = 0;
	for (const r of rows) if (source.masks[r]! & wanted) n++;
	return n;
}

function withCoding(r: QuestionResult, coding: TextCoding, ctx: Context, rows: Selection) {
	if (r.kind !== 'text') return r;
	const inSelection = new Uint8Array(ctx.cube.size);
	for (const row of rows) inSelection[row] = 1;
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

function questionResults(ctx: Context, rows: Selection, coding: TextCoding): QuestionResult[] {
	return ctx.survey.questions.map((q) => {
		const raw = aggregate(ctx.cube, q, rows, askedCount(ctx, q, rows), ctx.labels);
		return finish(withCoding(raw, coding, ctx, rows), ctx);
	});
}

export async function surveyDashboard(
	db: Db,
	surveyId: string,
	filter: ResultsFilter,
	locale: Locale = 'de'
): Promise<Dashboard | undefined> {
	const ctx = await context(db, surveyId, filter, locale);
	if (!ctx) return undefined;
	const coding = await textCoding(db, surveyId);
	return {
		overview: await overview(db, ctx, filter),
		filter,
		filtered: ctx.rows.length,
		questions: questionResults(ctx, ctx.rows, coding),
		segmenters: segmenters(ctx)
	};
}

/** Every question and matrix row that can split the others. */
function segmenters(ctx: Context) {
	return ctx.survey.questions.flatMap((q) => {
		const rowIds = q.type === 'matrix' ? q.config.rows.map((r) => r.id) : [undefined];
		return rowIds
			.map((rowId) => segmenterFor(q, rowId, ctx.labels.other, ctx.labels.noAnswer))
			.filter((s) => s !== null);
	});
}

const BERLIN_DAY = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/Berlin',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** Submissions per Berlin day; Berlin's offset changes on whole hours, so one lookup per hour. */
function perDay(cube: Cube, rows: Selection): { day: string; count: number }[] {
	const dayOfHour = new Map<number, string>();
	const counts = new Map<string, number>();
	for (const r of rows) {
		const hour = Math.floor(cube.submittedMs[r]! / 3_600_000);
		let day = dayOfHour.get(hour);
		if (day === undefined) {
			day = BERLIN_DAY.format(new Date(hour * 3_600_000));
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

/**
 * Several questions split by one: one look at the cache and the selection for all of them (the
 * dashboard splits every chart at once). Unknown target ids are left out.
 */
export async function segmentedResults(
	db: Db,
	surveyId: string,
	targetQuestionIds: string[],
	by: SegmentRef,
	filter: ResultsFilter,
	locale: Locale = 'de'
): Promise<SegmentedResult[] | undefined> {
	const ctx = await context(db, surveyId, filter, locale);
	const bySplit = ctx && split(ctx.cube, ctx.survey, by, ctx.labels);
	if (!ctx || !bySplit) return undefined;
	const { segmenter, masks } = bySplit;
	const coding = await textCoding(db, surveyId);
	const segmentRows = segmenter.categories.map((_, i) => inCategory(ctx.rows, masks, i));
	const targets = targetQuestionIds
		.map((id) => ctx.survey.questions.find((q) => q.id === id))
		.filter((q) => q !== undefined);
	return targets.map((target) => ({
		segmenter,
		segments: segmenter.categories.map((c, i) => {
			const rows = segmentRows[i]!;
			const raw = aggregate(ctx.cube, target, rows, askedCount(ctx, target, rows), ctx.labels);
			return {
				...c,
				respondents: rows.length,
				result: finish(withCoding(raw, coding, ctx, rows), ctx)
			};
		})
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
	const ctx = await context(db, surveyId, filter, locale);
	const rowSplit = ctx && split(ctx.cube, ctx.survey, rowsBy, ctx.labels);
	const colSplit = ctx && split(ctx.cube, ctx.survey, columnsBy, ctx.labels);
	if (!ctx || !rowSplit || !colSplit) return undefined;
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
