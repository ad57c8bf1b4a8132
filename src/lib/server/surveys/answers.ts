// Reading and checking survey answers. Pure: no database, so the same rules serve the page form,
// drafts read back from storage and the final submission.
import type { AnswerError } from '../../surveys/answer-messages.ts';
import {
	fieldName,
	type Answer,
	type AnswerMap,
	type Question,
	type QuestionType
} from '../../surveys/types.ts';
import { fail, RULES, type TypeRules } from './answer-rules.ts';

/** The form as far as answers are concerned; FormData fits via answerInputFromFormData. */
export interface AnswerInput {
	get(name: string): string | null;
	getAll(name: string): string[];
	keys(): Iterable<string>;
}

/** File entries are treated as absent: no question takes a file. */
export function answerInputFromFormData(form: FormData): AnswerInput {
	const strings = (name: string) =>
		form.getAll(name).filter((value): value is string => typeof value === 'string');
	return {
		get: (name) => strings(name)[0] ?? null,
		getAll: strings,
		keys: () => [...new Set(form.keys())].filter((name) => strings(name).length > 0)
	};
}

function rulesFor(question: Question): TypeRules<QuestionType> {
	return RULES[question.type];
}

/** A question with a condition is shown only if an earlier choice includes one of its options. */
export function isVisible(question: Question, answers: AnswerMap): boolean {
	const condition = question.condition;
	if (!condition) return true;
	const answer = answers[condition.questionId];
	if (!answer) return false;
	const chosen = 'choice' in answer ? [answer.choice] : 'choices' in answer ? answer.choices : [];
	return chosen.some((id) => condition.optionIds.includes(id));
}

/** Checks an answer that is already parsed (a stored draft, say) against its question. */
export function validateAnswer(question: Question, value: unknown): AnswerError | null {
	return rulesFor(question).validate(question, value);
}

type Outcome = { answer?: Answer; error?: AnswerError };

/** A field sent twice where the form has one (only checkboxes repeat) is forged or broken. */
function hasRepeatedField(question: Question, input: AnswerInput): boolean {
	const rules = rulesFor(question);
	const list = rules.repeats ? fieldName(question.id) : null;
	return rules.fields(question).some((name) => name !== list && input.getAll(name).length > 1);
}

function parseQuestion(question: Question, input: AnswerInput, context: AnswerMap): Outcome {
	const rules = rulesFor(question);
	const parsed = hasRepeatedField(question, input)
		? { error: fail('invalidAnswer') }
		: rules.parse(question, input);
	const visible = isVisible(question, context);
	if (parsed === null) {
		return visible && question.required
			? { error: rules.missing?.(question) ?? fail('required') }
			: {};
	}
	if (!visible) return { error: fail('hiddenQuestion') };
	if ('error' in parsed) return parsed;
	const error = rules.validate(question, parsed.value);
	return error ? { error } : { answer: parsed.value };
}

function hasUnknownField(pageQuestions: Question[], input: AnswerInput): boolean {
	const known = new Set(pageQuestions.flatMap((q) => rulesFor(q).fields(q)));
	for (const name of input.keys()) {
		if (name.startsWith('q.') && !known.has(name)) return true;
	}
	return false;
}

/**
 * Reads one page of the form. `earlier` holds the answers from earlier pages, which decide the
 * conditions; errors are keyed by question id, or `_form` for fields no question owns.
 */
export function parseAnswers(
	pageQuestions: Question[],
	input: AnswerInput,
	earlier: AnswerMap
): { answers: AnswerMap; errors: Record<string, AnswerError> } {
	const answers: AnswerMap = {};
	const errors: Record<string, AnswerError> = {};
	if (hasUnknownField(pageQuestions, input)) errors._form = fail('unknownField');
	// What a previous visit to this page left behind must not decide conditions on it now.
	const context: AnswerMap = { ...earlier };
	for (const q of pageQuestions) delete context[q.id];
	for (const q of pageQuestions) {
		const { answer, error } = parseQuestion(q, input, context);
		if (error) errors[q.id] = error;
		if (answer) answers[q.id] = context[q.id] = answer;
	}
	return { answers, errors };
}

/**
 * For the final submission. `questions` are all of the survey's, in page and position order, so
 * that a chain of conditions resolves: an answer that no longer counts hides what depended on it.
 */
export function completeResponse(
	questions: Question[],
	answers: AnswerMap
): { answers: AnswerMap; errors: Record<string, AnswerError> } {
	const kept: AnswerMap = {};
	const errors: Record<string, AnswerError> = {};
	for (const q of questions) {
		if (!isVisible(q, kept)) continue;
		const answer = Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
		if (answer === undefined) {
			if (q.required) errors[q.id] = fail('required');
			continue;
		}
		const error = validateAnswer(q, answer);
		if (error) errors[q.id] = error;
		else kept[q.id] = answer;
	}
	return { answers: kept, errors };
}
