import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { QUEUES } from './queue.ts';

let app: TestApp;

beforeAll(async () => {
	app = await createTestApp();
});
afterAll(async () => {
	await app?.close();
});

describe('queue', () => {
	it('creates every queue with its retry and expiry policy', async () => {
		for (const [name, policy] of Object.entries(QUEUES)) {
			const queue = await app.boss.getQueue(name);
			expect(queue).toMatchObject({
				retryLimit: policy.retryLimit,
				expireInSeconds: policy.expireInSeconds
			});
		}
	});

	it('hands a job held by a worker that died to the next worker once it expires', async () => {
		const name = 'test-dead-worker';
		await app.boss.createQueue(name, { retryLimit: 1, retryDelay: 0, expireInSeconds: 1 });
		const id = await app.boss.send(name, { recording: 42 });

		// The first worker takes the job and dies without completing it.
		const [taken] = await app.boss.fetch(name);
		expect(taken?.id).toBe(id);
		expect(await app.boss.fetch(name)).toEqual([]);

		await new Promise((resolve) => setTimeout(resolve, 1_500));
		// What every running instance's supervisor does on its timer (every 60 s by default).
		await app.boss.supervise(name);
		const [again] = await app.boss.fetch(name);
		expect(again?.id).toBe(id);
		expect(again?.data).toEqual({ recording: 42 });
		await app.boss.complete(name, again!.id);
		const [job] = await app.boss.findJobs(name, { id: id! });
		expect(job).toMatchObject({ state: 'completed', retryCount: 1 });
	});
});
