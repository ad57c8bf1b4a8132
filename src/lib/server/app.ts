import type { PgBoss } from 'pg-boss';
import { config } from './config.ts';
import type { AppContext } from './context.ts';
import { openDatabase, type Database } from './db/index.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedDemoRecording } from './demo/demo-recording.ts';
import { describeDemoAccounts, seedDemo } from './demo/seed.ts';
import { startQueue } from './jobs/queue.ts';
import { warmCubes } from './results/cube-cache.ts';
import { log } from './log.ts';

export interface RunningApp {
	ctx: AppContext;
	database: Database;
	stop(): Promise<void>;
}

/**
 * Opens the database, applies migrations, starts the queue and, in demo mode, seeds Hennef's demo
 * content. Shared by the web server (`init` hook), the worker and `npm run db:migrate`.
 */
export async function bootApp(opts: { role: 'web' | 'worker' }): Promise<RunningApp> {
	const cfg = config();
	const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
	const applied = await migrateToLatest(database.db);
	if (applied.length) log.info('Migrationen angewandt', { applied });
	let boss: PgBoss | undefined;
	try {
		boss = await startQueue(database, log);
	} catch (err) {
		await database.close();
		throw err;
	}
	const ctx: AppContext = { db: database.db, boss, config: cfg, log };
	if (opts.role === 'web' && cfg.demo) {
		const accounts = await seedDemo(database.db, {
			dataDir: cfg.dataDir,
			password: cfg.demoPassword
		});
		const text = describeDemoAccounts(accounts);
		if (text) process.stdout.write(`\n${text}\n`);
		// In the background: generating three minutes of video takes a while, pages need not wait.
		void seedDemoRecording(ctx).catch((err: unknown) =>
			log.error('Demo-Aufzeichnung fehlgeschlagen', { err })
		);
	}
	if (opts.role === 'web') {
		void warmCubes(database.db).catch((err: unknown) =>
			log.error('Ergebnis-Zwischenspeicher nicht vorbereitet', { err })
		);
	}
	return {
		ctx,
		database,
		stop: async () => {
			await boss.stop({ graceful: true, timeout: 20_000 });
			await database.close();
		}
	};
}

let running: Promise<RunningApp> | undefined;

/** The web process's single app instance. */
export function webApp(): Promise<RunningApp> {
	running ??= bootApp({ role: 'web' });
	return running;
}

export async function appContext(): Promise<AppContext> {
	return (await webApp()).ctx;
}
