import type { AppContext } from '../../../src/lib/server/context.ts';
import type { OparlImportJob } from '../../../src/lib/server/jobs/queue.ts';
import { runImport } from '../../../src/lib/server/meetings/oparl/import.ts';

/** Imports bodies, persons, meetings and agenda items from the OParl endpoint a clerk named. */
export async function oparlImport(ctx: AppContext, job: OparlImportJob): Promise<void> {
	await runImport(ctx, job.importId);
}
