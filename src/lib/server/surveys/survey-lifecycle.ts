import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/index.ts';
import { findNextVersion, lockSurvey, setQuestionCondition } from './builder.repository.ts';
import { audit, editSurvey, refuse, type Outcome } from './builder-core.ts';
import { createCodes } from './codes.ts';
import { surveyState } from './participation.ts';
import {
	findSurvey,
	insertPage,
	insertQuestion,
	insertSurvey,
	updateSurveySettings,
	type Survey
} from './surveys.repository.ts';
import { LIMITS_SURVEY } from './builder-forms.ts';

// Copies, versions, publishing, closing, archiving and participation codes of surveys and polls.

/** Survey titles are content in the town's language, so the copy is named in German. */
const COPY_PREFIX = 'Kopie: ';

/**
 * Copies pages and questions in order. Option ids stay as they are (they are local to their
 * question); conditions are pointed at the copies of the questions they named.
 */
async function copySurvey(
	trx: Transaction<DB>,
	actorId: string,
	source: Survey,
	opts: { title: string; version: number; previousVersionId: string | null }
): Promise<string> {
	const id = await insertSurvey(trx, {
		consultationId: source.consultationId,
		kind: source.kind,
		title: opts.title,
		intro: source.intro,
		mode: source.mode,
		opensAt: source.opensAt,
		closesAt: source.closesAt,
		resultsVisibility: source.resultsVisibility,
		createdBy: actorId,
		version: opts.version,
		previousVersionId: opts.previousVersionId
	});
	const pageIds = new Map<string, string>();
	for (const page of source.pages) pageIds.set(page.id, await insertPage(trx, id, page.title));
	const questionIds = new Map<string, string>();
	for (const q of source.questions) {
		const copy = await insertQuestion(trx, id, pageIds.get(q.pageId)!, { ...q, condition: null });
		questionIds.set(q.id, copy);
	}
	for (const q of source.questions) {
		if (!q.condition) continue;
		const target = questionIds.get(q.condition.questionId);
		await setQuestionCondition(
			trx,
			questionIds.get(q.id)!,
			target ? { questionId: target, optionIds: q.condition.optionIds } : null
		);
	}
	return id;
}

async function withSource<T extends object>(
	db: Kysely<DB>,
	surveyId: string,
	fn: (trx: Transaction<DB>, source: Survey) => Promise<Outcome<T>>
): Promise<Outcome<T>> {
	return db.transaction().execute(async (trx) => {
		const source = (await lockSurvey(trx, surveyId)) && (await findSurvey(trx, surveyId));
		if (!source) return refuse('notFound');
		return fn(trx, source);
	});
}

/** A draft copy "Kopie: …" in the same consultation, archived surveys included. */
export async function duplicateSurvey(
	db: Kysely<DB>,
	actorId: string,
	surveyId: string
): Promise<Outcome<{ id: string }>> {
	return withSource(db, surveyId, async (trx, source) => {
		const title = (COPY_PREFIX + source.title).slice(0, LIMITS_SURVEY.title);
		const id = await copySurvey(trx, actorId, source, {
			title,
			version: 1,
			previousVersionId: null
		});
		await audit(trx, actorId, 'duplicated', id, { from: source.id });
		return { ok: true, id };
	});
}

/**
 * The way to change rules once responses exist: a draft copy numbered version + 1 that points back
 * at this one. The old version and its responses stay untouched; participation codes belong to
 * the old version and are not carried over.
 */
export async function createNewVersion(
	db: Kysely<DB>,
	actorId: string,
	surveyId: string
): Promise<Outcome<{ id: string; version: number }>> {
	return withSource(db, surveyId, async (trx, source) => {
		const newer = await findNextVersion(trx, source.id);
		if (newer) return refuse('versionExists', { id: newer.id });
		const version = source.version + 1;
		const id = await copySurvey(trx, actorId, source, {
			title: source.title,
			version,
			previousVersionId: source.id
		});
		await audit(trx, actorId, 'version_created', id, { from: source.id, version });
		return { ok: true, id, version };
	});
}

/** What publishing would refuse, in the order a planner should fix it. */
export function publishProblem(
	survey: Survey
): { reason: 'noQuestions' | 'pollQuestionType' | 'emptyPage'; names?: string[] } | null {
	if (!survey.questions.length) return { reason: 'noQuestions' };
	if (survey.kind === 'poll') {
		const [question, ...rest] = survey.questions;
		const choice = question?.type === 'single' || question?.type === 'multiple';
		return !choice || rest.length ? { reason: 'pollQuestionType' } : null;
	}
	const empty = survey.pages
		.map((p, i) => ({ p, n: String(i + 1) }))
		.filter(({ p }) => !survey.questions.some((q) => q.pageId === p.id));
	if (empty.length) return { reason: 'emptyPage', names: empty.map((e) => e.n) };
	return null;
}

export async function publishSurvey(
	db: Kysely<DB>,
	actorId: string,
	surveyId: string,
	now = new Date()
): Promise<Outcome> {
	return editSurvey(db, surveyId, { structural: false }, async ({ trx, survey }) => {
		if (survey.status !== 'draft') return refuse('notDraft');
		const problem = publishProblem(survey);
		if (problem) return refuse(problem.reason, { names: problem.names });
		if (survey.closesAt && survey.closesAt <= now) return refuse('alreadyClosed');
		await updateSurveySettings(trx, surveyId, { status: 'published' });
		await audit(trx, actorId, 'published', surveyId, { version: survey.version });
		return { ok: true };
	});
}

/** Ends participation now by moving the closing time, so the record shows when it ended. */
export async function closeSurvey(
	db: Kysely<DB>,
	actorId: string,
	surveyId: string,
	now = new Date()
): Promise<Outcome> {
	return editSurvey(db, surveyId, { structural: false }, async ({ trx, survey }) => {
		const state = surveyState(survey, now);
		if (state === 'draft' || state === 'closed') return refuse('notOpen');
		const opensAt = survey.opensAt && survey.opensAt > now ? now : survey.opensAt;
		await updateSurveySettings(trx, surveyId, { closesAt: now, opensAt });
		await audit(trx, actorId, 'closed', surveyId, { closesAt: now.toISOString() });
		return { ok: true };
	});
}

export async function archiveSurvey(
	db: Kysely<DB>,
	actorId: string,
	surveyId: string
): Promise<Outcome> {
	return editSurvey(db, surveyId, { structural: false }, async ({ trx }) => {
		await updateSurveySettings(trx, surveyId, { status: 'archived' });
		await audit(trx, actorId, 'archived', surveyId);
		return { ok: true };
	});
}

/** New codes for a code-mode survey; the plain codes leave only in the answer, for the CSV. */
export async function createParticipationCodes(
	db: Kysely<DB>,
	actorId: string,
	surveyId: string,
	count: number
): Promise<Outcome<{ codes: string[]; title: string }>> {
	return editSurvey(db, surveyId, { structural: false }, async ({ trx, survey }) => {
		if (survey.mode !== 'code') return refuse('notCodeMode');
		const codes = await createCodes(trx, surveyId, count);
		await audit(trx, actorId, 'codes_created', surveyId, { count });
		return { ok: true, codes, title: survey.title };
	});
}
