import type { AnswerMap, Question, SurveyPage } from '../../surveys/types.ts';
import type { AnswerError } from '../../surveys/answer-messages.ts';
import type { AppContext } from '../context.ts';
import { completeResponse, isVisible, parseAnswers, type AnswerInput } from './answers.ts';
import type { Participant } from './participation.ts';
import { findResponse, saveResponse } from './responses.repository.ts';
import type { Survey } from './surveys.repository.ts';

export type Navigation = 'next' | 'back' | 'save' | 'submit';

/** Pages with at least one question visible under the current answers, in order. */
export function visiblePageIndexes(survey: Survey, answers: AnswerMap): number[] {
	return survey.pages
		.map((page, index) => ({ page, index }))
		.filter(({ page }) => pageQuestions(survey, page).some((q) => isVisible(q, answers)))
		.map(({ index }) => index);
}

export function pageQuestions(survey: Survey, page: SurveyPage): Question[] {
	return survey.questions.filter((q) => q.pageId === page.id);
}

/** The visible page at or after `index` (or before it, going back); clamps to the ends. */
export function nearestVisiblePage(
	survey: Survey,
	answers: AnswerMap,
	index: number,
	direction: 1 | -1
): number {
	const visible = visiblePageIndexes(survey, answers);
	if (!visible.length) return 0;
	const found =
		direction === 1
			? visible.find((i) => i >= index)
			: [...visible].reverse().find((i) => i <= index);
	return found ?? (direction === 1 ? visible[visible.length - 1]! : visible[0]!);
}

export type PageOutcome =
	| { kind: 'invalid'; errors: Record<string, AnswerError>; pageIndex: number }
	| { kind: 'page'; pageIndex: number; saved: boolean; answers: AnswerMap }
	| { kind: 'submitted'; answers: AnswerMap }
	| { kind: 'conflict' };

/**
 * Stores one page of answers and moves on. The merged answers of all pages are re-checked on
 * submit, so conditions changed by a later edit cannot leave answers to hidden questions.
 */
export async function savePage(
	ctx: AppContext,
	survey: Survey,
	participant: Participant,
	pageIndex: number,
	input: AnswerInput,
	nav: Navigation
): Promise<PageOutcome> {
	const page = survey.pages[pageIndex];
	if (!page) return { kind: 'invalid', errors: { _form: { code: 'unknownField' } }, pageIndex: 0 };
	const stored = await findResponse(ctx.db, survey.id, participant.key);
	const earlier: AnswerMap = { ...(stored?.answers ?? {}) };
	const questions = pageQuestions(survey, page);
	for (const q of questions) delete earlier[q.id];
	const parsed = parseAnswers(questions, input, earlier);
	const hasErrors = Object.keys(parsed.errors).length > 0;
	if (hasErrors && nav !== 'back') return { kind: 'invalid', errors: parsed.errors, pageIndex };
	// Going back keeps what is valid on this page and never blocks on the rest.
	const answers = { ...earlier, ...parsed.answers };
	if (nav === 'submit') return submit(ctx, survey, participant, answers, pageIndex);
	const target =
		nav === 'next'
			? nearestVisiblePage(survey, answers, pageIndex + 1, 1)
			: nav === 'back'
				? nearestVisiblePage(survey, answers, pageIndex - 1, -1)
				: pageIndex;
	const ok = await saveResponse(ctx.db, {
		...writeOf(survey, participant),
		answers,
		currentPage: target,
		submit: false
	});
	return ok
		? { kind: 'page', pageIndex: target, saved: nav === 'save', answers }
		: { kind: 'conflict' };
}

async function submit(
	ctx: AppContext,
	survey: Survey,
	participant: Participant,
	merged: AnswerMap,
	pageIndex: number
): Promise<PageOutcome> {
	const { answers, errors } = completeResponse(survey.questions, merged);
	if (Object.keys(errors).length) {
		// Keep this page's answers, then show the first page that still needs an answer.
		const first = survey.questions.find((q) => errors[q.id]);
		const index = first ? survey.pages.findIndex((p) => p.id === first.pageId) : pageIndex;
		const ok = await saveResponse(ctx.db, {
			...writeOf(survey, participant),
			answers: merged,
			currentPage: index,
			submit: false
		});
		return ok ? { kind: 'invalid', errors, pageIndex: index } : { kind: 'conflict' };
	}
	const ok = await saveResponse(ctx.db, {
		...writeOf(survey, participant),
		answers,
		currentPage: 0,
		submit: true
	});
	return ok ? { kind: 'submitted', answers } : { kind: 'conflict' };
}

function writeOf(survey: Survey, participant: Participant) {
	return {
		surveyId: survey.id,
		participantKey: participant.key,
		userId: participant.userId,
		surveyVersion: survey.version,
		resumeHash: participant.resumeHash
	};
}
