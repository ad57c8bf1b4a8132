import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/lib/server/jobs/queue.ts';
import { listOutbox } from '../../src/lib/server/mail/mailer.ts';
import { createTestApp, type TestApp } from '../../src/lib/server/testing/test-app.ts';
import { eventually } from '../../src/lib/server/testing/wait.ts';
import { startWorkers } from './worker.ts';

let app: TestApp;

beforeAll(async () => {
	app = await createTestApp();
	await startWorkers(app.ctx);
});
afterAll(async () => {
	await app?.close();
});

describe('worker', () => {
	it('delivers a queued mail into the outbox when no SMTP server is configured', async () => {
		expect(app.ctx.config.smtpUrl).toBeUndefined();
		const id = (await enqueue(app.boss, 'send-mail', {
			to: 'erika@test.mitreden.example',
			subject: 'Bitte bestätigen Sie Ihre Adresse',
			text: 'http://localhost:4173/email-bestaetigen/abc'
		}))!;
		const mail = await eventually(
			async () =>
				(await listOutbox(app.database.db)).find((m) => m.to === 'erika@test.mitreden.example'),
			'mail in outbox'
		);
		expect(mail).toMatchObject({
			subject: 'Bitte bestätigen Sie Ihre Adresse',
			text: 'http://localhost:4173/email-bestaetigen/abc'
		});
		const state = await eventually(async () => {
			const [job] = await app.boss.findJobs('send-mail', { id });
			return job?.state === 'completed' && job.state;
		}, 'job completed');
		expect(state).toBe('completed');
	});

	it('schedules the hourly clean-up of expired sessions and links', async () => {
		const schedules = await app.boss.getSchedules('purge-expired');
		expect(schedules.map((s) => s.cron)).toEqual(['17 * * * *']);
	});
});
