import type { AppContext } from '../../src/lib/server/context.ts';
import type { MailJob, OparlImportJob } from '../../src/lib/server/jobs/queue.ts';
import { oparlImport } from './tasks/oparl-import.ts';
import { purgeExpired } from './tasks/purge-expired.ts';
import { sendMail } from './tasks/send-mail.ts';

/**
 * Registers every task on the shared queue. Runs inside the web process in embedded mode
 * (PGlite serves one process) and as `npm run worker` with PostgreSQL.
 */
export async function startWorkers(ctx: AppContext): Promise<void> {
	const { boss, log } = ctx;
	await boss.work<MailJob>(
		'send-mail',
		{ batchSize: 1, pollingIntervalSeconds: 1 },
		async ([job]) => {
			if (!job) return;
			log.debug('Auftrag send-mail', { jobId: job.id });
			await sendMail(ctx, job.data);
		}
	);
	await boss.work<OparlImportJob>('oparl-import', { batchSize: 1 }, async ([job]) => {
		if (job) await oparlImport(ctx, job.data);
	});
	await boss.work('purge-expired', { batchSize: 1 }, async () => purgeExpired(ctx));
	await boss.schedule('purge-expired', '17 * * * *');
	log.info('Worker bereit', { queues: ['send-mail', 'oparl-import', 'purge-expired'] });
}
