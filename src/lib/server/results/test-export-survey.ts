import type { Db } from '../db/index.ts';
import { createTestSurvey } from '../surveys/test-survey.ts';
import { insertPage, insertQuestion } from '../surveys/surveys.repository.ts';
import type { AnswerMap, QuestionType } from '../../surveys/types.ts';

const opt = (...labels: string[]) => labels.map((label, i) => ({ id: `o${i + 1}`, label }));

/** The questions of the export fixture after the base survey's two, in survey order (q3 … q11). */
const QUESTIONS: { key: string; type: QuestionType; title: string; config: object }[] = [
	{
		key: 'way',
		type: 'single',
		title: 'Womit fahren Sie?',
		config: { options: opt('Auto', 'Rad'), allowOther: true }
	},
	{
		key: 'goals',
		type: 'multiple',
		title: 'Wohin fahren Sie?',
		config: {
			options: opt('Arbeit', 'Einkauf', 'Arzt'),
			allowOther: true,
			minSelect: null,
			maxSelect: null
		}
	},
	{
		key: 'rank',
		type: 'ranking',
		title: 'Was ist wichtig?',
		config: { options: opt('Radwege', 'Busse', 'Parken'), topK: 2 }
	},
	{
		key: 'matrix',
		type: 'matrix',
		title: 'Wie sicher ist es?',
		config: {
			rows: [
				{ id: 'r1', label: 'Schulweg' },
				{ id: 'r2', label: 'Markt' }
			],
			scale: opt('unsicher', 'mittel', 'sicher'),
			allowNoAnswer: true
		}
	},
	{
		key: 'rating',
		type: 'rating',
		title: 'Wie zufrieden?',
		config: { min: 1, max: 5, minLabel: 'gar nicht', maxLabel: 'sehr' }
	},
	{
		key: 'km',
		type: 'number',
		title: 'Kilometer pro Woche',
		config: { min: 0, max: null, integer: false, unit: 'km' }
	},
	{
		key: 'budget',
		type: 'budget',
		title: 'Verteilen Sie 100 Punkte',
		config: { options: opt('Radwege', 'Busse'), total: 100, unit: 'Punkte' }
	},
	{
		key: 'idea',
		type: 'long_text',
		title: 'Was soll sich ändern?',
		config: { minLength: 0, maxLength: 5000 }
	}
];

export interface ExportSurvey {
	surveyId: string;
	/** Question ids by key; `place` (q1, single without other) and `wish` (q2, short text) come from the base survey. */
	q: Record<string, string>;
}

/** Test factory: a published survey with every question type, for the export specs. */
export async function createExportSurvey(db: Db): Promise<ExportSurvey> {
	const base = await createTestSurvey(db);
	const page = await insertPage(db, base.surveyId, 'Seite 3');
	const q: Record<string, string> = { place: base.questionIds[0]!, wish: base.questionIds[1]! };
	for (const d of QUESTIONS) {
		q[d.key] = await insertQuestion(db, base.surveyId, page, {
			type: d.type,
			title: d.title,
			help: '',
			required: false,
			config: d.config,
			condition: null
		});
	}
	return { surveyId: base.surveyId, q };
}

/** Inserts a response started at `createdAt`; submitted at `submittedAt` unless that is null. */
export async function insertExportResponse(
	db: Db,
	surveyId: string,
	answers: AnswerMap,
	createdAt: Date,
	submittedAt: Date | null
): Promise<string> {
	const json = JSON.stringify(answers);
	const row = await db
		.insertInto('survey_responses')
		.values({
			survey_id: surveyId,
			participant_key: `test-${crypto.randomUUID()}`,
			user_id: null,
			status: submittedAt ? 'submitted' : 'draft',
			answers: json,
			submitted_answers: submittedAt ? json : null,
			submitted_at: submittedAt,
			survey_version: 1,
			resume_hash: null,
			created_at: createdAt,
			updated_at: submittedAt ?? createdAt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}
