import { isUuid } from '../db/ids.ts';
import type { Kysely } from 'kysely';
import { LIMITS } from '../../surveys/types.ts';
import type { DB } from '../db/index.ts';
import type { ParticipationMode, SurveyKind } from '../db/schema-surveys.ts';
import { audit, editSurvey, refuse, type Outcome } from './builder-core.ts';
import { deletePage as removePage, renamePage as setPageTitle } from './builder.repository.ts';
import type { SettingsInput } from './builder-forms.ts';
import { toBerlinInput } from './local-time.ts';
import { defaultConfig } from './question-definition.ts';
import {
	findConsultationRef,
	insertPage,
	insertQuestion,
	insertSurvey,
	updateSurveySettings
} from './surveys.repository.ts';

// The planners' survey builder: the one module routes call for surveys and polls. Settings and
// pages live here; questions in builder-questions.ts, copies, versions, publishing and codes in
// survey-lifecycle.ts. Once anyone has answered, the rules are frozen so that all answers stay
// comparable: structural changes then need a new version (createNewVersion).

export type { BuilderFailure, Outcome, Refusal } from './builder-core.ts';
export {
	addQuestion,
	changeQuestionType,
	deleteQuestion,
	moveQuestion,
	moveQuestionToPage,
	saveQuestion,
	saveQuestionText
} from './builder-questions.ts';
export {
	archiveSurvey,
	closeSurvey,
	createNewVersion,
	createParticipationCodes,
	duplicateSurvey,
	publishSurvey
} from './survey-lifecycle.ts';

export interface NewSurveyInput {
	consultationId: string;
	kind: SurveyKind;
	title: string;
	mode: ParticipationMode;
}

/** A survey starts with one empty page; a poll with one page holding its single-choice question. */
export async function createSurvey(
	db: Kysely<DB>,
	actorId: string,
	input: NewSurveyInput
): Promise<Outcome<{ id: string }>> {
	if (!isUuid(input.consultationId)) return refuse('notFound');
	return db.transaction().execute(async (trx) => {
		const consultation = await findConsultationRef(trx, input.consultationId);
		if (!consultation || consultation.status === 'archived') return refuse('notFound');
		const id = await insertSurvey(trx, { ...input, createdBy: actorId });
		const pageId = await insertPage(trx, id);
		if (input.kind === 'poll') {
			await insertQuestion(trx, id, pageId, {
				type: 'single',
				title: input.title.slice(0, LIMITS.title),
				help: '',
				required: true,
				config: defaultConfig('single'),
				condition: null
			});
		}
		await audit(trx, actorId, 'created', id, { kind: input.kind, title: input.title });
		return { ok: true as const, id };
	});
}

/** Forms carry Berlin wall-clock minutes; an unchanged one keeps the stored instant exactly. */
const keepIfSameMinute = (stored: Date | null, input: Date | null) =>
	toBerlinInput(stored) === toBerlinInput(input) ? stored : input;

export async function updateSettings(
	db: Kysely<DB>,
	surveyId: string,
	input: SettingsInput
): Promise<Outcome> {
	return editSurvey(db, surveyId, { structural: false }, async ({ trx, survey, locked }) => {
		const opensAt = keepIfSameMinute(survey.opensAt, input.opensAt);
		const closesAt = keepIfSameMinute(survey.closesAt, input.closesAt);
		const resultsVisibility =
			survey.kind === 'poll'
				? (input.resultsVisibility ?? survey.resultsVisibility)
				: survey.resultsVisibility;
		const rulesChanged =
			input.mode !== survey.mode ||
			opensAt !== survey.opensAt ||
			resultsVisibility !== survey.resultsVisibility;
		if (locked && rulesChanged) return refuse('locked');
		if (opensAt && closesAt && closesAt <= opensAt) return refuse('invalid');
		await updateSurveySettings(trx, surveyId, {
			title: input.title,
			intro: input.intro,
			mode: input.mode,
			opensAt,
			closesAt,
			resultsVisibility
		});
		return { ok: true };
	});
}

export async function addPage(db: Kysely<DB>, surveyId: string, title: string): Promise<Outcome> {
	return editSurvey(db, surveyId, { structural: true }, async ({ trx, survey }) => {
		if (survey.kind === 'poll') return refuse('pollShape');
		await insertPage(trx, surveyId, title);
		return { ok: true };
	});
}

/** A page title is text, not a rule: it stays editable after the first response. */
export async function renamePage(
	db: Kysely<DB>,
	surveyId: string,
	pageId: string,
	title: string
): Promise<Outcome> {
	return editSurvey(db, surveyId, { structural: false }, async ({ trx, survey }) => {
		if (!survey.pages.some((p) => p.id === pageId)) return refuse('notFound');
		await setPageTitle(trx, pageId, title);
		return { ok: true };
	});
}

export async function deletePage(
	db: Kysely<DB>,
	surveyId: string,
	pageId: string
): Promise<Outcome> {
	return editSurvey(db, surveyId, { structural: true }, async ({ trx, survey }) => {
		if (!survey.pages.some((p) => p.id === pageId)) return refuse('notFound');
		if (survey.kind === 'poll') return refuse('pollShape');
		if (survey.questions.some((q) => q.pageId === pageId)) return refuse('pageNotEmpty');
		if (survey.pages.length === 1) return refuse('lastPage');
		await removePage(trx, pageId);
		return { ok: true };
	});
}
