import type { Kysely } from 'kysely';
import { format, messages, type Locale } from '../../i18n/index.ts';
import type { QuestionFormInput } from '../../surveys/builder-types.ts';
import { OTHER, type Question, type QuestionType } from '../../surveys/types.ts';
import type { DB } from '../db/index.ts';
import { editSurvey, refuse, type Outcome } from './builder-core.ts';
import {
	moveQuestionToPageEnd,
	setQuestionPosition,
	setQuestionText
} from './builder.repository.ts';
import { definitionFromForm } from './question-form.ts';
import { defaultConfig, type QuestionDefinition } from './question-definition.ts';
import {
	deleteQuestion as removeQuestion,
	insertQuestion,
	updateQuestion,
	type Survey
} from './surveys.repository.ts';

// Adding, editing, moving and deleting questions. A condition may only name a single or multiple
// choice question on an earlier page; every change here keeps that true for the whole survey.

const CHOICE_TYPES: readonly QuestionType[] = ['single', 'multiple'];
const OPTION_TYPES: readonly QuestionType[] = ['single', 'multiple', 'ranking', 'budget'];

export async function addQuestion(
	db: Kysely<DB>,
	surveyId: string,
	input: { pageId: string; type: QuestionType; title: string }
): Promise<Outcome<{ id: string }>> {
	return editSurvey(db, surveyId, { structural: true }, async ({ trx, survey }) => {
		if (!survey.pages.some((p) => p.id === input.pageId)) return refuse('notFound');
		if (survey.kind === 'poll') return refuse('pollShape');
		const id = await insertQuestion(trx, surveyId, input.pageId, {
			type: input.type,
			title: input.title,
			help: '',
			required: false,
			config: defaultConfig(input.type),
			condition: null
		});
		return { ok: true, id };
	});
}

const pageIndexOf = (survey: Survey, pageId: string) =>
	survey.pages.findIndex((p) => p.id === pageId);

const dependentsOf = (survey: Survey, questionId: string) =>
	survey.questions.filter((q) => q.condition?.questionId === questionId);

/** Field errors for a definition that does not fit the rest of the survey. */
function checkInSurvey(
	survey: Survey,
	question: Question,
	def: QuestionDefinition,
	locale: Locale
): Record<string, string> {
	const m = messages(locale);
	const errors: Record<string, string> = {};
	if (def.condition) {
		const target = survey.questions.find((q) => q.id === def.condition!.questionId);
		if (target?.id === question.id) errors.condition = m.sbConditionSelf;
		else if (
			!target ||
			!CHOICE_TYPES.includes(target.type) ||
			pageIndexOf(survey, target.pageId) >= pageIndexOf(survey, question.pageId)
		) {
			errors.condition = m.sbConditionEarlier;
		} else {
			const config = target.config as { options: { id: string }[]; allowOther: boolean };
			const known = new Set([...config.options.map((o) => o.id), config.allowOther && OTHER]);
			if (def.condition.optionIds.some((id) => !known.has(id))) {
				errors.condition = m.sbConditionUnknownOption;
			}
		}
	}
	// Questions shown only for some answers of this one must still find those answers.
	const dependents = dependentsOf(survey, question.id);
	if (dependents.length) {
		const config = def.config as { options?: { id: string }[]; allowOther?: boolean };
		const known = new Set([...(config.options ?? []).map((o) => o.id)]);
		if (config.allowOther) known.add(OTHER);
		const broken = dependents.find((d) => d.condition!.optionIds.some((id) => !known.has(id)));
		if (broken) errors.options = format(m.sbOptionInUse, { title: broken.title });
	}
	return errors;
}

/** Canonical JSON: jsonb sorts object keys, so compare independent of key order. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: v
	);
}

function changesRules(question: Question, def: QuestionDefinition): boolean {
	return (
		question.type !== def.type ||
		question.required !== def.required ||
		canonical(question.config) !== canonical(def.config) ||
		canonical(question.condition) !== canonical(def.condition)
	);
}

/** Saves the whole question form: texts, required, type-specific settings and condition. */
export async function saveQuestion(
	db: Kysely<DB>,
	surveyId: string,
	questionId: string,
	input: QuestionFormInput,
	locale: Locale
): Promise<Outcome> {
	return editSurvey(db, surveyId, { structural: false }, async ({ trx, survey, locked }) => {
		const question = survey.questions.find((q) => q.id === questionId);
		if (!question) return refuse('notFound');
		const parsed = definitionFromForm(question.type, input, question.config, locale);
		if (!parsed.ok) return refuse('invalid', { errors: parsed.errors });
		const errors = checkInSurvey(survey, question, parsed.value, locale);
		if (Object.keys(errors).length) return refuse('invalid', { errors });
		if (locked && changesRules(question, parsed.value)) return refuse('locked');
		await updateQuestion(trx, questionId, parsed.value);
		return { ok: true };
	});
}

/** Title and help only: the one question edit still allowed once responses exist. */
export async function saveQuestionText(
	db: Kysely<DB>,
	surveyId: string,
	questionId: string,
	text: { title: string; help: string }
): Promise<Outcome> {
	return editSurvey(db, surveyId, { structural: false }, async ({ trx, survey }) => {
		if (!survey.questions.some((q) => q.id === questionId)) return refuse('notFound');
		await setQuestionText(trx, questionId, text);
		return { ok: true };
	});
}

/** Starts the question over with the new type's defaults, keeping the options where both have them. */
export async function changeQuestionType(
	db: Kysely<DB>,
	surveyId: string,
	questionId: string,
	type: QuestionType
): Promise<Outcome> {
	return editSurvey(db, surveyId, { structural: true }, async ({ trx, survey }) => {
		const question = survey.questions.find((q) => q.id === questionId);
		if (!question) return refuse('notFound');
		if (question.type === type) return { ok: true };
		if (survey.kind === 'poll' && !CHOICE_TYPES.includes(type)) return refuse('pollQuestionType');
		const dependents = dependentsOf(survey, questionId);
		if (dependents.length && !CHOICE_TYPES.includes(type)) {
			return refuse('referenced', { names: dependents.map((d) => d.title) });
		}
		const config: Record<string, unknown> = { ...defaultConfig(type) };
		const old = question.config as unknown as Record<string, unknown>;
		if (OPTION_TYPES.includes(type) && OPTION_TYPES.includes(question.type)) {
			config.options = old.options;
			if (CHOICE_TYPES.includes(type) && CHOICE_TYPES.includes(question.type)) {
				config.allowOther = old.allowOther;
			}
		}
		const keepsOther = config.allowOther === true;
		const broken = dependents.find((d) => !keepsOther && d.condition!.optionIds.includes(OTHER));
		if (broken) return refuse('referenced', { names: [broken.title] });
		await updateQuestion(trx, questionId, {
			type,
			title: question.title,
			help: question.help,
			required: question.required,
			config,
			condition: question.condition
		});
		return { ok: true };
	});
}

export async function moveQuestion(
	db: Kysely<DB>,
	surveyId: string,
	questionId: string,
	direction: 'up' | 'down'
): Promise<Outcome> {
	return editSurvey(db, surveyId, { structural: true }, async ({ trx, survey }) => {
		const question = survey.questions.find((q) => q.id === questionId);
		if (!question) return refuse('notFound');
		const siblings = survey.questions.filter((q) => q.pageId === question.pageId);
		const index = siblings.indexOf(question);
		const other = siblings[direction === 'up' ? index - 1 : index + 1];
		if (!other) return { ok: true };
		// Positions may have gaps after deletions; swapping keeps every other question in place.
		await setQuestionPosition(trx, question.id, other.position);
		await setQuestionPosition(trx, other.id, question.position);
		return { ok: true };
	});
}

/** Moves the question to the end of another page, if its conditions still point backwards. */
export async function moveQuestionToPage(
	db: Kysely<DB>,
	surveyId: string,
	questionId: string,
	pageId: string
): Promise<Outcome> {
	return editSurvey(db, surveyId, { structural: true }, async ({ trx, survey }) => {
		const question = survey.questions.find((q) => q.id === questionId);
		const target = pageIndexOf(survey, pageId);
		if (!question || target < 0) return refuse('notFound');
		if (survey.kind === 'poll') return refuse('pollShape');
		if (question.pageId === pageId) return { ok: true };
		const source = question.condition
			? survey.questions.find((q) => q.id === question.condition!.questionId)
			: undefined;
		const clashes = [
			...(source && pageIndexOf(survey, source.pageId) >= target ? [source] : []),
			...dependentsOf(survey, questionId).filter((d) => pageIndexOf(survey, d.pageId) <= target)
		];
		if (clashes.length) return refuse('conditionOrder', { names: clashes.map((q) => q.title) });
		await moveQuestionToPageEnd(trx, questionId, pageId);
		return { ok: true };
	});
}

export async function deleteQuestion(
	db: Kysely<DB>,
	surveyId: string,
	questionId: string
): Promise<Outcome> {
	return editSurvey(db, surveyId, { structural: true }, async ({ trx, survey }) => {
		if (!survey.questions.some((q) => q.id === questionId)) return refuse('notFound');
		if (survey.kind === 'poll') return refuse('pollShape');
		const dependents = dependentsOf(survey, questionId);
		if (dependents.length) return refuse('referenced', { names: dependents.map((d) => d.title) });
		await removeQuestion(trx, questionId);
		return { ok: true };
	});
}
