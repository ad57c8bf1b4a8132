import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { error } from '@sveltejs/kit';
import {
	type AbortableOperationOptions,
	type CompiledQuery,
	Kysely,
	PGliteDialect,
	PostgresDialect,
	type DatabaseConnection,
	type Dialect,
	type Driver,
	type Transaction
} from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type { DB } from './schema.ts';
export type Db = Kysely<DB> | Transaction<DB>;

export interface Database {
	db: Kysely<DB>;
	kind: 'postgres' | 'pglite';
	/** The connection string, for pg-boss's own pool (PostgreSQL only). */
	url?: string;
	/** The embedded engine, handed to pg-boss so the queue shares it (PGlite serves one process). */
	pglite?: PGlite;
	close(): Promise<void>;
}

export const DATABASE_UNAVAILABLE =
	'Die Datenbank ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut. / The database is unavailable, please try again in a few minutes.';

export async function openDatabase(opts: {
	databaseUrl?: string;
	dataDir: string;
}): Promise<Database> {
	if (opts.databaseUrl) {
		const pool = new pg.Pool({
			connectionString: opts.databaseUrl,
			max: 10,
			connectionTimeoutMillis: 5_000,
			idleTimeoutMillis: 30_000,
			types: { getTypeParser: typeParser }
		});
		// An idle client losing its server must not crash the process; the next query reports it.
		pool.on('error', () => {});
		const db = new Kysely<DB>({ dialect: unavailableAware(new PostgresDialect({ pool })) });
		return { db, kind: 'postgres', url: opts.databaseUrl, close: () => db.destroy() };
	}
	// `memory://` keeps the embedded database in memory (tests); anything else is a folder.
	let location = 'memory://';
	if (opts.dataDir !== 'memory://') {
		fs.mkdirSync(opts.dataDir, { recursive: true });
		location = path.join(opts.dataDir, 'pglite');
	}
	const pglite = await PGlite.create(location, { parsers: { [DATE_OID]: (v: string) => v } });
	const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
	return {
		db,
		kind: 'pglite',
		pglite,
		close: async () => {
			await db.destroy();
			if (!pglite.closed) await pglite.close();
		}
	};
}

// A calendar date (a term's start, a membership's end) has no time zone: both engines hand it over
// as the text 'YYYY-MM-DD' instead of a Date at midnight in whatever zone the server runs in.
const DATE_OID = 1082;
const typeParser = ((oid: number, format?: 'text' | 'binary') =>
	oid === DATE_OID
		? (v: string) => v
		: pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser;

/** Errors that mean "no database", as opposed to a bad query: answered with 503, not 500. */
export function isConnectionError(err: unknown): boolean {
	if (!(err instanceof Error)) return false;
	const code = (err as { code?: string }).code ?? '';
	return (
		[
			'ECONNREFUSED',
			'ECONNRESET',
			'ENOTFOUND',
			'ETIMEDOUT',
			'EHOSTUNREACH',
			'57P01',
			'57P03'
		].includes(code) ||
		code.startsWith('08') ||
		/Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
			err.message
		)
	);
}

function unavailable(err: unknown): never {
	if (isConnectionError(err)) error(503, DATABASE_UNAVAILABLE);
	throw err;
}

function unavailableAware(dialect: Dialect): Dialect {
	return {
		createAdapter: () => dialect.createAdapter(),
		createIntrospector: (db) => dialect.createIntrospector(db),
		createQueryCompiler: () => dialect.createQueryCompiler(),
		createDriver: () => wrapDriver(dialect.createDriver())
	};
}

function wrapDriver(driver: Driver): Driver {
	const inner = new WeakMap<DatabaseConnection, DatabaseConnection>();
	const wrapConnection = (conn: DatabaseConnection): DatabaseConnection => ({
		executeQuery: <R>(q: CompiledQuery, o?: AbortableOperationOptions) =>
			conn.executeQuery<R>(q, o).catch(unavailable),
		streamQuery: (q, chunkSize, o) => conn.streamQuery(q, chunkSize, o)
	});
	const unwrap = (c: DatabaseConnection) => inner.get(c) ?? c;
	return {
		init: () => driver.init(),
		acquireConnection: async () => {
			const conn = await driver.acquireConnection().catch(unavailable);
			const wrapped = wrapConnection(conn);
			inner.set(wrapped, conn);
			return wrapped;
		},
		beginTransaction: (c, s) => driver.beginTransaction(unwrap(c), s).catch(unavailable),
		commitTransaction: (c) => driver.commitTransaction(unwrap(c)).catch(unavailable),
		rollbackTransaction: (c) => driver.rollbackTransaction(unwrap(c)).catch(unavailable),
		savepoint: (c, n, q) => driver.savepoint!(unwrap(c), n, q),
		rollbackToSavepoint: (c, n, q) => driver.rollbackToSavepoint!(unwrap(c), n, q),
		releaseSavepoint: (c, n, q) => driver.releaseSavepoint!(unwrap(c), n, q),
		releaseConnection: (c, o) => driver.releaseConnection(unwrap(c), o),
		destroy: (o) => driver.destroy(o)
	};
}
