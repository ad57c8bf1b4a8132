import { format, messages, type Locale } from '../../i18n/index.ts';
import type { BuilderState, BuilderView, QuestionEditView } from '../../surveys/builder-types.ts';
import type { Option, Question } from '../../surveys/types.ts';
import type { Db } from '../db/index.ts';
import { findNextVersion } from './builder.repository.ts';
import { conditionChoices, echoQuestionForm, questionFormValues } from './question-form.ts';
import { codeStats } from './codes.ts';
import { toBerlinInput } from './local-time.ts';
import { surveyState } from './participation.ts';
import {
	countResponses,
	findConsultationRef,
	findSurvey,
	type Survey
} from './surveys.repository.ts';

// Plain data for the builder pages: no row types, nothing the planner may not see.

export function builderState(survey: Survey, now = new Date()): BuilderState {
	return survey.status === 'archived' ? 'archived' : surveyState(survey, now);
}

function conditionText(survey: Survey, q: Question, locale: Locale): string | null {
	if (!q.condition) return null;
	const m = messages(locale);
	const source = survey.questions.find((s) => s.id === q.condition!.questionId);
	if (!source || !('options' in source.config)) return null;
	const choices = conditionChoices(
		source.config as { options: Option[]; allowOther?: boolean },
		m.surveyOther
	);
	const labels = q.condition.optionIds.map((id) => choices.find((c) => c.id === id)?.label ?? id);
	return format(m.sbConditionSummary, { question: source.title, options: labels.join(', ') });
}

export async function builderView(
	db: Db,
	surveyId: string,
	locale: Locale
): Promise<BuilderView | undefined> {
	const survey = await findSurvey(db, surveyId);
	if (!survey) return undefined;
	const [consultation, responses, nextVersion] = await Promise.all([
		findConsultationRef(db, survey.consultationId),
		countResponses(db, survey.id),
		findNextVersion(db, survey.id)
	]);
	const codes = survey.mode === 'code' ? await codeStats(db, survey.id) : null;
	return {
		survey: {
			id: survey.id,
			kind: survey.kind,
			title: survey.title,
			mode: survey.mode,
			state: builderState(survey),
			version: survey.version,
			opensAt: survey.opensAt,
			closesAt: survey.closesAt,
			previousVersionId: survey.previousVersionId
		},
		consultation: consultation
			? { id: consultation.id, slug: consultation.slug, title: consultation.title }
			: null,
		settings: {
			title: survey.title,
			intro: survey.intro,
			mode: survey.mode,
			opensAt: toBerlinInput(survey.opensAt),
			closesAt: toBerlinInput(survey.closesAt),
			resultsVisibility: survey.resultsVisibility
		},
		pages: survey.pages.map((page, i) => ({
			id: page.id,
			number: i + 1,
			title: page.title,
			questions: survey.questions
				.filter((q) => q.pageId === page.id)
				.map((q) => ({
					id: q.id,
					title: q.title,
					type: q.type,
					required: q.required,
					conditionText: conditionText(survey, q, locale)
				}))
		})),
		responses,
		locked: responses.total > 0,
		codes,
		nextVersion: nextVersion ?? null
	};
}

/** The question form's data; undefined if the question is not part of this survey. */
export async function questionEditView(
	db: Db,
	surveyId: string,
	questionId: string,
	locale: Locale
): Promise<QuestionEditView | undefined> {
	const survey = await findSurvey(db, surveyId);
	const question = survey?.questions.find((q) => q.id === questionId);
	if (!survey || !question) return undefined;
	const pageIndex = (id: string) => survey.pages.findIndex((p) => p.id === id);
	const own = pageIndex(question.pageId);
	const other = messages(locale).surveyOther;
	const candidates = survey.questions
		.filter((q) => (q.type === 'single' || q.type === 'multiple') && pageIndex(q.pageId) < own)
		.map((q) => ({
			id: q.id,
			title: q.title,
			pageNumber: pageIndex(q.pageId) + 1,
			options: conditionChoices(q.config as { options: Option[]; allowOther: boolean }, other)
		}));
	const { total } = await countResponses(db, survey.id);
	return {
		survey: { id: survey.id, kind: survey.kind, title: survey.title, state: builderState(survey) },
		question: { id: question.id, type: question.type, title: question.title, pageNumber: own + 1 },
		values: echoQuestionForm(questionFormValues(question)),
		candidates,
		locked: total > 0
	};
}
