import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import { defaultConfig } from './question-definition.ts';
import {
	deleteQuestion,
	findSurvey,
	insertQuestion,
	updateQuestion
} from './surveys.repository.ts';
import { createTestSurvey } from './test-survey.ts';

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

describe('findSurvey', () => {
	it('never serves a cached structure after a question changed', async () => {
		const db = database.db;
		const { surveyId, questionIds } = await createTestSurvey(db);
		const before = (await findSurvey(db, surveyId))!;
		expect(before.questions).toHaveLength(2);
		const q = before.questions[0]!;
		await updateQuestion(db, q.id, { ...q, title: 'Neuer Titel', config: q.config });
		expect((await findSurvey(db, surveyId))!.questions[0]!.title).toBe('Neuer Titel');
		const added = await insertQuestion(db, surveyId, q.pageId, {
			type: 'rating',
			title: 'Noch eine Frage',
			help: '',
			required: false,
			config: defaultConfig('rating'),
			condition: null
		});
		expect((await findSurvey(db, surveyId))!.questions.map((x) => x.id)).toContain(added);
		await deleteQuestion(db, questionIds[1]!);
		expect((await findSurvey(db, surveyId))!.questions.map((x) => x.id)).not.toContain(
			questionIds[1]
		);
	});

	it('reads status and closing time fresh every time', async () => {
		const db = database.db;
		const { surveyId } = await createTestSurvey(db);
		await findSurvey(db, surveyId);
		const past = new Date(Date.now() - 1000);
		// A change that does not go through the repository (e.g. another process) still shows.
		await db.updateTable('surveys').set({ closes_at: past }).where('id', '=', surveyId).execute();
		expect((await findSurvey(db, surveyId))!.closesAt?.getTime()).toBe(past.getTime());
	});

	it('returns nothing for forged ids', async () => {
		expect(await findSurvey(database.db, 'not-a-uuid')).toBeUndefined();
		expect(await findSurvey(database.db, '00000000-0000-0000-0000-000000000000')).toBeUndefined();
	});
});
