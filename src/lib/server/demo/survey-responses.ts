// Made-up responses for the demo survey, so a planner trying Mitreden sees a results dashboard with
// something in it. Answers follow each question's rules (conditions, selection limits, a budget that
// adds up), drawn from a fixed seed so every demo database shows the same numbers. No names, no
// accounts: the participant keys are "o:demo-<n>" like open-mode responses.
import type { Db } from '../db/index.ts';
import type { Answer, AnswerMap, Question } from '../../surveys/types.ts';
import type { Survey } from '../surveys/surveys.repository.ts';

const DAY = 86_400_000;

/** mulberry32: a small seeded generator; Math.random would give every demo other numbers. */
function seeded(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const DISTRICTS = [
	'Hennef-Mitte',
	'Geistingen',
	'Warth',
	'Uckerath',
	'Stadt Blankenberg',
	'Allner',
	'Söven',
	'Happerschoß'
];
const IDEAS = [
	'Eine durchgehende Radverbindung vom Bahnhof nach Uckerath.',
	'Abends fährt der Bus nach Söven zu selten, nach 20 Uhr komme ich nicht mehr nach Hause.',
	'Mehr sichere Abstellanlagen für Fahrräder am Bahnhof.',
	'Tempo 30 vor allen Schulen und Kitas.',
	'Die Gehwege in der Frankfurter Straße sind für Rollatoren zu schmal.',
	'Carsharing-Stationen in den Ortsteilen.',
	'Bessere Beleuchtung auf dem Weg an der Sieg.'
];

/** Index drawn with weights falling off: the first options are liked more, as in real surveys. */
function skewed(rand: () => number, n: number, tilt: number): number {
	const weights = Array.from({ length: n }, (_, i) => 1 / (1 + i * tilt));
	let x = rand() * weights.reduce((a, b) => a + b, 0);
	for (let i = 0; i < n; i++) {
		x -= weights[i]!;
		if (x <= 0) return i;
	}
	return n - 1;
}

function answerFor(q: Question, rand: () => number): Answer | null {
	switch (q.type) {
		case 'single': {
			if (q.config.allowOther && rand() < 0.04) return { choice: '__other', other: 'E-Scooter' };
			return { choice: q.config.options[skewed(rand, q.config.options.length, 0.6)]!.id };
		}
		case 'multiple': {
			const max = q.config.maxSelect ?? q.config.options.length;
			const chosen = q.config.options.filter(() => rand() < 0.45).slice(0, max);
			const choices = chosen.length ? chosen : [q.config.options[0]!];
			return { choices: choices.map((o) => o.id) };
		}
		case 'ranking': {
			const ids = q.config.options.map((o) => o.id);
			const order: string[] = [];
			while (ids.length) order.push(ids.splice(skewed(rand, ids.length, 0.8), 1)[0]!);
			return { order: order.slice(0, q.config.topK ?? order.length) };
		}
		case 'matrix': {
			const rows: Record<string, string> = {};
			q.config.rows.forEach((row, i) => {
				const na = q.config.allowNoAnswer && rand() < 0.05;
				const scale = q.config.scale[skewed(rand, q.config.scale.length, 0.3 + i * 0.4)]!;
				rows[row.id] = na ? '__na' : scale.id;
			});
			return { rows };
		}
		case 'rating':
			return { value: q.config.max - skewed(rand, q.config.max - q.config.min + 1, 0.7) };
		case 'number':
			return { value: Math.round(5 + rand() * rand() * 120) };
		case 'budget': {
			const parts = q.config.options.map(() => rand() + 0.1);
			const sum = parts.reduce((a, b) => a + b, 0);
			const steps = q.config.total / 10;
			const amounts = parts.map((p) => Math.floor((p / sum) * steps) * 10);
			amounts[0]! += q.config.total - amounts.reduce((a, b) => a + b, 0);
			return {
				allocation: Object.fromEntries(q.config.options.map((o, i) => [o.id, amounts[i]!]))
			};
		}
		case 'short_text':
			return rand() < 0.7 ? { text: DISTRICTS[skewed(rand, DISTRICTS.length, 0.4)]! } : null;
		case 'long_text':
			return rand() < 0.2 ? { text: IDEAS[Math.floor(rand() * IDEAS.length)]! } : null;
	}
}

function conditionMet(q: Question, answers: AnswerMap): boolean {
	if (!q.condition) return true;
	const a = answers[q.condition.questionId] as { choice?: string; choices?: string[] } | undefined;
	const chosen = a?.choices ?? (a?.choice ? [a.choice] : []);
	return chosen.some((c) => q.condition!.optionIds.includes(c));
}

/** `count` submitted responses over the last three weeks and a few unfinished ones. */
export async function seedDemoResponses(db: Db, survey: Survey, count: number): Promise<void> {
	const rand = seeded(20_261_206);
	const now = Date.now();
	const rows = [];
	for (let i = 0; i < count; i++) {
		const answers: AnswerMap = {};
		for (const q of survey.questions) {
			if (!conditionMet(q, answers)) continue;
			const a = answerFor(q, rand);
			if (a) answers[q.id] = a;
		}
		const at = new Date(now - rand() * rand() * 21 * DAY);
		const json = JSON.stringify(answers);
		rows.push({
			survey_id: survey.id,
			participant_key: `o:demo-${i}`,
			status: 'submitted' as const,
			answers: json,
			submitted_answers: json,
			survey_version: survey.version,
			created_at: at,
			updated_at: at,
			submitted_at: at
		});
	}
	for (let i = 0; i < count / 6; i++) {
		const at = new Date(now - rand() * 21 * DAY);
		rows.push({
			survey_id: survey.id,
			participant_key: `o:demo-draft-${i}`,
			status: 'draft' as const,
			answers: '{}',
			submitted_answers: null,
			survey_version: survey.version,
			current_page: Math.floor(rand() * survey.pages.length),
			created_at: at,
			updated_at: at,
			submitted_at: null
		});
	}
	for (let i = 0; i < rows.length; i += 100) {
		await db
			.insertInto('survey_responses')
			.values(rows.slice(i, i + 100))
			.execute();
	}
}
