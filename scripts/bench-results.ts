// `npm run bench:results`: the planner dashboard, a cross-tab and the survey exports at scale on
// PostgreSQL, each against a baseline from the same run. A fresh database gets a survey with 20
// questions of all nine types and 100,000 submitted responses (scripts/bench-results-data.ts).
// 1. Server time of the full dashboard (surveyDashboard, every chart): cold, the first call in this
//    process, which reads every response into the engine's cube; then warm (median).
// 2. One cross-tab: district by age group, last three weeks only (median).
// 3. The full CSV export (rows/s), with RSS and heap sampled during it to show flat memory; also
//    XLSX and JSON.
// Baseline: one naive GROUP BY over the raw answers (jsonb_each × jsonb_array_elements of every
// response, counting by question and value), what a dashboard without the engine would run.
// Targets: dashboard ≤ 300 ms, cross-tab ≤ 500 ms, export ≥ 20,000 rows/s with flat memory.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database, type Db } from '../src/lib/server/db/index.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';
import { surveyExport, type ExportFormat } from '../src/lib/server/results/export.service.ts';
import { crossTab, surveyDashboard } from '../src/lib/server/results/results.service.ts';
import { NO_FILTER, type ResultsFilter } from '../src/lib/results/types.ts';
import { createBenchSurvey, insertBenchResponses, type BenchSurvey } from './bench-results-data.ts';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const EXPORT_RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 3);
const serverUrl = process.env.DATABASE_URL;

if (!serverUrl?.startsWith('postgres')) {
	console.error(
		'npm run bench:results misst PostgreSQL: bitte DATABASE_URL=postgres://… setzen (z. B. postgres://postgres@127.0.0.1:5432/postgres). Im eingebetteten PGlite-Modus läuft es nicht.'
	);
	process.exit(2);
}

async function admin(sqlText: string) {
	const c = new pg.Client({ connectionString: serverUrl });
	await c.connect();
	try {
		await c.query(sqlText);
	} finally {
		await c.end();
	}
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

async function timed(run: () => Promise<unknown>): Promise<number> {
	const started = performance.now();
	await run();
	return performance.now() - started;
}

async function repeat(n: number, run: () => Promise<unknown>): Promise<number[]> {
	const times = [];
	for (let i = 0; i < n; i++) times.push(await timed(run));
	return times;
}

/** The naive baseline: every answer value of every response counted in one statement. */
async function naiveGroupBy(db: Db, surveyId: string): Promise<number> {
	const result = await sql<{ n: string }>`
		select a.key as question, v.value, count(*) as n
		from survey_responses r
		cross join lateral jsonb_each(r.submitted_answers) a
		cross join lateral jsonb_array_elements(case
			when jsonb_typeof(a.value -> 'choices') = 'array' then a.value -> 'choices'
			when jsonb_typeof(a.value -> 'order') = 'array' then a.value -> 'order'
			else jsonb_build_array(coalesce(a.value -> 'choice', a.value -> 'value', a.value -> 'text',
				a.value -> 'rows', a.value -> 'allocation'))
		end) v
		where r.survey_id = ${surveyId} and r.status = 'submitted'
		group by a.key, v.value`.execute(db);
	return result.rows.length;
}

interface ExportFigures {
	seconds: number;
	/** CPU time of this process (the app's share; PostgreSQL runs in its own processes). */
	cpuSeconds: number;
	bytes: number;
	rssGrowth: number;
	heapGrowth: number;
	/** RSS at a quarter, half, three quarters and the end of the export: flat memory stays level. */
	rssQuartiles: number[];
	/** Heap still in use after the export and a full collection: what it kept. */
	heapRetained: number;
}

/** One full export, read as a client would, with memory sampled every 20 ms. */
async function measureExport(
	db: Db,
	surveyId: string,
	format: ExportFormat
): Promise<ExportFigures> {
	globalThis.gc?.();
	const before = process.memoryUsage();
	const samples: { at: number; rss: number; heap: number }[] = [];
	const sample = () => {
		const now = process.memoryUsage();
		samples.push({ at: performance.now(), rss: now.rss, heap: now.heapUsed });
	};
	const sampler = setInterval(sample, 20);
	const cpu = process.cpuUsage();
	const started = performance.now();
	const file = await surveyExport(db, surveyId, format, { separator: ';', mode: 'labels' }, 'de');
	const reader = file!.body.getReader();
	let bytes = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		bytes += value.length;
	}
	sample();
	const ended = performance.now();
	const used = process.cpuUsage(cpu);
	clearInterval(sampler);
	globalThis.gc?.();
	const rssAt = (f: number) =>
		samples.find((x) => x.at >= started + f * (ended - started))?.rss ?? before.rss;
	return {
		seconds: (ended - started) / 1000,
		cpuSeconds: (used.user + used.system) / 1e6,
		bytes,
		rssGrowth: Math.max(...samples.map((x) => x.rss)) - before.rss,
		heapGrowth: Math.max(...samples.map((x) => x.heap)) - before.heapUsed,
		rssQuartiles: [0.25, 0.5, 0.75, 1].map(rssAt),
		heapRetained: process.memoryUsage().heapUsed - before.heapUsed
	};
}

function berlinDay(offsetDays: number): string {
	const at = new Date(Date.now() + offsetDays * 86_400_000);
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(at);
}

const load = () =>
	os
		.loadavg()
		.map((x) => x.toFixed(1))
		.join(' / ');

async function prepare(db: Db): Promise<BenchSurvey> {
	console.log(`Last der Maschine (1/5/15 min): ${load()} bei ${os.cpus().length} Kernen`);
	const started = performance.now();
	const survey = await createBenchSurvey(db);
	await insertBenchResponses(db, survey, RESPONSES);
	await sql`analyze survey_responses`.execute(db);
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(
		`${RESPONSES.toLocaleString('de-DE')} abgegebene Antworten (+ 8 % Entwürfe) in ${seconds} s erzeugt.\n`
	);
	return survey;
}

type Line = [name: string, value: number, target: number | null, better: 'lower' | 'higher'];

async function run(db: Db): Promise<Line[]> {
	const survey = await prepare(db);
	const baseline = await repeat(3, () => naiveGroupBy(db, survey.id));
	const base = median(baseline);
	const cold = await timed(() => surveyDashboard(db, survey.id, NO_FILTER));
	const warm = median(await repeat(RUNS, () => surveyDashboard(db, survey.id, NO_FILTER)));
	const filter: ResultsFilter = { answers: [], from: berlinDay(-21), to: berlinDay(0) };
	const rows = { questionId: survey.ids.district! };
	const columns = { questionId: survey.ids.age! };
	const tab = median(await repeat(RUNS, () => crossTab(db, survey.id, rows, columns, filter)));
	const check = await crossTab(db, survey.id, rows, columns, filter);
	console.log(
		`Kreuztabelle: ${check?.rows.length} Ortsteile × ${check?.columns.length} Altersgruppen, ${check?.total} Antworten der letzten drei Wochen.`
	);
	const exports: Record<string, ExportFigures[]> = { csv: [], xlsx: [], json: [] };
	for (let i = 0; i < EXPORT_RUNS; i++)
		exports.csv!.push(await measureExport(db, survey.id, 'csv'));
	for (const f of ['xlsx', 'json'] as const)
		exports[f]!.push(await measureExport(db, survey.id, f));
	console.log(
		`Baseline (naives GROUP BY über alle Rohantworten): Median ${ms(base)} aus ${baseline.map(ms).join(', ')}\n`
	);
	const lines: Line[] = [
		['Dashboard kalt (erster Aufruf, liest alle Antworten)', cold, null, 'lower'],
		['Dashboard warm (Median)', warm, 300, 'lower'],
		['Kreuztabelle Ortsteil × Alter, 3 Wochen (Median)', tab, 500, 'lower']
	];
	for (const [format, runs] of Object.entries(exports)) {
		const best = [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]!;
		const rate = RESPONSES / best.seconds;
		console.log(
			`Export ${format.toUpperCase()}: ${(best.seconds * 1000).toFixed(0)} ms, ${mb(best.bytes)}, ` +
				`${Math.round(rate).toLocaleString('de-DE')} Zeilen/s (CPU dieses Prozesses ${best.cpuSeconds.toFixed(1)} s: ` +
				`${Math.round(RESPONSES / best.cpuSeconds).toLocaleString('de-DE')} Zeilen je CPU-Sekunde), ` +
				`Zeit/Baseline ${((best.seconds * 1000) / base).toFixed(2)}\n` +
				`  Speicher: RSS +${mb(best.rssGrowth)}, RSS bei 25/50/75/100 %: ${best.rssQuartiles.map(mb).join(' / ')}, ` +
				`Heap-Spitze +${mb(best.heapGrowth)}, danach behalten ${mb(best.heapRetained)}`
		);
		lines.push([
			`Export ${format.toUpperCase()} (Zeilen/s)`,
			rate,
			format === 'csv' ? 20_000 : null,
			'higher'
		]);
	}
	console.log(`Last der Maschine am Ende: ${load()}\n`);
	for (const [name, value, , better] of lines) {
		if (better === 'lower')
			console.log(
				`${name.padEnd(56)} ${ms(value).padStart(10)}   ${(value / base).toFixed(3)} × Baseline`
			);
	}
	return lines;
}

async function main() {
	const dbName = `mitreden_bench_results_${randomBytes(4).toString('hex')}`;
	let database: Database | undefined;
	const cleanUp = async () => {
		await database?.close();
		await admin(`drop database if exists ${dbName} with (force)`);
	};
	process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
	try {
		await admin(`create database ${dbName}`);
		const url = new URL(serverUrl!);
		url.pathname = `/${dbName}`;
		database = await openDatabase({ databaseUrl: url.href, dataDir: 'memory://' });
		await migrateToLatest(database.db);
		const lines = await run(database.db);
		console.log('\nZiele:');
		let failed = false;
		for (const [name, value, target, better] of lines) {
			if (target === null) continue;
			const ok = better === 'lower' ? value <= target : value >= target;
			failed ||= !ok;
			const shown =
				better === 'lower'
					? `${ms(value)} ≤ ${target} ms`
					: `${Math.round(value)} ≥ ${target} Zeilen/s`;
			console.log(`${ok ? 'OK    ' : 'FEHLER'} ${name}: ${shown}`);
		}
		process.exitCode = failed ? 1 : 0;
	} finally {
		await cleanUp();
		console.log(`\nDatenbank ${dbName} gelöscht.`);
	}
}

await main();
