import type { AppContext } from '../../../src/lib/server/context.ts';
import type { CutsJob } from '../../../src/lib/server/jobs/queue.ts';
import { applyCuts } from '../../../src/lib/server/live/cuts.ts';

/** Consent cuts and later non-public marks in a recording's archive (see live/cuts.ts). */
export async function recordingCuts(
	ctx: AppContext,
	job: { id: string; data: CutsJob; signal?: AbortSignal }
): Promise<void> {
	const outcome = await applyCuts(
		{ ...ctx, log: ctx.log.child({ jobId: job.id }) },
		job.data.recordingId,
		job.signal
	);
	if (!outcome.ok) ctx.log.warn('Schnitte nicht angewendet', { jobId: job.id, ...outcome });
}
