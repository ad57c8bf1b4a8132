import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import { NO_FILTER } from '../../results/types.ts';
import { surveyDashboard } from '../results/results.service.ts';
import { completeResponse } from '../surveys/answers.ts';
import { findSurvey } from '../surveys/surveys.repository.ts';
import { createResultsSurvey } from '../results/test-results-survey.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import type { AnswerMap } from '../../surveys/types.ts';
import { seedDemoResponses } from './survey-responses.ts';

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

describe('seedDemoResponses', () => {
	it('writes responses that pass the rules a resident’s answers pass', async () => {
		const db = database.db;
		const { surveyId } = await createResultsSurvey(db);
		const survey = (await findSurvey(db, surveyId))!;
		await seedDemoResponses(db, survey, 120);
		const rows = await db
			.selectFrom('survey_responses')
			.select(['submitted_answers', 'participant_key'])
			.where('survey_id', '=', surveyId)
			.where('participant_key', 'like', 'o:demo-%')
			.where('status', '=', 'submitted')
			.execute();
		expect(rows).toHaveLength(120);
		for (const row of rows) {
			const answers = row.submitted_answers as AnswerMap;
			expect(completeResponse(survey.questions, answers).errors, row.participant_key).toEqual({});
		}
		const dashboard = (await surveyDashboard(db, surveyId, NO_FILTER))!;
		// The fixture's 12 plus 120; 20 unfinished on top of the fixture's 3.
		expect([dashboard.overview.submitted, dashboard.overview.started]).toEqual([132, 155]);
	});
});
