import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import { hiddenAnswerKeys } from './text-answers.repository.ts';
import { createTextSurvey, insertTextResponse } from './test-text-survey.ts';

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

describe('hiddenAnswerKeys', () => {
	it('lists exactly the hidden answers of this survey as responseId:questionId', async () => {
		const db = database.db;
		const s = await createTextSurvey(db);
		const other = await createTextSurvey(db);
		const a = await insertTextResponse(db, s.surveyId, {
			[s.shortText]: { text: 'gut' },
			[s.longText]: { text: 'beleidigend' }
		});
		const b = await insertTextResponse(db, s.surveyId, { [s.shortText]: { text: 'auch gut' } });
		const c = await insertTextResponse(db, other.surveyId, {
			[other.shortText]: { text: 'woanders' }
		});
		expect(await hiddenAnswerKeys(db, s.surveyId)).toEqual(new Set());
		await db
			.insertInto('result_flags')
			.values([
				{ response_id: a, question_id: s.longText, flagged_by: null },
				{ response_id: c, question_id: other.shortText, flagged_by: null }
			])
			.execute();
		expect(await hiddenAnswerKeys(db, s.surveyId)).toEqual(new Set([`${a}:${s.longText}`]));
		expect(await hiddenAnswerKeys(db, other.surveyId)).toEqual(
			new Set([`${c}:${other.shortText}`])
		);
		expect((await hiddenAnswerKeys(db, s.surveyId)).has(`${b}:${s.shortText}`)).toBe(false);
	});
});
