import { answerErrorMessage, type AnswerError } from '../../surveys/answer-messages.ts';
import { answersToFields, type FieldValues } from '../../surveys/fields.ts';
import type { AnswerMap } from '../../surveys/types.ts';
import type { Locale } from '../../i18n/index.ts';
import { isVisible } from './answers.ts';
import { pageQuestions, visiblePageIndexes } from './runner.ts';
import type { Survey } from './surveys.repository.ts';

export interface Credential {
	code: string;
	resume: string;
}

/** Everything the survey page needs to render one step; plain data, safe to serialise. */
export type SurveyView =
	| { stage: 'start'; errors?: Record<string, string>; values?: Partial<Credential> }
	| {
			stage: 'page';
			pageIndex: number;
			/** 1-based position among the pages visible under the current answers, and their count. */
			step: number;
			steps: number;
			questionIds: string[];
			fields: FieldValues;
			errors: Record<string, string>;
			credential: Credential | null;
			resumeCode: string | null;
			notice: 'saved' | 'resumeNew' | null;
			preview: boolean;
	  }
	| { stage: 'done'; credential: Credential | null; resumeCode: string | null };

export function pageView(
	survey: Survey,
	opts: {
		pageIndex: number;
		answers: AnswerMap;
		fields?: FieldValues;
		errors?: Record<string, AnswerError>;
		locale: Locale;
		credential: Credential | null;
		resumeCode?: string | null;
		notice?: 'saved' | 'resumeNew' | null;
		preview?: boolean;
	}
): SurveyView {
	const page = survey.pages[opts.pageIndex] ?? survey.pages[0];
	// The preview shows every question, conditional ones included, so planners can check them all.
	const questions = page
		? pageQuestions(survey, page).filter((q) => opts.preview || isVisible(q, opts.answers))
		: [];
	const visible = opts.preview
		? survey.pages.map((_, i) => i)
		: visiblePageIndexes(survey, opts.answers);
	const errors: Record<string, string> = {};
	for (const [key, err] of Object.entries(opts.errors ?? {})) {
		errors[key] = answerErrorMessage(err, opts.locale);
	}
	// Errors can point at pages the person is not on (a required answer missing on submit).
	const index = page ? survey.pages.indexOf(page) : 0;
	return {
		stage: 'page',
		pageIndex: index,
		step: Math.max(1, visible.indexOf(index) + 1),
		steps: Math.max(1, visible.length),
		questionIds: questions.map((q) => q.id),
		fields: opts.fields ?? answersToFields(questions, opts.answers),
		errors,
		credential: opts.credential,
		resumeCode: opts.resumeCode ?? null,
		notice: opts.notice ?? null,
		preview: opts.preview ?? false
	};
}
