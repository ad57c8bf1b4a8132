import { isHttpError } from '@sveltejs/kit';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-app.ts';
import { DATABASE_UNAVAILABLE, isConnectionError, openDatabase, type Database } from './index.ts';

// Nothing listens on port 1, so connecting is refused at once.
const DOWN_URL = 'postgres://postgres@127.0.0.1:1/x';
let down: Database;
let working: Database;

beforeAll(async () => {
	down = await openDatabase({ databaseUrl: DOWN_URL, dataDir: 'memory://' });
	working = await createTestDatabase();
});
afterAll(async () => {
	await down?.close();
	await working?.close();
});

async function caught(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (err) {
		return err;
	}
	throw new Error('expected the promise to reject');
}

describe('database down', () => {
	it('answers a query with 503 and a message in both languages, not a 500', async () => {
		const err = await caught(down.db.selectFrom('users').select('id').execute());
		expect(isHttpError(err, 503)).toBe(true);
		expect((err as { body: { message: string } }).body.message).toBe(DATABASE_UNAVAILABLE);
		expect(DATABASE_UNAVAILABLE).toMatch(/nicht erreichbar.*unavailable/);
	});

	it('also answers 503 inside a transaction', async () => {
		const err = await caught(down.db.transaction().execute((trx) => sql`select 1`.execute(trx)));
		expect(isHttpError(err, 503)).toBe(true);
	});
});

describe('isConnectionError', () => {
	it('recognises a refused connection', async () => {
		const client = new pg.Client({ connectionString: DOWN_URL });
		const err = await caught(client.connect());
		expect((err as { code?: string }).code).toBe('ECONNREFUSED');
		expect(isConnectionError(err)).toBe(true);
	});

	it('does not mistake a bad query for a missing database', async () => {
		const err = await caught(sql`selec 1`.execute(working.db));
		expect(isHttpError(err)).toBe(false);
		expect((err as { code?: string }).code).toBe('42601');
		expect(isConnectionError(err)).toBe(false);
		expect(isConnectionError('ECONNREFUSED')).toBe(false);
	});
});
