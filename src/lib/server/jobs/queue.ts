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
	'purge-expired': { retryLimit: 2, retryDelay: 60, expireInSeconds: 600 },
	// Expiry must stay above the longest transcode: pg-boss allows at most 24 hours, which covers
	// a 12-hour 1080p recording (MEDIA_MAX_HOURS) down to 0.5x real time. A killed worker is
	// noticed by its missing heartbeat long before that, and the job is retried from scratch
	// (the transcode writes to a temporary folder first).
	'transcode-recording': {
		retryLimit: 3,
		retryDelay: 30,
		retryBackoff: true,
		retryDelayMax: 1800,
		expireInSeconds: 24 * 3600,
		heartbeatSeconds: 30
	},
	// A few seconds per chapter; redone from scratch when it fails.
	'recording-thumbnails': {
		retryLimit: 3,
		retryDelay: 30,
		retryBackoff: true,
		expireInSeconds: 1800
	},
	// A failing endpoint is reported to the clerk (the task does not throw), so it is not retried
	// against a hostile or broken server. A killed worker misses its heartbeat and the job runs
	// once more: the import writes in one transaction, so nothing of the dead run remains. A large
	// system (1,000 pages of 15 s each at worst) stays under the expiry.
	'oparl-import': {
		retryLimit: 1,
		retryDelay: 60,
		expireInSeconds: 5 * 3600,
		heartbeatSeconds: 30
	},
	// Consent cuts and later non-public marks: re-encodes the few segments a range touches and
	// points the recording's slots at them. Safe to run twice (applied ranges are skipped).
	// One cut job at a time, so two never rewrite the same recording's slots at once.
	'recording-cuts': {
		policy: 'singleton',
		retryLimit: 3,
		retryDelay: 30,
		retryBackoff: true,
		expireInSeconds: 3600,
		heartbeatSeconds: 30
	},
	// Hourly: recordings whose retention period ended lose every derived file.
	'retention-sweep': { retryLimit: 2, retryDelay: 300, expireInSeconds: 3600 }
} as const;

export type QueueName = keyof typeof QUEUES;

export interface MailJob {
	to: string;
	subject: string;
	text: string;
}

export interface TranscodeJob {
	recordingId: string;
}

export interface ThumbnailsJob {
	recordingId: string;
}

export interface CutsJob {
	recordingId: string;
}

export interface OparlImportJob {
	importId: string;
}

export interface JobPayloads {
	'send-mail': MailJob;
	'purge-expired': Record<string, never>;
	'transcode-recording': TranscodeJob;
	'recording-thumbnails': ThumbnailsJob;
	'oparl-import': OparlImportJob;
	'recording-cuts': CutsJob;
	'retention-sweep': Record<string, never>;
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
		// A queue's policy is fixed when it is created; the rest follows QUEUES on every start.
		const { policy: _policy, ...changeable } = options as typeof options & { policy?: string };
		await boss.updateQueue(name, changeable);
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
