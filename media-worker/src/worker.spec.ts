import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/lib/server/jobs/queue.ts';
import { listOutbox } from '../../src/lib/server/mail/mailer.ts';
import { createTestApp, type TestApp } from '../../src/lib/server/testing/test-app.ts';
import { eventually } from '../../src/lib/server/testing/wait.ts';
import type { Logger } from '../../src/lib/server/log.ts';
import type { FfmpegLookup } from '../../src/lib/server/media/ffmpeg.ts';
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

describe('media workers without ffmpeg', () => {
	let bare: TestApp;
	beforeAll(async () => {
		bare = await createTestApp();
	});
	afterAll(async () => {
		await bare?.close();
	});

	it('leave transcode jobs waiting, say what to install once, and start when ffmpeg appears', async () => {
		let available = false;
		let lookups = 0;
		const warnings: string[] = [];
		const log: Logger = {
			...bare.ctx.log,
			warn: (msg: string) => void warnings.push(msg),
			child: () => log
		};
		const findTools = async (): Promise<FfmpegLookup> => {
			lookups++;
			return available
				? { ok: true, ffmpeg: 'ffmpeg', ffprobe: 'ffprobe', version: 'test' }
				: { ok: false, message: 'ffmpeg wurde nicht gefunden. Bitte ffmpeg installieren.' };
		};
		await startWorkers({ ...bare.ctx, log }, { findTools, recheckMs: 20 });
		const queues = () => bare.boss.getWipData().map((w) => w.name);
		expect(queues()).toContain('send-mail');
		expect(queues()).not.toContain('transcode-recording');
		await eventually(async () => lookups >= 3, 'ffmpeg looked for again');
		expect(queues()).not.toContain('transcode-recording');
		expect(warnings).toEqual([
			'Aufzeichnungen warten auf ffmpeg. ffmpeg wurde nicht gefunden. Bitte ffmpeg installieren.'
		]);
		available = true;
		await eventually(async () => queues().includes('transcode-recording'), 'transcode worker');
		expect(queues()).toContain('recording-thumbnails');
	});
});
