import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { eventually } from '../testing/wait.ts';
import { findFailedJobName, listFailedJobs } from './jobs.repository.ts';

const QUEUE = 'test-always-fails';
let app: TestApp;
let attempts = 0;
let broken = true;

beforeAll(async () => {
	app = await createTestApp();
	await app.boss.createQueue(QUEUE, { retryLimit: 1, retryDelay: 1 });
	await app.boss.work(QUEUE, { pollingIntervalSeconds: 0.5 }, async () => {
		attempts += 1;
		if (broken) throw new Error('SMTP-Server antwortet nicht');
	});
});
afterAll(async () => {
	await app?.close();
});

async function stateOf(id: string) {
	const [job] = await app.boss.findJobs(QUEUE, { id });
	return job?.state;
}

describe('failed jobs', () => {
	it('end as failed after their retries, are listed with the error, and run again on retry', async () => {
		const id = (await app.boss.send(QUEUE, { to: 'geheim@test.mitreden.example' }))!;
		await eventually(async () => (await stateOf(id)) === 'failed', 'job failed');
		expect(attempts).toBe(2);

		const failed = (await listFailedJobs(app.database.db)).find((j) => j.id === id);
		expect(failed).toMatchObject({
			name: QUEUE,
			retryCount: 1,
			error: 'SMTP-Server antwortet nicht'
		});
		// The admin view must not show mail payloads (addresses, one-time links).
		expect(JSON.stringify(failed)).not.toContain('geheim@');
		expect(await findFailedJobName(app.database.db, id)).toBe(QUEUE);

		broken = false;
		await app.boss.retry(QUEUE, id);
		await eventually(async () => (await stateOf(id)) === 'completed', 'job completed');
		expect(attempts).toBe(3);
		expect((await listFailedJobs(app.database.db)).map((j) => j.id)).not.toContain(id);
		expect(await findFailedJobName(app.database.db, id)).toBeUndefined();
	});
});
