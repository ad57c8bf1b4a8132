import type { Db } from '../db/index.ts';
import {
	findSurvey,
	insertPage,
	insertQuestion,
	insertSurvey,
	updateSurveySettings,
	type QuestionDefinition
} from '../surveys/surveys.repository.ts';
import type { DemoConsultationIds } from './consultations.ts';
import { seedDemoResponses } from './survey-responses.ts';

const opt = (labels: string[]) => labels.map((label, i) => ({ id: `o${i + 1}`, label }));
const DAY = 86_400_000;
/** Enough for charts with shape, splits and cross-tabs with cells above the privacy threshold. */
export const DEMO_RESPONSES = 240;

/** A survey with every question type for the mobility plan, and a poll for the market square. */
export async function seedDemoSurveys(
	db: Db,
	ids: DemoConsultationIds,
	plannerId: string
): Promise<void> {
	const surveyId = await insertSurvey(db, {
		consultationId: ids.masterplanMobilitaet,
		kind: 'survey',
		title: 'Umfrage zum Masterplan Mobilität',
		intro:
			'Wie sind Sie in Hennef unterwegs, und was soll sich ändern? Die Umfrage dauert etwa zehn Minuten. Sie können jederzeit speichern und später weitermachen.',
		mode: 'account',
		closesAt: new Date(Date.now() + 30 * DAY),
		createdBy: plannerId
	});
	const page1 = await insertPage(db, surveyId, 'Ihre Mobilität heute');
	const mainMode = await insertQuestion(db, surveyId, page1, {
		type: 'single',
		title: 'Wie sind Sie in Hennef meistens unterwegs?',
		help: '',
		required: true,
		config: { options: opt(['Auto', 'Bus und Bahn', 'Fahrrad', 'Zu Fuß']), allowOther: true },
		condition: null
	});
	const page1Questions: QuestionDefinition[] = [
		{
			type: 'multiple',
			title: 'Welche Ziele erreichen Sie regelmäßig?',
			help: 'Höchstens drei Antworten.',
			required: false,
			config: {
				options: opt(['Arbeit oder Ausbildung', 'Einkauf', 'Schule oder Kita', 'Arzt', 'Freizeit']),
				allowOther: false,
				minSelect: null,
				maxSelect: 3
			},
			condition: null
		},
		{
			type: 'rating',
			title: 'Wie zufrieden sind Sie mit dem Radwegenetz in Hennef?',
			help: '',
			required: true,
			config: { min: 1, max: 5, minLabel: 'gar nicht zufrieden', maxLabel: 'sehr zufrieden' },
			condition: null
		}
	];
	for (const q of page1Questions) await insertQuestion(db, surveyId, page1, q);

	const page2 = await insertPage(db, surveyId, 'Was ist Ihnen wichtig?');
	const page2Questions: QuestionDefinition[] = [
		{
			type: 'ranking',
			title: 'Was ist Ihnen am wichtigsten?',
			help: '',
			required: true,
			config: {
				options: opt([
					'Sichere Radwege',
					'Busse im 15-Minuten-Takt',
					'Ausreichend Parkplätze',
					'Barrierefreie Gehwege'
				]),
				topK: 3
			},
			condition: null
		},
		{
			type: 'matrix',
			title: 'Wie sehr stimmen Sie den folgenden Aussagen zu?',
			help: '',
			required: true,
			config: {
				rows: opt([
					'Die Innenstadt soll verkehrsberuhigt werden.',
					'Am Bahnhof fehlen sichere Fahrradstellplätze.',
					'Der Bus fährt abends zu selten.'
				]),
				scale: opt([
					'stimme voll zu',
					'stimme eher zu',
					'teils, teils',
					'stimme eher nicht zu',
					'stimme gar nicht zu'
				]),
				allowNoAnswer: true
			},
			condition: null
		},
		{
			type: 'budget',
			title: 'Wie würden Sie 100 Punkte auf diese Bereiche verteilen?',
			help: '',
			required: false,
			config: {
				options: opt(['Radverkehr', 'Busverkehr', 'Fußwege', 'Straßen und Parken']),
				total: 100,
				unit: 'Punkte'
			},
			condition: null
		}
	];
	for (const q of page2Questions) await insertQuestion(db, surveyId, page2, q);

	const page3 = await insertPage(db, surveyId, 'Ihre Ideen');
	const page3Questions: QuestionDefinition[] = [
		{
			type: 'number',
			title: 'Wie viele Kilometer fahren Sie pro Woche mit dem Rad?',
			help: 'Nur für Menschen, die meistens Rad fahren.',
			required: false,
			config: { min: 0, max: 1000, integer: true, unit: 'km' },
			condition: { questionId: mainMode, optionIds: ['o3'] }
		},
		{
			type: 'short_text',
			title: 'In welchem Ortsteil wohnen Sie?',
			help: '',
			required: false,
			config: { minLength: 0, maxLength: 100 },
			condition: null
		},
		{
			type: 'long_text',
			title: 'Was sollte sich an der Mobilität in Hennef ändern?',
			help: 'Bitte keine Namen oder andere persönliche Daten.',
			required: false,
			config: { minLength: 0, maxLength: 2000 },
			condition: null
		}
	];
	for (const q of page3Questions) await insertQuestion(db, surveyId, page3, q);
	await updateSurveySettings(db, surveyId, { status: 'published' });
	await seedDemoResponses(db, (await findSurvey(db, surveyId))!, DEMO_RESPONSES);

	const pollId = await insertSurvey(db, {
		consultationId: ids.marktplatzStadtBlankenberg,
		kind: 'poll',
		title: 'Welche Gestaltung des Marktplatzes bevorzugen Sie?',
		mode: 'open',
		resultsVisibility: 'after_vote',
		closesAt: new Date(Date.now() + 21 * DAY),
		createdBy: plannerId
	});
	const pollPage = await insertPage(db, pollId);
	await insertQuestion(db, pollId, pollPage, {
		type: 'single',
		title: 'Welche Variante gefällt Ihnen am besten?',
		help: '',
		required: true,
		config: {
			options: opt([
				'Variante A: mehr Bäume und Sitzplätze',
				'Variante B: Platz für Märkte und Feste',
				'Variante C: das historische Pflaster erhalten'
			]),
			allowOther: false
		},
		condition: null
	});
	await updateSurveySettings(db, pollId, { status: 'published' });
}
