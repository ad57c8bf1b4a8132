import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './db/index.ts';
import { checkHealth } from './health.ts';
import { createTestDatabase } from './testing/test-app.ts';

let working: Database;

beforeAll(async () => {
	working = await createTestDatabase();
});
afterAll(async () => {
	await working?.close();
});

describe('checkHealth', () => {
	it('reports ok with a latency while the database answers', async () => {
		const health = await checkHealth(working.db);
		expect(health.status).toBe('ok');
		expect(health.database).toBe('ok');
		expect(health.latencyMs).toBeGreaterThanOrEqual(0);
	});

	it('reports unavailable when the database refuses connections', async () => {
		const down = await openDatabase({
			databaseUrl: 'postgres://postgres@127.0.0.1:1/x',
			dataDir: 'memory://'
		});
		try {
			expect(await checkHealth(down.db)).toEqual({
				status: 'unavailable',
				database: 'unreachable'
			});
		} finally {
			await down.close();
		}
	});

	it('answers within its timeout when the database host accepts but never replies', async () => {
		const sockets = new Set<net.Socket>();
		const server = net.createServer((socket) => sockets.add(socket));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as net.AddressInfo;
		const silent = await openDatabase({
			databaseUrl: `postgres://postgres@127.0.0.1:${port}/x`,
			dataDir: 'memory://'
		});
		try {
			const started = Date.now();
			expect((await checkHealth(silent.db, 300)).status).toBe('unavailable');
			expect(Date.now() - started).toBeLessThan(2_000);
		} finally {
			for (const socket of sockets) socket.destroy();
			server.close();
			await silent.close();
		}
	});
});
