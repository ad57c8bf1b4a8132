import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { surveyState } from '../surveys/participation.ts';
import { findSurvey, type Survey, type SurveySummary } from '../surveys/surveys.repository.ts';
import {
	SNAPSHOT_VERSION,
	type CrossTabSpec,
	type PublishedCrossTab,
	type ResultsSnapshot,
	type SegmentRef
} from '../../results/publication.ts';
import { sameRef } from '../../results/segment-ref.ts';
import { NO_FILTER, type Dashboard, type Segmenter } from '../../results/types.ts';
import { findPublication, markWithdrawn, savePublication } from './publications.repository.ts';
import { publicCrossTab, publicQuestion } from './public-results.ts';
import { crossTab, surveyDashboard } from './results.service.ts';
import { assertNoSmallCells } from './small-cells.ts';
import { suppressCrossTab, suppressQuestion } from './suppression.ts';

export interface PublishDeps {
	db: Db;
	config: Config;
}

export interface PublishInput {
	title: string;
	description: string;
	feedbackMd: string;
	crossTabs: CrossTabSpec[];
}

export type PublishRefusal =
	| { ok: false; reason: 'notFound' }
	| { ok: false; reason: 'draft' }
	/** The survey's "Sichtbarkeit der Ergebnisse" does not allow the public to see them (yet). */
	| { ok: false; reason: 'visibility'; visibility: 'planners' | 'afterClose' }
	/** A cross-tab names a question that cannot split (index into the input's crossTabs). */
	| { ok: false; reason: 'crossTab'; index: number; field: 'by' | 'target' };

export type PublishOutcome = { ok: true; updated: boolean } | PublishRefusal;

export const isSegmenter = (segmenters: Segmenter[], ref: SegmentRef) =>
	segmenters.some((s) => sameRef(s, ref));

/** The first cross-tab the survey cannot compute, and which of its two questions is wrong. */
export function invalidCrossTab(
	segmenters: Segmenter[],
	specs: CrossTabSpec[]
): { index: number; field: 'by' | 'target' } | null {
	for (const [index, s] of specs.entries()) {
		if (!isSegmenter(segmenters, s.by)) return { index, field: 'by' };
		if (sameRef(s.by, s.target) || !isSegmenter(segmenters, s.target)) {
			return { index, field: 'target' };
		}
	}
	return null;
}

async function publishedCrossTabs(
	db: Db,
	surveyId: string,
	specs: CrossTabSpec[],
	k: number
): Promise<PublishedCrossTab[]> {
	const tables: PublishedCrossTab[] = [];
	for (const spec of specs) {
		const table = await crossTab(db, surveyId, spec.by, spec.target, NO_FILTER);
		if (table) tables.push({ spec, table: publicCrossTab(suppressCrossTab(table, k)) });
	}
	return tables;
}

/**
 * The aggregates as the public may read them: every question and the chosen cross-tabs over all
 * submitted responses, suppressed with k, planner-only numbers removed, then checked once more.
 */
export async function buildSnapshot(
	db: Db,
	dashboard: Dashboard,
	specs: CrossTabSpec[],
	k: number
): Promise<ResultsSnapshot> {
	const { overview } = dashboard;
	const snapshot: ResultsSnapshot = {
		version: SNAPSHOT_VERSION,
		surveyId: overview.surveyId,
		kind: overview.kind,
		minCell: k,
		computedAt: overview.computedAt,
		responses: overview.submitted >= k || overview.submitted === 0 ? overview.submitted : null,
		questions: dashboard.questions.map((q) => publicQuestion(suppressQuestion(q, k), k)),
		crossTabs: await publishedCrossTabs(db, overview.surveyId, specs, k)
	};
	assertNoSmallCells(snapshot, k);
	return snapshot;
}

/** The survey's dashboard over all responses, for publishing or its preview. */
export async function publishableDashboard(
	db: Db,
	surveyId: string
): Promise<{ survey: Survey; dashboard: Dashboard } | PublishRefusal> {
	const survey = await findSurvey(db, surveyId);
	if (!survey) return { ok: false, reason: 'notFound' };
	if (survey.status === 'draft') return { ok: false, reason: 'draft' };
	const dashboard = await surveyDashboard(db, survey.id, NO_FILTER, 'de');
	if (!dashboard) return { ok: false, reason: 'notFound' };
	return { survey, dashboard };
}

/**
 * A poll's own setting ("Ergebnis sichtbar") decides whether its results may be public: never
 * ("nur für die Planung"), only once it has closed, or any time ("nach der eigenen Stimme").
 * Publishing respects it, and so do the public addresses, in case it changes after publishing.
 * A survey has no such setting in the builder: publishing is the planners' decision.
 */
export function visibilityBlocks(
	survey: SurveySummary,
	now = new Date()
): 'planners' | 'afterClose' | null {
	if (survey.kind !== 'poll') return null;
	if (survey.resultsVisibility === 'planners') return 'planners';
	const closed = surveyState(survey, now) === 'closed';
	return survey.resultsVisibility === 'after_close' && !closed ? 'afterClose' : null;
}

/** Publishes a survey's results, or updates the publication (issued stays, modified moves). */
export async function publishResults(
	deps: PublishDeps,
	actorId: string,
	surveyId: string,
	input: PublishInput
): Promise<PublishOutcome> {
	const source = await publishableDashboard(deps.db, surveyId);
	if ('ok' in source) return source;
	const blocked = visibilityBlocks(source.survey);
	if (blocked) return { ok: false, reason: 'visibility', visibility: blocked };
	const invalid = invalidCrossTab(source.dashboard.segmenters, input.crossTabs);
	if (invalid) return { ok: false, reason: 'crossTab', ...invalid };
	const k = deps.config.results.minCell;
	const snapshot = await buildSnapshot(deps.db, source.dashboard, input.crossTabs, k);
	return deps.db.transaction().execute(async (trx) => {
		const before = await findPublication(trx, surveyId);
		const write = { surveyId, ...input, licence: deps.config.results.licence, minCell: k };
		await savePublication(trx, { ...write, snapshot, publishedBy: actorId });
		const updated = before !== undefined && before.withdrawnAt === null;
		await recordAudit(trx, {
			actorId,
			action: updated ? 'results.update' : 'results.publish',
			targetType: 'survey',
			targetId: surveyId,
			details: { minCell: k, licence: write.licence, crossTabs: input.crossTabs.length }
		});
		return { ok: true as const, updated };
	});
}

/** Takes published results offline; their addresses answer 410 Gone from then on. */
export async function withdrawResults(
	db: Db,
	actorId: string,
	surveyId: string
): Promise<{ ok: true } | { ok: false; reason: 'notPublished' }> {
	return db.transaction().execute(async (trx) => {
		if (!(await markWithdrawn(trx, surveyId)))
			return { ok: false as const, reason: 'notPublished' };
		await recordAudit(trx, {
			actorId,
			action: 'results.withdraw',
			targetType: 'survey',
			targetId: surveyId
		});
		return { ok: true as const };
	});
}
