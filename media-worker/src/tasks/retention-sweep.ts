import type { AppContext } from '../../../src/lib/server/context.ts';
import { sweepRetention } from '../../../src/lib/server/meetings/retention-sweep.ts';

/** Hourly: recordings whose retention period ended lose every derived file. */
export async function retentionSweep(ctx: AppContext): Promise<void> {
	await sweepRetention(ctx);
}
