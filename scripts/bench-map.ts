// `npm run bench:map`: map comments at scale on PostgreSQL, each figure against a baseline from
// the same run. A fresh database gets a published consultation with an open map stage and 10,000
// comments (scripts/bench-map-data.ts), and a second one with none.
// 1. Server time for "the comments of the visible area" (loadViewData, what the map page and
//    hinweise.json run: the count and the first list page of the box) for one street block and
//    for the whole area, against the same query without the bounding-box index (dropped inside a
//    rolled-back transaction) and against reading the whole stage and filtering in JavaScript.
//    Interleaved; median and p95. Also the once-per-filter request with every marker.
// 2. In Chromium, navigation start until the map container says data-map-state="ready", for the
//    stage with 10,000 comments against the empty one (the page's own cost). Needs `npm run build`.
// Targets: visible-area query ≤ 50 ms, interactive ≤ 1.5 s. DATABASE_URL names the server.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database, type DB, type Db } from '../src/lib/server/db/index.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';
import {
	countComments,
	listComments,
	type CommentQuery
} from '../src/lib/server/mapcomments/comments.repository.ts';
import { loadViewData, type ViewQuery } from '../src/lib/server/mapcomments/map-page.ts';
import { findStage } from '../src/lib/server/mapcomments/stages.repository.ts';
import { PAGE_SIZE } from '../src/lib/mapcomments/view-query.ts';
import { createTestMapStage, TEST_AREA } from '../src/lib/server/mapcomments/test-map-stage.ts';
import type { BBox, MapStage } from '../src/lib/mapcomments/types.ts';
import { areaBox, HOT_SPOTS, insertBenchComments } from './bench-map-data.ts';
import { measurePages, type PageFigures } from './bench-map-browser.ts';

const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 10_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 4391);
const DB_PREFIX = process.env.BENCH_DB_PREFIX ?? 'mitreden_bench_map';
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = path.resolve(import.meta.dirname, '..');

async function admin(sqlText: string) {
	const c = new pg.Client({ connectionString: serverUrl });
	await c.connect();
	try {
		await c.query(sqlText);
	} finally {
		await c.end();
	}
}

interface Stats {
	median: number;
	p95: number;
}

function stats(samples: number[]): Stats {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
	return { median: at(0.5), p95: at(0.95) };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
	const started = performance.now();
	await run();
	return performance.now() - started;
}

/** A street block: about 120 x 80 m, just east of the second hot spot. */
function blockViewport(box: BBox): BBox {
	const [minX, minY, maxX, maxY] = box;
	const [fx, fy] = HOT_SPOTS[1].at;
	const cx = minX + fx * (maxX - minX) + 90 / 70_300;
	const cy = minY + fy * (maxY - minY);
	const [halfW, halfH] = [60 / 70_300, 40 / 111_200];
	return [cx - halfW, cy - halfH, cx + halfW, cy + halfH];
}

/**
 * What the map page and hinweise.json do when the resident pans or zooms (loadViewData): the number
 * of comments in the visible area and the first page of the list beside the map.
 */
async function visibleArea(db: Db, stage: MapStage, bbox: BBox, markers = false) {
	const q: ViewQuery = {
		filter: { planId: null, categoryIds: [], statuses: [], sort: 'neueste' },
		bbox,
		offset: 0,
		markers,
		selectedId: null
	};
	return loadViewData(db, stage, q);
}

/** The same query on a table without its bounding-box index; the drop is rolled back. */
async function withoutIndex(db: Kysely<DB>, stage: MapStage, bbox: BBox): Promise<number> {
	let ms = 0;
	await db
		.transaction()
		.execute(async (trx) => {
			await sql`drop index map_comments_box`.execute(trx);
			ms = await timed(() => visibleArea(trx, stage, bbox));
			throw new Rollback();
		})
		.catch((err: unknown) => {
			if (!(err instanceof Rollback)) throw err;
		});
	return ms;
}
class Rollback extends Error {}

/** No box in SQL: read the stage's comments, keep those whose anchor is in view, count, page. */
async function filteredInJs(db: Db, stage: MapStage, bbox: BBox) {
	const [minX, minY, maxX, maxY] = bbox;
	const q: CommentQuery = { stageId: stage.id, planId: null, bbox: null };
	const all = await listComments(db, q, { sort: 'newest' });
	const inView = all.filter(
		(c) => c.anchor[0] >= minX && c.anchor[0] <= maxX && c.anchor[1] >= minY && c.anchor[1] <= maxY
	);
	return { total: inView.length, items: inView.slice(0, PAGE_SIZE) };
}

interface QueryFigures {
	name: string;
	found: number;
	subject: Stats;
	noIndex: Stats;
	inJs: Stats;
}

async function benchQuery(
	db: Kysely<DB>,
	name: string,
	stage: MapStage,
	bbox: BBox
): Promise<QueryFigures> {
	const found = (await visibleArea(db, stage, bbox)).total;
	const samples = { subject: [] as number[], noIndex: [] as number[], inJs: [] as number[] };
	for (let i = 0; i < WARMUP + ITERATIONS; i++) {
		// Interleaved, so a burst of load elsewhere on the machine hits all three alike, and in a
		// rotating order, so the garbage the JavaScript baseline leaves is collected during each
		// of them in turn rather than always during the one after it.
		const runs: Record<keyof typeof samples, () => Promise<number>> = {
			subject: () => timed(() => visibleArea(db, stage, bbox)),
			noIndex: () => withoutIndex(db, stage, bbox),
			inJs: () => timed(() => filteredInJs(db, stage, bbox))
		};
		const order = (['subject', 'noIndex', 'inJs'] as const).map((_, k, all) => all[(i + k) % 3]!);
		for (const name of order) {
			const t = await runs[name]();
			if (i >= WARMUP) samples[name].push(t);
		}
	}
	return {
		name,
		found,
		subject: stats(samples.subject),
		noIndex: stats(samples.noIndex),
		inJs: stats(samples.inJs)
	};
}

/** The request the map makes once per filter: every marker of the view, plus the first page. */
async function benchMarkers(db: Kysely<DB>, stage: MapStage, bbox: BBox): Promise<Stats> {
	const samples: number[] = [];
	for (let i = 0; i < WARMUP + ITERATIONS / 4; i++) {
		const t = await timed(() => visibleArea(db, stage, bbox, true));
		if (i >= WARMUP) samples.push(t);
	}
	return stats(samples);
}

const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(10);

function printQueries(figures: QueryFigures[], total: number) {
	console.log(
		`\nServerzeit „Hinweise im sichtbaren Bereich“ (${ITERATIONS} Durchläufe, Median / p95)`
	);
	console.log(
		`${'Ausschnitt'.padEnd(28)}${'Treffer'.padStart(15)}${'mit Index'.padStart(22)}${'ohne Index'.padStart(22)}${'ohne Filter (JS)'.padStart(22)}`
	);
	for (const f of figures) {
		const share = `${f.found} (${((f.found / total) * 100).toFixed(1)} %)`;
		console.log(
			`${f.name.padEnd(28)}${share.padStart(15)}${(ms(f.subject.median) + ' /' + ms(f.subject.p95)).padStart(22)}${(ms(f.noIndex.median) + ' /' + ms(f.noIndex.p95)).padStart(22)}${(ms(f.inJs.median) + ' /' + ms(f.inJs.p95)).padStart(22)}`
		);
	}
}

function printPages(p: PageFigures) {
	console.log(`\nChromium: Navigation bis data-map-state="ready" (${RUNS} Läufe je Seite, Median)`);
	const row = (name: string, v: PageFigures['full']) =>
		console.log(
			`${name.padEnd(28)}${ms(v.ready).padStart(12)}${ms(v.ttfb).padStart(14)}${ms(v.markers).padStart(16)}`
		);
	console.log(
		`${'Seite'.padEnd(28)}${'bereit'.padStart(12)}${'erstes Byte'.padStart(14)}${'Marker geladen'.padStart(16)}`
	);
	row(`${COMMENTS} Hinweise`, p.full);
	row('0 Hinweise (Baseline)', p.empty);
	if (p.offOrigin.length)
		console.log(`FEHLER Anfragen an andere Server: ${p.offOrigin.join(', ')}`);
}

async function startServer(databaseUrl: string, dataDir: string): Promise<ChildProcess> {
	const server = spawn(process.execPath, [path.join(root, 'build', 'index.js')], {
		cwd: root,
		env: {
			...process.env,
			NODE_ENV: 'production',
			DATABASE_URL: databaseUrl,
			DATA_DIR: dataDir,
			PORT: String(PORT),
			ORIGIN: `http://localhost:${PORT}`,
			// Production mode wants a mail server; nothing here sends mail (no worker runs).
			SMTP_URL: 'smtp://127.0.0.1:2525',
			EMBEDDED_WORKER: '0',
			LOG_LEVEL: 'warn'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error('Der Server ist beim Start beendet worden.');
		const ok = await fetch(`http://localhost:${PORT}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) return server;
		await new Promise((r) => setTimeout(r, 300));
	}
	server.kill('SIGTERM');
	throw new Error('Der Server ist nicht gestartet.');
}

interface Cleanup {
	database?: Database;
	dbName?: string;
	server?: ChildProcess;
	dataDir?: string;
}

let cleaning: Promise<void> | undefined;
let interrupted = false;

/** Once only: Ctrl-C and the end of main may both ask for it. */
function cleanUp(c: Cleanup): Promise<void> {
	cleaning ??= release(c);
	return cleaning;
}

async function release(c: Cleanup) {
	const server = c.server;
	if (server && server.exitCode === null) {
		// Let the app close its pool before the database is dropped under it.
		const exited = new Promise((r) => server.once('exit', r));
		server.kill('SIGTERM');
		await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
	}
	await c.database?.close().catch(() => {});
	if (c.dbName) await admin(`drop database if exists ${c.dbName} with (force)`);
	if (c.dataDir) await rm(c.dataDir, { recursive: true, force: true });
}

async function main(): Promise<void> {
	const c: Cleanup = {};
	const stop = () => {
		interrupted = true;
		void cleanUp(c).finally(() => process.exit(130));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	try {
		c.dbName = `${DB_PREFIX}_${randomBytes(4).toString('hex')}`;
		await admin(`create database ${c.dbName}`);
		const url = new URL(serverUrl);
		url.pathname = `/${c.dbName}`;
		c.database = await openDatabase({ databaseUrl: url.href, dataDir: 'memory://' });
		const db = c.database.db;
		await migrateToLatest(db);

		const full = await createTestMapStage(db);
		const empty = await createTestMapStage(db);
		const started = performance.now();
		const types = await insertBenchComments(db, { ...full, area: TEST_AREA }, COMMENTS);
		await sql`analyze map_comments`.execute(db);
		console.log(
			`${COMMENTS} Hinweise in ${((performance.now() - started) / 1000).toFixed(1)} s angelegt: ${types.Point} Punkte, ${types.LineString} Linien, ${types.Polygon} Flächen`
		);

		const stage = (await findStage(db, full.stageId))!;
		const visibleTotal = await countComments(db, { stageId: stage.id, planId: null, bbox: null });
		const box = areaBox(TEST_AREA);
		const queries = [
			await benchQuery(db, 'Straßenblock (~120 × 80 m)', stage, blockViewport(box)),
			await benchQuery(db, 'ganzes Gebiet', stage, box)
		];
		const markers = await benchMarkers(db, stage, box);
		printQueries(queries, visibleTotal);
		console.log(
			`Alle Marker der Ansicht (einmal je Filter, zum Clustern im Browser): ${ms(markers.median).trim()} / ${ms(markers.p95).trim()}`
		);

		let pages: PageFigures | string;
		if (!existsSync(path.join(root, 'build', 'index.js'))) {
			pages = 'build/index.js fehlt: zuerst `npm run build` ausführen.';
		} else {
			c.dataDir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-bench-map-'));
			c.server = await startServer(url.href, c.dataDir);
			const page = (slug: string) => `http://localhost:${PORT}/beteiligung/${slug}/karte`;
			pages = await measurePages(page(full.slug), page(empty.slug), RUNS);
		}
		if (typeof pages !== 'string') printPages(pages);

		console.log('');
		for (const q of queries) {
			const line = `${q.name}: ${q.subject.median.toFixed(1)} ms (p95 ${q.subject.p95.toFixed(1)} ms); ohne Index ${q.noIndex.median.toFixed(1)} ms, Verhältnis ${(q.subject.median / q.noIndex.median).toFixed(2)}; ohne Filter ${q.inJs.median.toFixed(1)} ms, Verhältnis ${(q.subject.median / q.inJs.median).toFixed(2)}`;
			console.log(line);
		}
		const block = queries[0]!;
		const checks: [string, boolean, string][] = [
			[
				'sichtbarer Bereich ≤ 50 ms (Median)',
				block.subject.median <= 50,
				`${block.subject.median.toFixed(1)} ms, p95 ${block.subject.p95.toFixed(1)} ms`
			]
		];
		if (typeof pages === 'string') {
			console.log(`Browser-Messung nicht gelaufen: ${pages}`);
		} else {
			console.log(
				`interaktiv: ${pages.full.ready.toFixed(0)} ms mit ${COMMENTS} Hinweisen, ${pages.empty.ready.toFixed(0)} ms ohne, Verhältnis ${(pages.full.ready / pages.empty.ready).toFixed(2)}`
			);
			checks.push([
				'interaktiv ≤ 1,5 s (Median)',
				pages.full.ready <= 1500,
				`${pages.full.ready.toFixed(0)} ms`
			]);
			checks.push([
				'keine Anfragen an andere Server',
				pages.offOrigin.length === 0,
				String(pages.offOrigin.length)
			]);
		}
		for (const [name, ok, detail] of checks)
			console.log(`${ok ? 'OK    ' : 'FEHLER'} ${name} (${detail})`);
		process.exitCode = checks.every(([, ok]) => ok) && typeof pages !== 'string' ? 0 : 1;
	} finally {
		await cleanUp(c);
	}
}

// After Ctrl-C the loop still running fails on the closed database; that is expected.
await main().catch((err: unknown) => {
	if (!interrupted) throw err;
});
