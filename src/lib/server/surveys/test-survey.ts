import type { Db } from '../db/index.ts';
import type { ParticipationMode, SurveyKind } from '../db/schema-surveys.ts';
import { defaultConfig } from './question-definition.ts';
import {
	insertPage,
	insertQuestion,
	insertSurvey,
	updateSurveySettings
} from './surveys.repository.ts';

/** Test factory: a published consultation with a two-page survey (or a poll) in the given mode. */
export async function createTestSurvey(
	db: Db,
	opts: { mode?: ParticipationMode; kind?: SurveyKind; closesAt?: Date | null } = {}
): Promise<{ surveyId: string; consultationId: string; questionIds: string[] }> {
	const consultation = await db
		.insertInto('consultations')
		.values({
			slug: `test-${Math.random().toString(36).slice(2, 10)}`,
			title: 'Testverfahren',
			status: 'published',
			published_at: new Date(),
			updated_at: new Date()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const kind = opts.kind ?? 'survey';
	const surveyId = await insertSurvey(db, {
		consultationId: consultation.id,
		kind,
		title: kind === 'poll' ? 'Testabstimmung' : 'Testumfrage',
		mode: opts.mode ?? 'account',
		closesAt: opts.closesAt ?? null,
		resultsVisibility: 'after_vote',
		createdBy: null
	});
	const page1 = await insertPage(db, surveyId, 'Seite 1');
	const choice = await insertQuestion(db, surveyId, page1, {
		type: 'single',
		title: 'Wie kommen Sie in die Innenstadt?',
		help: '',
		required: true,
		config: defaultConfig('single'),
		condition: null
	});
	const ids = [choice];
	if (kind === 'survey') {
		const page2 = await insertPage(db, surveyId, 'Seite 2');
		ids.push(
			await insertQuestion(db, surveyId, page2, {
				type: 'short_text',
				title: 'Was wünschen Sie sich?',
				help: '',
				required: false,
				config: defaultConfig('short_text'),
				condition: null
			})
		);
	}
	await updateSurveySettings(db, surveyId, { status: 'published' });
	return { surveyId, consultationId: consultation.id, questionIds: ids };
}
