// `npm run bench:submit`: how fast the built app takes survey submissions on PostgreSQL, against
// a bare INSERT of one response row at the same concurrency on the same database, in one run.
// Then it checks the data: one stored response per participant, none lost, none duplicated, no 5xx.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createSession } from '../src/lib/server/auth/sessions.ts';
import { openDatabase } from '../src/lib/server/db/index.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';
import { defaultConfig } from '../src/lib/server/surveys/question-definition.ts';
import {
	insertPage,
	insertQuestion,
	insertSurvey,
	updateSurveySettings
} from '../src/lib/server/surveys/surveys.repository.ts';
import { QUESTION_TYPES, type QuestionType } from '../src/lib/surveys/types.ts';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
let formBody: string | undefined;
const PORT = Number(process.env.BENCH_PORT ?? 4390);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(sqlText: string) {
	const c = new pg.Client({ connectionString: serverUrl });
	await c.connect();
	try {
		await c.query(sqlText);
	} finally {
		await c.end();
	}
}

interface BenchSurvey {
	id: string;
	baselineId: string;
	questions: { id: string; type: QuestionType }[];
}

async function createBenchSurvey(db: typeof database.db): Promise<BenchSurvey> {
	const consultation = await db
		.insertInto('consultations')
		.values({
			slug: 'bench',
			title: 'Benchmark',
			status: 'published',
			published_at: new Date(),
			updated_at: new Date()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const make = async (title: string) => {
		const id = await insertSurvey(db, {
			consultationId: consultation.id,
			kind: 'survey',
			title,
			mode: 'account',
			createdBy: null
		});
		await updateSurveySettings(db, id, { status: 'published' });
		return id;
	};
	const id = await make('Benchmark-Umfrage');
	const baselineId = await make('Baseline');
	const page = await insertPage(db, id);
	// Every question type once, and a second single choice to make ten.
	const types: QuestionType[] = [...QUESTION_TYPES, 'single'];
	const questions = [];
	for (const [i, type] of types.entries()) {
		const qid = await insertQuestion(db, id, page, {
			type,
			title: `Frage ${i + 1}`,
			help: '',
			required: true,
			config: defaultConfig(type),
			condition: null
		});
		questions.push({ id: qid, type });
	}
	return { id, baselineId, questions };
}

async function createParticipants(db: typeof database.db, n: number): Promise<string[]> {
	const tokens: string[] = [];
	for (let i = 0; i < n; i += 500) {
		const rows = await db
			.insertInto('users')
			.values(
				Array.from({ length: Math.min(500, n - i) }, (_, j) => ({
					email: `bench-${i + j}@bench.mitreden.example`,
					email_verified_at: new Date(),
					updated_at: new Date()
				}))
			)
			.returning('id')
			.execute();
		for (const r of rows) {
			const { token } = await createSession(db, r.id, { idleMs: 3_600_000, absoluteMs: 3_600_000 });
			tokens.push(token);
		}
	}
	return tokens;
}

function answerForm(survey: BenchSurvey): URLSearchParams {
	const f = new URLSearchParams({ page: '0', nav: 'submit' });
	for (const q of survey.questions) {
		const c = defaultConfig(q.type) as unknown as Record<string, unknown>;
		const name = `q.${q.id}`;
		const opts = (c.options as { id: string }[] | undefined) ?? [];
		switch (q.type) {
			case 'single':
				f.append(name, opts[0]!.id);
				break;
			case 'multiple':
				f.append(name, opts[0]!.id);
				break;
			case 'ranking':
				opts.forEach((o, i) => f.append(`${name}.${o.id}`, String(i + 1)));
				break;
			case 'matrix': {
				const scale = c.scale as { id: string }[];
				for (const row of c.rows as { id: string }[]) f.append(`${name}.${row.id}`, scale[0]!.id);
				break;
			}
			case 'rating':
				f.append(name, String(c.max));
				break;
			case 'short_text':
			case 'long_text':
				f.append(name, 'Mehr Radwege in der Innenstadt');
				break;
			case 'number':
				f.append(name, String(c.min ?? 1));
				break;
			case 'budget': {
				const each = Math.floor((c.total as number) / opts.length);
				opts.forEach((o, i) =>
					f.append(
						`${name}.${o.id}`,
						String(i === 0 ? (c.total as number) - each * (opts.length - 1) : each)
					)
				);
				break;
			}
		}
	}
	return f;
}

interface Outcome {
	ok: boolean;
	status: number;
	ms: number;
}

async function submit(survey: BenchSurvey, token: string): Promise<Outcome> {
	formBody ??= answerForm(survey).toString();
	const started = performance.now();
	const res = await fetch(`http://localhost:${PORT}/umfragen/${survey.id}?/page`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			origin: `http://localhost:${PORT}`,
			cookie: `mitreden_session=${token}`
		},
		body: formBody
	});
	const body = (await res.json().catch(() => ({}))) as { type?: string };
	return {
		ok: res.ok && body.type === 'success',
		status: res.status,
		ms: performance.now() - started
	};
}

async function bareInserts(
	url: string,
	surveyId: string,
	n: number,
	concurrency: number
): Promise<Outcome[]> {
	const pool = new pg.Pool({ connectionString: url, max: concurrency });
	const answers = JSON.stringify({ x: { choice: 'o1' } });
	try {
		const jobs = Array.from({ length: n }, (_, i) => async () => {
			const started = performance.now();
			await pool.query(
				`insert into survey_responses (survey_id, participant_key, status, answers, submitted_answers, survey_version, submitted_at)
				 values ($1, $2, 'submitted', $3, $3, 1, now())`,
				[surveyId, `b:${i}`, answers]
			);
			return { ok: true, status: 200, ms: performance.now() - started };
		});
		return await runPool(jobs, concurrency);
	} finally {
		await pool.end();
	}
}

async function runPool<T>(jobs: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
	const results: T[] = new Array(jobs.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < jobs.length) {
				const i = next++;
				results[i] = await jobs[i]!();
			}
		})
	);
	return results;
}

async function timed<T>(fn: () => Promise<T[]>): Promise<{ ms: number; results: T[] }> {
	const started = performance.now();
	const results = await fn();
	return { ms: performance.now() - started, results };
}

// Keeps a double-click next to its first click, so both run at the same time.
function shuffleKeepingPairs<T>(items: T[]): void {
	for (let i = items.length - 1; i > 0; i -= 2) {
		const j = Math.floor(Math.random() * i);
		[items[i], items[j]] = [items[j]!, items[i]!];
	}
}

async function waitForHealth(url: string): Promise<void> {
	const deadline = Date.now() + 180_000;
	while (Date.now() < deadline) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 300));
	}
	throw new Error('Der Server ist nicht gestartet.');
}

let database: Awaited<ReturnType<typeof openDatabase>>;

async function main(): Promise<void> {
	const dbName = `mitreden_bench_${randomBytes(4).toString('hex')}`;
	await admin(`create database ${dbName}`);
	const url = new URL(serverUrl);
	url.pathname = `/${dbName}`;
	const databaseUrl = url.href;
	database = await openDatabase({ databaseUrl, dataDir: 'memory://' });
	let server: ReturnType<typeof spawn> | undefined;

	try {
		await migrateToLatest(database.db);
		const db = database.db;
		const survey = await createBenchSurvey(db);
		console.log(
			`Umfrage mit ${survey.questions.length} Fragen, ${PARTICIPANTS} Teilnehmende, Parallelität ${CONCURRENCY}`
		);
		const tokens = await createParticipants(db, PARTICIPANTS);

		server = spawn(process.execPath, ['scripts/start.js'], {
			env: {
				...process.env,
				DATABASE_URL: databaseUrl,
				PORT: String(PORT),
				ORIGIN: `http://localhost:${PORT}`,
				DEMO: '1',
				EMBEDDED_WORKER: '0',
				WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? '1',
				...(process.env.BENCH_SERVER_NODE_OPTIONS && {
					NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS
				}),
				RATE_LIMIT_PER_ADDRESS: '100000',
				LOG_LEVEL: 'warn'
			},
			stdio: ['ignore', 'ignore', 'inherit']
		});
		await waitForHealth(`http://localhost:${PORT}/healthz`);

		// Warm-up, so the first compiled code paths do not count.
		await runPool(
			tokens.slice(0, 20).map((t) => () => submit(survey, t)),
			8
		);
		const jobs: (() => Promise<Outcome>)[] = [];
		tokens.slice(20).forEach((token, i) => {
			jobs.push(() => submit(survey, token));
			// Every 10th person double-clicks (a second identical POST at once), every 15th submits
			// again later (a retry after a timeout).
			if (i % 10 === 0) jobs.push(() => submit(survey, token));
			if (i % 15 === 0) jobs.push(() => submit(survey, token));
		});
		shuffleKeepingPairs(jobs);
		const app = await timed(() => runPool(jobs, CONCURRENCY));
		const baseline = await timed(() =>
			bareInserts(databaseUrl, survey.baselineId, jobs.length, CONCURRENCY)
		);

		const statuses = app.results.map((r) => r.status);
		const fiveXX = statuses.filter((s) => s >= 500).length;
		const failed = app.results.filter((r) => !r.ok).length;
		const stored = await db
			.selectFrom('survey_responses')
			.select((eb) => [
				eb.fn.countAll<number>().as('n'),
				eb.fn.count<number>('participant_key').distinct().as('distinct')
			])
			.where('survey_id', '=', survey.id)
			.where('status', '=', 'submitted')
			.executeTakeFirstOrThrow();
		const appRate = jobs.length / (app.ms / 1000);
		const baseRate = jobs.length / (baseline.ms / 1000);
		const lat = app.results.map((r) => r.ms).sort((a, b) => a - b);
		const pct = (p: number) =>
			lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))]!.toFixed(1);
		console.log(
			`App:       ${jobs.length} Absendungen in ${(app.ms / 1000).toFixed(2)} s = ${appRate.toFixed(0)}/s, p50 ${pct(50)} ms, p99 ${pct(99)} ms`
		);
		console.log(
			`Baseline:  ${jobs.length} INSERTs in ${(baseline.ms / 1000).toFixed(2)} s = ${baseRate.toFixed(0)}/s`
		);
		console.log(`Verhältnis App/Baseline: ${(appRate / baseRate).toFixed(2)} (Ziel ≥ 0,5)`);
		const expected = tokens.length;
		const checks = [
			[
				'gespeicherte Antworten = Teilnehmende',
				Number(stored.n) === expected,
				`${stored.n} / ${expected}`
			],
			[
				'keine doppelten',
				Number(stored.distinct) === Number(stored.n),
				`${stored.distinct} verschiedene`
			],
			['keine 5xx', fiveXX === 0, String(fiveXX)],
			['alle Absendungen angenommen', failed === 0, `${failed} abgelehnt`]
		] as const;
		for (const [name, ok, detail] of checks)
			console.log(`${ok ? 'OK  ' : 'FEHLER'} ${name} (${detail})`);
		process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
	} finally {
		server?.kill('SIGTERM');
		await new Promise((r) => setTimeout(r, 500));
		await database.close();
		await admin(`drop database if exists ${dbName} with (force)`);
	}
}

await main();
