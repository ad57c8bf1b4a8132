import type { Db } from '../db/index.ts';
import type { Answer, AnswerMap } from '../../surveys/types.ts';
import { defaultConfig } from '../surveys/question-definition.ts';
import { createTestSurvey } from '../surveys/test-survey.ts';
import { insertPage, insertQuestion } from '../surveys/surveys.repository.ts';

export interface TextSurvey {
	surveyId: string;
	/** Single choice without "Sonstiges" (from the base test survey). */
	plainChoice: string;
	shortText: string;
	longText: string;
	/** Single choice with "Sonstiges". */
	otherSingle: string;
	/** Multiple choice with "Sonstiges". */
	otherMultiple: string;
	rating: string;
}

/** Test factory: a published survey with every kind of question that can carry free text. */
export async function createTextSurvey(db: Db): Promise<TextSurvey> {
	const base = await createTestSurvey(db);
	const page = await insertPage(db, base.surveyId, 'Seite 3');
	const add = async (type: 'long_text' | 'single' | 'multiple' | 'rating', title: string) => {
		const config = defaultConfig(type);
		if ('allowOther' in config) config.allowOther = true;
		return insertQuestion(db, base.surveyId, page, {
			type,
			title,
			help: '',
			required: false,
			config,
			condition: null
		} as Parameters<typeof insertQuestion>[3]);
	};
	return {
		surveyId: base.surveyId,
		plainChoice: base.questionIds[0]!,
		shortText: base.questionIds[1]!,
		longText: await add('long_text', 'Was sollte sich ändern?'),
		otherSingle: await add('single', 'Wo wohnen Sie?'),
		otherMultiple: await add('multiple', 'Was nutzen Sie?'),
		rating: await add('rating', 'Wie zufrieden sind Sie?')
	};
}

/** Inserts one response with the given answers; submitted unless `draft` is set. */
export async function insertTextResponse(
	db: Db,
	surveyId: string,
	answers: Record<string, Answer>,
	opts: { submittedAt?: Date; draft?: boolean } = {}
): Promise<string> {
	const at = opts.submittedAt ?? new Date();
	const json = JSON.stringify(answers satisfies AnswerMap);
	const row = await db
		.insertInto('survey_responses')
		.values({
			survey_id: surveyId,
			participant_key: `test-${crypto.randomUUID()}`,
			user_id: null,
			status: opts.draft ? 'draft' : 'submitted',
			answers: json,
			submitted_answers: opts.draft ? null : json,
			submitted_at: opts.draft ? null : at,
			survey_version: 1,
			resume_hash: null,
			updated_at: at
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}
