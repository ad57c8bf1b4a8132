// The survey `npm run bench:results` measures: 20 questions of all nine types with realistic
// option counts (Hennef's districts, age groups, a 5x5 Likert matrix …), two of them shown only
// on a condition, and N submitted responses plus 8 % drafts, generated inside PostgreSQL with one
// INSERT … SELECT per 20,000 rows (jsonb_build_object over generate_series), submitted over six
// weeks. setseed makes the answers the same on every run.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../src/lib/server/db/index.ts';
import {
	insertPage,
	insertQuestion,
	insertSurvey,
	updateSurveySettings,
	type QuestionDefinition
} from '../src/lib/server/surveys/surveys.repository.ts';
import type { Condition } from '../src/lib/surveys/types.ts';

const CHUNK = 20_000;
// i -> i * STRIDE mod total permutes 1..total when they share no factor, so exactly `drafts` rows,
// spread over the whole period, become drafts.
const STRIDE = 7919;
const opt = (labels: string[]) => labels.map((label, i) => ({ id: `o${i + 1}`, label }));
const rows = (labels: string[]) => labels.map((label, i) => ({ id: `r${i + 1}`, label }));
const AGREE = opt(['stimme nicht zu', 'eher nicht', 'teils/teils', 'eher ja', 'stimme zu']);
const DISTRICTS = [
	'Hennef-Zentrum',
	'Geistingen',
	'Warth',
	'Weldergoven',
	'Allner',
	'Bröl',
	'Uckerath',
	'Söven',
	'Stadt Blankenberg',
	'Happerschoß',
	'Lichtenberg',
	'Süchterscheid'
];
const IDEAS = [
	'Mehr sichere Radwege zur Schule',
	'Der Bus fährt abends zu selten',
	'Parkplätze am Markt fehlen',
	'Tempo 30 in der Frankfurter Straße',
	'Barrierefreie Bushaltestellen',
	'Bessere Beleuchtung am Siegbogen'
];

type Spec = Omit<QuestionDefinition, 'help' | 'required' | 'condition'> & {
	key: string;
	when?: { key: string; optionIds: string[] };
};

const SPECS: Spec[] = [
	{
		key: 'district',
		type: 'single',
		title: 'In welchem Ortsteil wohnen Sie?',
		config: { options: opt(DISTRICTS), allowOther: false }
	},
	{
		key: 'age',
		type: 'single',
		title: 'Wie alt sind Sie?',
		config: {
			options: opt(['unter 18', '18–29', '30–44', '45–64', '65 und älter']),
			allowOther: false
		}
	},
	{
		key: 'mode',
		type: 'single',
		title: 'Wie sind Sie meistens unterwegs?',
		config: {
			options: opt(['Auto', 'Bus und Bahn', 'Fahrrad', 'Zu Fuß', 'Motorrad']),
			allowOther: true
		}
	},
	{
		key: 'goals',
		type: 'multiple',
		title: 'Welche Ziele erreichen Sie regelmäßig?',
		config: {
			options: opt(['Arbeit', 'Schule', 'Einkauf', 'Arzt', 'Freizeit', 'Bahnhof']),
			allowOther: true,
			minSelect: null,
			maxSelect: null
		}
	},
	{
		key: 'bike',
		type: 'single',
		title: 'Fahren Sie Rad?',
		config: { options: opt(['ja', 'nein']), allowOther: false }
	},
	{
		key: 'bikeRating',
		type: 'rating',
		title: 'Wie zufrieden sind Sie mit den Radwegen?',
		config: { min: 1, max: 5, minLabel: 'gar nicht', maxLabel: 'sehr' },
		when: { key: 'bike', optionIds: ['o1'] }
	},
	{
		key: 'priorities',
		type: 'ranking',
		title: 'Was ist Ihnen am wichtigsten?',
		config: { options: opt(['Radwege', 'Busse', 'Parkplätze', 'Gehwege', 'Carsharing']), topK: 3 }
	},
	{
		key: 'safety',
		type: 'matrix',
		title: 'Wie sicher fühlen Sie sich hier?',
		config: {
			rows: rows(['Schulweg', 'Markt', 'Bahnhof', 'Siegufer', 'Innenstadt']),
			scale: AGREE,
			allowNoAnswer: true
		}
	},
	{
		key: 'recommend',
		type: 'rating',
		title: 'Wie gern leben Sie in Hennef?',
		config: { min: 0, max: 10, minLabel: 'gar nicht', maxLabel: 'sehr' }
	},
	{
		key: 'km',
		type: 'number',
		title: 'Wie viele Kilometer fahren Sie pro Woche?',
		config: { min: 0, max: 2000, integer: false, unit: 'km' }
	},
	{
		key: 'budget',
		type: 'budget',
		title: 'Wie würden Sie 100 Punkte verteilen?',
		config: {
			options: opt(['Radwege', 'Busse', 'Straßen', 'Gehwege', 'Grün']),
			total: 100,
			unit: 'Punkte'
		}
	},
	{
		key: 'wish',
		type: 'short_text',
		title: 'Was wünschen Sie sich?',
		config: { minLength: 0, maxLength: 500 }
	},
	{
		key: 'idea',
		type: 'long_text',
		title: 'Was sollte sich ändern?',
		config: { minLength: 0, maxLength: 5000 }
	},
	{
		key: 'services',
		type: 'multiple',
		title: 'Welche Angebote nutzen Sie?',
		config: {
			options: opt([
				'Bürgerbus',
				'Leihräder',
				'Carsharing',
				'Taxi',
				'Park+Ride',
				'Anrufsammeltaxi',
				'E-Scooter',
				'Mitfahrbank'
			]),
			allowOther: false,
			minSelect: null,
			maxSelect: 3
		}
	},
	{
		key: 'trust',
		type: 'matrix',
		title: 'Wie gut informiert fühlen Sie sich?',
		config: {
			rows: rows(['Rat', 'Verwaltung', 'Presse', 'Internet']),
			scale: opt(['schlecht', 'mittel', 'gut']),
			allowNoAnswer: false
		}
	},
	{
		key: 'busLine',
		type: 'single',
		title: 'Welche Buslinie nutzen Sie am meisten?',
		config: { options: opt(['529', '530', '531', '536']), allowOther: false },
		when: { key: 'mode', optionIds: ['o2'] }
	},
	{
		key: 'household',
		type: 'number',
		title: 'Wie viele Personen leben in Ihrem Haushalt?',
		config: { min: 1, max: 15, integer: true, unit: '' }
	},
	{
		key: 'parking',
		type: 'ranking',
		title: 'Wo fehlen Abstellplätze?',
		config: { options: opt(['Bahnhof', 'Markt', 'Schulen', 'Freibad']), topK: null }
	},
	{
		key: 'info',
		type: 'rating',
		title: 'Wie verständlich war diese Umfrage?',
		config: { min: 1, max: 5, minLabel: 'gar nicht', maxLabel: 'sehr' }
	},
	{
		key: 'again',
		type: 'single',
		title: 'Würden Sie wieder teilnehmen?',
		config: { options: opt(['ja', 'nein', 'weiß nicht']), allowOther: false }
	}
];

export interface BenchSurvey {
	id: string;
	ids: Record<string, string>;
}

/** The survey with its 20 questions on four pages, published. */
export async function createBenchSurvey(db: Db): Promise<BenchSurvey> {
	const consultation = await db
		.insertInto('consultations')
		.values({
			slug: 'bench-results',
			title: 'Benchmark Ergebnisse',
			status: 'published',
			published_at: new Date(),
			updated_at: new Date()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const id = await insertSurvey(db, {
		consultationId: consultation.id,
		kind: 'survey',
		title: 'Mobilität in Hennef (Benchmark)',
		mode: 'open',
		createdBy: null
	});
	const ids: Record<string, string> = {};
	let page = '';
	for (const [i, s] of SPECS.entries()) {
		if (i % 5 === 0) page = await insertPage(db, id, `Seite ${i / 5 + 1}`);
		const condition: Condition | null = s.when
			? { questionId: ids[s.when.key]!, optionIds: s.when.optionIds }
			: null;
		ids[s.key] = await insertQuestion(db, id, page, {
			type: s.type,
			title: s.title,
			config: s.config,
			help: '',
			required: false,
			condition
		});
	}
	await updateSurveySettings(db, id, { status: 'published' });
	return { id, ids };
}

// Random values per row. Every subquery mentions g.i so PostgreSQL evaluates it per row instead of
// once for the whole statement (an uncorrelated subquery would become a one-time InitPlan).
const pick = (n: number, skew = 1) =>
	sql<string>`'o' || (1 + floor(power(random(), ${skew}) * ${n}))::int`;
const sometimes = (p: number, value: RawBuilder<unknown>) =>
	sql`case when random() < ${p} then ${value} end`;
const choice = (n: number, skew = 1) => sql`jsonb_build_object('choice', ${pick(n, skew)})`;
const multi = (n: number, p: number, max: number) =>
	sql`(select jsonb_build_object('choices', coalesce(jsonb_agg('o' || k), '["o1"]'::jsonb)) from (select k from generate_series(1, ${n}) k where random() < ${p} and g.i > 0 limit ${max}) s)`;
const ranking = (n: number, top: number) =>
	sql`(select jsonb_build_object('order', jsonb_agg('o' || k)) from (select k from generate_series(1, ${n}) k where g.i > 0 order by random() limit ${top}) s)`;
const matrix = (rowCount: number, scale: number, na: boolean) =>
	sql`jsonb_build_object('rows', jsonb_build_object(${sql.join(
		Array.from(
			{ length: rowCount },
			(_, r) =>
				sql`${`r${r + 1}`}::text, ${na ? sql`case when random() < 0.05 then '__na' else ${pick(scale, 0.8)} end` : pick(scale, 0.8)}`
		)
	)}))`;
const rating = (min: number, max: number) =>
	sql`jsonb_build_object('value', ${min} + floor(power(random(), 0.7) * ${max - min + 1})::int)`;
const text = (p: number) =>
	sometimes(
		p,
		sql`jsonb_build_object('text', (${IDEAS}::text[])[1 + floor(random() * ${IDEAS.length})::int] || ' (' || g.i || ')')`
	);

function answerExpressions(ids: Record<string, string>) {
	const budget = sql`jsonb_build_object('allocation', jsonb_build_object('o1', b.a1, 'o2', b.a2, 'o3', b.a3, 'o4', b.a4, 'o5', 100 - b.a1 - b.a2 - b.a3 - b.a4))`;
	const e: Record<string, RawBuilder<unknown>> = {
		district: sql`jsonb_build_object('choice', c.district)`,
		age: choice(5, 0.9),
		mode: sql`case when c.mode = 'other' then '{"choice":"__other","other":"Roller"}'::jsonb else jsonb_build_object('choice', c.mode) end`,
		goals: multi(6, 0.35, 6),
		bike: sql`jsonb_build_object('choice', c.bike)`,
		bikeRating: sql`case when c.bike = 'o1' then ${rating(1, 5)} end`,
		priorities: ranking(5, 3),
		safety: matrix(5, 5, true),
		recommend: sometimes(0.9, rating(0, 10)),
		km: sometimes(
			0.8,
			sql`jsonb_build_object('value', round((random() * random() * 300)::numeric, 1))`
		),
		budget: sometimes(0.85, budget),
		wish: text(0.3),
		idea: text(0.15),
		services: multi(8, 0.2, 3),
		trust: matrix(4, 3, false),
		busLine: sql`case when c.mode = 'o2' then ${choice(4)} end`,
		household: sometimes(
			0.95,
			sql`jsonb_build_object('value', 1 + floor(random() * random() * 6)::int)`
		),
		parking: ranking(4, 4),
		info: rating(1, 5),
		again: choice(3, 1.3)
	};
	return sql.join(Object.entries(e).map(([key, expr]) => sql`${ids[key]!}::text, ${expr}`));
}

/**
 * `n` submitted responses, plus 8 % drafts stopped on some page, submitted (or last saved) over
 * the six weeks before now, numbered by their start a few minutes before.
 */
export async function insertBenchResponses(db: Db, survey: BenchSurvey, n: number): Promise<void> {
	const drafts = Math.round(n * 0.08);
	const total = n + drafts;
	if (total % STRIDE === 0) throw new Error(`choose another response count than ${n}`);
	const answers = answerExpressions(survey.ids);
	await db.transaction().execute(async (trx) => {
		await sql`select setseed(0.42)`.execute(trx);
		for (let from = 1; from <= total; from += CHUNK) {
			const to = Math.min(total, from + CHUNK - 1);
			await sql`
				insert into survey_responses (survey_id, participant_key, status, answers, submitted_answers,
					current_page, survey_version, created_at, updated_at, submitted_at)
				select ${survey.id}, 'bench-' || g.i, r.status, r.answers,
					case when r.status = 'submitted' then r.answers end, r.page, 1,
					r.at - interval '7 minutes', r.at, case when r.status = 'submitted' then r.at end
				from generate_series(${from}::int, ${to}::int) as g(i)
				cross join lateral (select
					${pick(DISTRICTS.length, 1.4)} as district,
					case when random() < 0.03 then 'other' else ${pick(5, 1.2)} end as mode,
					${pick(2, 1.5)} as bike
					where g.i > 0) c
				cross join lateral (select floor(random() * 40)::int a1, floor(random() * 25)::int a2,
					floor(random() * 15)::int a3, floor(random() * 10)::int a4 where g.i > 0) b
				cross join lateral (select
					case when (g.i::bigint * ${STRIDE}) % ${total} < ${drafts} then 'draft' else 'submitted' end as status,
					floor(random() * 4)::int as page,
					now() - interval '42 days' + (g.i::float8 / ${total}) * interval '42 days' + random() * interval '30 minutes' as at,
					jsonb_strip_nulls(jsonb_build_object(${answers})) as answers
					where g.i > 0) r`.execute(trx);
		}
	});
}
