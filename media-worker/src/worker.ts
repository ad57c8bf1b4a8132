import type { AppContext } from '../../src/lib/server/context.ts';
import type {
	CutsJob,
	MailJob,
	OparlImportJob,
	ThumbnailsJob,
	TranscodeJob
} from '../../src/lib/server/jobs/queue.ts';
import { findFfmpeg, type FfmpegLookup } from '../../src/lib/server/media/ffmpeg.ts';
import { livePipeline } from './live/default-pipeline.ts';
import { startLiveIngest } from './live/live-ingest.ts';
import { oparlImport } from './tasks/oparl-import.ts';
import { purgeExpired } from './tasks/purge-expired.ts';
import { recordingCuts } from './tasks/recording-cuts.ts';
import { retentionSweep } from './tasks/retention-sweep.ts';
import { recordingThumbnails } from './tasks/recording-thumbnails.ts';
import { sendMail } from './tasks/send-mail.ts';
import { transcodeRecording } from './tasks/transcode-recording.ts';

export interface WorkerOptions {
	/** How ffmpeg is looked for (tests replace it). */
	findTools?: () => Promise<FfmpegLookup>;
	/** How long to wait before looking for ffmpeg again when it is missing. */
	recheckMs?: number;
}

/**
 * Registers every task on the shared queue. Runs inside the web process in embedded mode
 * (PGlite serves one process) and as `npm run worker` with PostgreSQL.
 */
export async function startWorkers(ctx: AppContext, opts: WorkerOptions = {}): Promise<void> {
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
	await boss.work('retention-sweep', { batchSize: 1 }, async () => retentionSweep(ctx));
	await boss.schedule('retention-sweep', '37 * * * *');
	log.info('Worker bereit', {
		queues: ['send-mail', 'oparl-import', 'purge-expired', 'retention-sweep']
	});
	await startMediaWorkers(ctx, opts);
}

/**
 * The media queues get workers of their own (one transcode at a time per process, so a long
 * transcode never holds up mails), and only once ffmpeg is there: without it a job would fail
 * and use up its retries, so jobs wait in the queue and ffmpeg is looked for again every minute.
 * The clerk's page says what to install (findFfmpeg's message).
 */
async function startMediaWorkers(ctx: AppContext, opts: WorkerOptions): Promise<void> {
	const find = opts.findTools ?? (() => findFfmpeg());
	let warned = false;
	const attempt = async (): Promise<void> => {
		const found = await find();
		if (!found.ok) {
			if (!warned) ctx.log.warn(`Aufzeichnungen warten auf ffmpeg. ${found.message}`);
			warned = true;
			setTimeout(() => void attempt().catch(() => undefined), opts.recheckMs ?? 60_000).unref();
			return;
		}
		await registerMediaQueues(ctx);
		ctx.log.info('Medien-Worker bereit', { ffmpeg: found.ffmpeg, version: found.version });
	};
	await attempt();
}

// pg-boss 12 refreshes a running job's heartbeat itself (every heartbeatSeconds / 2, see
// QUEUES); when a worker dies the refreshes stop, the supervisor fails the job after 30 s and it
// is retried elsewhere. The task removes what the dead run left in its work folder.
async function registerMediaQueues(ctx: AppContext): Promise<void> {
	const { boss } = ctx;
	const media = { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 2 };
	await boss.work<TranscodeJob>('transcode-recording', media, async ([job]) => {
		if (job) await transcodeRecording(ctx, job);
	});
	await boss.work<ThumbnailsJob>('recording-thumbnails', media, async ([job]) => {
		if (job) await recordingThumbnails(ctx, job.data);
	});
	await boss.work<CutsJob>('recording-cuts', media, async ([job]) => {
		if (job) await recordingCuts(ctx, job);
	});
	// Live: the RTMP ingest and the publishers run as long as the queue does.
	if (ctx.config.live.ingest) {
		const live = await startLiveIngest(ctx, { pipeline: livePipeline() });
		boss.once('stopped', () => void live.stop());
	}
}
