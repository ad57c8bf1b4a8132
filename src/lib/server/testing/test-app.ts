import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { PgBoss } from 'pg-boss';
import { loadConfig, type Config } from '../config.ts';
import type { AppContext } from '../context.ts';
import { openDatabase, type Database } from '../db/index.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { startQueue } from '../jobs/queue.ts';
import { createLogger } from '../log.ts';

/**
 * A fresh, migrated database for one test file: a new PostgreSQL database on the server named by
 * DATABASE_URL when it is set, otherwise an in-memory PGlite. Both engines run the same tests.
 */
export async function createTestDatabase(): Promise<Database> {
	const serverUrl = process.env.DATABASE_URL;
	if (!serverUrl) {
		const database = await openDatabase({ dataDir: 'memory://' });
		await migrateToLatest(database.db);
		return database;
	}
	const name = `mitreden_test_${randomBytes(6).toString('hex')}`;
	await adminQuery(serverUrl, `create database ${name}`);
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	const database = await openDatabase({ databaseUrl: url.href, dataDir: 'memory://' });
	await migrateToLatest(database.db);
	return {
		...database,
		close: async () => {
			await database.close();
			await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
		}
	};
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
	const client = new pg.Client({ connectionString: serverUrl });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

export function testConfig(env: Record<string, string> = {}): Config {
	// LIVE_INGEST off: a spec that starts the workers must not take the RTMP port (live specs
	// start the ingest themselves on a port of their own).
	return loadConfig({
		DEMO: '1',
		ORIGIN: 'http://localhost:4173',
		LOG_LEVEL: 'error',
		LIVE_INGEST: '0',
		...env
	});
}

export interface TestApp {
	ctx: AppContext;
	database: Database;
	boss: PgBoss;
	close(): Promise<void>;
}

/** Database plus a started queue (no workers registered), as the web process has them. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
	const database = await createTestDatabase();
	const log = createLogger({ test: true });
	const boss = await startQueue(database, log);
	const ctx: AppContext = { db: database.db, boss, config: testConfig(env), log };
	return {
		ctx,
		database,
		boss,
		close: async () => {
			await boss.stop({ graceful: false, timeout: 2_000 });
			await database.close();
		}
	};
}
