// `npm run bench:transcode`: the media worker against bare ffmpeg, in one run. Generates a 1080p
// 60-second source (test pattern and tone, a keyframe every 2 s), transcodes it with ffmpeg and
// exactly the arguments the worker builds (buildHlsArgs), then as a real job: queued on pg-boss
// in a fresh PostgreSQL database, taken by a worker process (`media-worker/src/main.ts`), until
// the recording is ready; in the order bare, job, job, bare. Prints the wall times, the ratio of
// the means (goal ≤ 1.05) and the speed in multiples of real time. BENCH_SECONDS changes the
// length; DATABASE_URL names the PostgreSQL server.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { PgBoss } from 'pg-boss';
import { openDatabase } from '../src/lib/server/db/index.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';
import { enqueue, startQueue } from '../src/lib/server/jobs/queue.ts';
import { createLogger } from '../src/lib/server/log.ts';
import {
	buildHlsArgs,
	canPassThrough,
	generateTestRecording,
	probeMedia,
	requireFfmpeg
} from '../src/lib/server/media/ffmpeg.ts';
import {
	findRecording,
	setRecordingJob,
	setRecordingSource
} from '../src/lib/server/meetings/recordings.repository.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
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

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const start = performance.now();
	const value = await run();
	return { ms: performance.now() - start, value };
}

function runFfmpeg(ffmpeg: string, args: string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'inherit'] });
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolve() : reject(new Error(`ffmpeg: Code ${code}`))
		);
	});
}

/** Starts `npm run worker` and resolves once its media queues are registered. */
function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['media-worker/src/main.ts'], {
			env,
			stdio: ['ignore', 'pipe', 'inherit']
		});
		let out = '';
		child.stdout!.setEncoding('utf8');
		child.stdout!.on('data', (chunk: string) => {
			out += chunk;
			if (out.includes('Medien-Worker bereit')) resolve(child);
		});
		child.on('exit', (code) => reject(new Error(`Worker beendet (Code ${code})`)));
	});
}

async function createMeeting(db: Awaited<ReturnType<typeof openDatabase>>['db']): Promise<string> {
	const body = await db
		.insertInto('bodies')
		.values({ name: 'Rat der Stadt Hennef', classification: 'Rat' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const meeting = await db
		.insertInto('meetings')
		.values({
			body_id: body.id,
			name: 'Benchmark',
			starts_at: new Date(),
			state: 'held',
			updated_at: new Date()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return meeting.id;
}

type Db = Awaited<ReturnType<typeof openDatabase>>['db'];

/** One worker job: the recording is queued again and timed from enqueue until it is ready. */
async function runJob(db: Db, boss: PgBoss, recordingId: string, source: SourceRow) {
	await setRecordingSource(db, source);
	const jobId = await enqueue(boss, 'transcode-recording', { recordingId });
	await setRecordingJob(db, recordingId, jobId);
	for (;;) {
		const r = await findRecording(db, recordingId);
		if (r?.state === 'ready' && r.jobId === jobId) return r;
		if (r && ['failed', 'cancelled'].includes(r.state)) throw new Error(`Auftrag: ${r.error}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

type SourceRow = Parameters<typeof setRecordingSource>[1];

function stopWorker(worker: ChildProcess | undefined): Promise<void> {
	if (!worker || worker.exitCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		worker.once('exit', () => resolve());
		worker.kill('SIGTERM');
	});
}

async function main(): Promise<void> {
	const { ffmpeg, version } = await requireFfmpeg();
	const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-bench-transcode-'));
	const dbName = `mitreden_bench_${randomBytes(4).toString('hex')}`;
	const url = new URL(serverUrl);
	url.pathname = `/${dbName}`;
	let worker: ChildProcess | undefined;
	let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
	try {
		const source = path.join(dataDir, 'source-1080p.mp4');
		console.log(`ffmpeg ${version}; erzeuge ${SECONDS} s Quelle in 1920x1080 …`);
		await generateTestRecording(source, { seconds: SECONDS, width: 1920, height: 1080 });
		const probe = await probeMedia(source, {
			maxBytes: 50 * 1024 ** 3,
			maxDurationSeconds: 86_400
		});
		const passthrough = await canPassThrough(source, probe);

		await admin(`create database ${dbName}`);
		database = await openDatabase({ databaseUrl: url.href, dataDir: 'memory://' });
		await migrateToLatest(database.db);
		const db = database.db;
		const boss = await startQueue(database, createLogger({ bench: true }));
		const key = `uploads/${randomUUID()}/source`;
		await mkdir(path.join(dataDir, 'media', 'uploads', key.split('/')[1]!), { recursive: true });
		await copyFile(source, path.join(dataDir, 'media', ...key.split('/')));
		const row: SourceRow = {
			meetingId: await createMeeting(db),
			sourceKey: key,
			sourceName: 'source-1080p.mp4',
			sourceBytes: (await stat(source)).size,
			startedAt: new Date(),
			userId: null
		};
		const recording = await setRecordingSource(db, row);
		worker = await startWorker({
			...process.env,
			DATABASE_URL: url.href,
			DATA_DIR: dataDir,
			LOG_LEVEL: 'info',
			LOG_FORMAT: 'pretty'
		});

		// A-B-B-A: on a machine whose load drifts, both kinds of run see the same drift on average.
		const bareMs: number[] = [];
		const jobMs: number[] = [];
		const runBare = async () => {
			const outDir = path.join(dataDir, `bare-${bareMs.length}`);
			await mkdir(outDir, { recursive: true });
			const args = buildHlsArgs(source, outDir, probe, { passthrough });
			const { ms } = await timed(() => runFfmpeg(ffmpeg, args));
			bareMs.push(ms);
			console.log(`  ffmpeg direkt   ${(ms / 1000).toFixed(2)} s`);
		};
		let renditions: string[] = [];
		const runWorker = async () => {
			const { ms, value } = await timed(() => runJob(db, boss, recording.id, row));
			jobMs.push(ms);
			renditions = value.renditions.map((r) => `${r.name}${r.passthrough ? ' (kopiert)' : ''}`);
			console.log(`  Worker-Auftrag  ${(ms / 1000).toFixed(2)} s`);
		};
		for (const run of [runBare, runWorker, runWorker, runBare]) await run();
		await boss.stop({ graceful: false, timeout: 2_000 });

		const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
		const speed = (ms: number) => (probe.durationSeconds / (ms / 1000)).toFixed(2);
		const bare = mean(bareMs);
		const job = mean(jobMs);
		console.log(`Leiter: ${renditions.join(', ')}`);
		console.log(
			`ffmpeg direkt (Mittel):  ${(bare / 1000).toFixed(2)} s = ${speed(bare)}x Echtzeit`
		);
		console.log(
			`Worker-Auftrag (Mittel): ${(job / 1000).toFixed(2)} s = ${speed(job)}x Echtzeit (Warteschlange, Prüfung, Umwandlung, Bilder, Veröffentlichung)`
		);
		const ratio = job / bare;
		console.log(`Verhältnis Worker/ffmpeg: ${ratio.toFixed(3)} (Ziel ≤ 1,05)`);
		process.exitCode = ratio <= 1.05 ? 0 : 1;
	} finally {
		await stopWorker(worker);
		await database?.close();
		await admin(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
		await rm(dataDir, { recursive: true, force: true });
	}
}

await main();
