// Test factory: a survey with every question type and twelve submitted responses (plus three
// unfinished ones) whose results are worked out by hand in results.service.spec.ts. Exports,
// publishing and the browser tests use it too, so they all check against the same known numbers.
import type { Db } from '../db/index.ts';
import type { AnswerMap } from '../../surveys/types.ts';
import {
	insertPage,
	insertQuestion,
	insertSurvey,
	updateSurveySettings
} from './../surveys/surveys.repository.ts';
import type { QuestionDefinition } from '../surveys/surveys.repository.ts';

const opts = (...labels: string[]) => labels.map((label, i) => ({ id: `o${i + 1}`, label }));

export const RESULTS_QUESTIONS = {
	district: {
		type: 'single',
		title: 'In welchem Ortsteil wohnen Sie?',
		config: { options: opts('Nord', 'Süd', 'Ost'), allowOther: true }
	},
	transport: {
		type: 'multiple',
		title: 'Womit sind Sie unterwegs?',
		config: {
			options: opts('Bus', 'Rad', 'Auto'),
			allowOther: true,
			minSelect: null,
			maxSelect: null
		}
	},
	priorities: {
		type: 'ranking',
		title: 'Was ist Ihnen am wichtigsten?',
		config: { options: opts('Grün', 'Verkehr', 'Wohnen'), topK: null }
	},
	square: {
		type: 'matrix',
		title: 'Wie bewerten Sie den Marktplatz?',
		config: {
			rows: [
				{ id: 'r1', label: 'Sauberkeit' },
				{ id: 'r2', label: 'Sicherheit' }
			],
			scale: [
				{ id: 's1', label: 'gut' },
				{ id: 's2', label: 'mittel' },
				{ id: 's3', label: 'schlecht' }
			],
			allowNoAnswer: true
		}
	},
	satisfaction: {
		type: 'rating',
		title: 'Wie zufrieden sind Sie?',
		config: { min: 1, max: 5, minLabel: 'gar nicht', maxLabel: 'sehr' }
	},
	age: {
		type: 'number',
		title: 'Wie alt sind Sie?',
		config: { min: 0, max: 120, integer: true, unit: 'Jahre' }
	},
	budget: {
		type: 'budget',
		title: 'Wie würden Sie 100 Punkte verteilen?',
		config: { options: opts('Park', 'Spielplatz', 'Radweg'), total: 100, unit: 'Punkte' }
	},
	wish: {
		type: 'short_text',
		title: 'Was wünschen Sie sich?',
		config: { minLength: 0, maxLength: 500 }
	},
	story: {
		type: 'long_text',
		title: 'Erzählen Sie uns mehr.',
		config: { minLength: 0, maxLength: 5000 }
	}
} as const;

export type ResultsQuestionKey = keyof typeof RESULTS_QUESTIONS;

// Per response r1..r12 (index 0..11): the answers, by question key.
const DISTRICT = ['o1', 'o1', 'o2', 'o1', 'o2', 'o1', 'o2', 'o1', 'o3', 'o1', 'o2', '__other'];
const TRANSPORT: string[][] = [
	['o1', 'o2'],
	['o1'],
	['o1', 'o2', 'o3'],
	['o2'],
	['o3'],
	['o1', 'o3'],
	['o1'],
	['o2', 'o3'],
	['o1'],
	['o1', 'o2'],
	[],
	['__other']
];
const RANKING = ['123', '132', '213', '123', '312', '231', '123', '132', '213', '321'];
const SQUARE_R1 = ['s1', 's1', 's1', 's1', 's1', 's2', 's2', 's2', 's3', 's3', '__na'];
const SQUARE_R2 = ['s1', 's1', 's2', 's2', 's2', 's2', 's3', 's3', 's3', 's3', '__na'];
const SATISFACTION = [5, 4, 4, 3, 5, 2, 1, 4, 5, 3, 4];
const AGE = [34, 45, 67, 23, 51, 38, 72, 29, 45, 60];
const BUDGET = [
	[50, 30, 20],
	[100, 0, 0],
	[0, 50, 50],
	[20, 20, 60],
	[30, 30, 40]
];
export const RESULTS_TEXTS = {
	wish: ['Mehr Bänke', 'Bessere Beleuchtung', 'mehr Bäume'],
	story: ['Der Marktplatz braucht Schatten.'],
	districtOther: 'Hof Ahlendorf',
	transportOther: 'Roller'
};

/** r1–r6 on 2 November (Berlin), r7–r11 on 10 November, r12 at 00:30 on 11 November Berlin time. */
export function submittedAt(i: number): Date {
	if (i < 6) return new Date(`2026-11-02T10:0${i}:00Z`);
	if (i < 11) return new Date(`2026-11-10T12:0${i - 6}:00Z`);
	return new Date('2026-11-10T23:30:00Z');
}

function answersOf(i: number, ids: Record<ResultsQuestionKey, string>): AnswerMap {
	const a: AnswerMap = {};
	const d = DISTRICT[i]!;
	a[ids.district] =
		d === '__other' ? { choice: d, other: RESULTS_TEXTS.districtOther } : { choice: d };
	const t = TRANSPORT[i]!;
	if (t.length) {
		a[ids.transport] = t.includes('__other')
			? { choices: t, other: RESULTS_TEXTS.transportOther }
			: { choices: t };
	}
	const r = RANKING[i];
	if (r) a[ids.priorities] = { order: [...r].map((n) => `o${n}`) };
	if (i < 11) {
		a[ids.square] = { rows: { r1: SQUARE_R1[i]!, r2: SQUARE_R2[i]! } };
		a[ids.satisfaction] = { value: SATISFACTION[i]! };
	}
	if (i < 10) a[ids.age] = { value: AGE[i]! };
	const b = BUDGET[i];
	if (b) a[ids.budget] = { allocation: { o1: b[0]!, o2: b[1]!, o3: b[2]! } };
	const wish = RESULTS_TEXTS.wish[i];
	if (wish) a[ids.wish] = { text: wish };
	if (i === 3) a[ids.story] = { text: RESULTS_TEXTS.story[0]! };
	return a;
}

export interface ResultsSurvey {
	surveyId: string;
	consultationId: string;
	ids: Record<ResultsQuestionKey, string>;
	/** Response ids r1..r12 in order. */
	responseIds: string[];
	pageIds: string[];
}

/**
 * Page 1: district, transport, priorities, square; page 2: the rest. Three unfinished responses:
 * one stopped on page 1, two on page 2 (started 2 and 10 November).
 */
export async function createResultsSurvey(
	db: Db,
	title = 'Ergebnis-Testumfrage'
): Promise<ResultsSurvey> {
	const consultation = await db
		.insertInto('consultations')
		.values({
			slug: `ergebnis-${Math.random().toString(36).slice(2, 10)}`,
			title: 'Ergebnis-Testverfahren',
			status: 'published',
			published_at: new Date(),
			updated_at: new Date()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const surveyId = await insertSurvey(db, {
		consultationId: consultation.id,
		kind: 'survey',
		title,
		mode: 'open',
		closesAt: null,
		resultsVisibility: 'after_vote',
		createdBy: null
	});
	const pageIds = [
		await insertPage(db, surveyId, 'Ihr Alltag'),
		await insertPage(db, surveyId, 'Ihre Meinung')
	];
	const ids = {} as Record<ResultsQuestionKey, string>;
	for (const [n, [key, q]] of Object.entries(RESULTS_QUESTIONS).entries()) {
		ids[key as ResultsQuestionKey] = await insertQuestion(db, surveyId, pageIds[n < 4 ? 0 : 1]!, {
			type: q.type,
			title: q.title,
			help: '',
			required: false,
			config: structuredClone(q.config) as unknown as Record<string, unknown>,
			condition: null
		} as QuestionDefinition);
	}
	await updateSurveySettings(db, surveyId, { status: 'published' });
	const responseIds: string[] = [];
	for (let i = 0; i < 12; i++) {
		const answers = JSON.stringify(answersOf(i, ids));
		const row = await db
			.insertInto('survey_responses')
			.values({
				survey_id: surveyId,
				participant_key: `o:results-${i}-${Math.random().toString(36).slice(2)}`,
				status: 'submitted',
				answers,
				submitted_answers: answers,
				survey_version: 1,
				submitted_at: submittedAt(i),
				updated_at: submittedAt(i)
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		responseIds.push(row.id);
	}
	const drafts: [number, string][] = [
		[0, '2026-11-02T09:00:00Z'],
		[1, '2026-11-02T09:30:00Z'],
		[1, '2026-11-10T09:00:00Z']
	];
	for (const [page, at] of drafts) {
		await db
			.insertInto('survey_responses')
			.values({
				survey_id: surveyId,
				participant_key: `o:draft-${Math.random().toString(36).slice(2)}`,
				status: 'draft',
				answers: '{}',
				survey_version: 1,
				current_page: page,
				created_at: at,
				updated_at: at
			})
			.execute();
	}
	return { surveyId, consultationId: consultation.id, ids, responseIds, pageIds };
}
