import { PgBoss, fromPglite } from 'pg-boss';
import type { Database } from '../db/index.ts';
import type { Logger } from '../log.ts';

/**
 * Every queue Mitreden uses, with its retry policy. Jobs are at-least-once: a task must be safe
 * to run twice. `expireInSeconds` must stay above the longest run of the task, since an expired
 * job is handed to another worker (that is how a dead worker's job is taken up again).
 */
export const QUEUES = {
	'send-mail': {
		retryLimit: 5,
		retryDelay: 15,
		retryBackoff: true,
		retryDelayMax: 900,
		expireInSeconds: 120,
		// Sent mails hold addresses and one-time links: keep finished jobs one day, not pg-boss's
		// default seven (GDPR storage limitation).
		deleteAfterSeconds: 86_400
	},
	'purge-expired': { retryLimit: 2, retryDelay: 60, expireInSeconds: 600 }
} as const;

export type QueueName = keyof typeof QUEUES;

export interface MailJob {
	to: string;
	subject: string;
	text: string;
}

export interface JobPayloads {
	'send-mail': MailJob;
	'purge-expired': Record<string, never>;
}

export const PGBOSS_SCHEMA = 'pgboss';

export async function startQueue(database: Database, logger: Logger): Promise<PgBoss> {
	const boss = database.pglite
		? new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite', schema: PGBOSS_SCHEMA })
		: new PgBoss({
				connectionString: database.url,
				schema: PGBOSS_SCHEMA,
				max: 4
			});
	boss.on('error', (err) => logger.error('Auftragswarteschlange: Fehler', { err }));
	await boss.start();
	for (const [name, options] of Object.entries(QUEUES)) {
		await boss.createQueue(name, options);
		await boss.updateQueue(name, options);
	}
	return boss;
}

export async function enqueue<N extends QueueName>(
	boss: PgBoss,
	name: N,
	data: JobPayloads[N]
): Promise<string | null> {
	return boss.send(name, data as object);
}
