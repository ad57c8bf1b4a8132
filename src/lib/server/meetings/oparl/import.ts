import { recordAudit } from '../../audit/audit.repository.ts';
import type { Config } from '../../config.ts';
import type { AppContext } from '../../context.ts';
import { enqueue } from '../../jobs/queue.ts';
import { fetchJson, OparlImportError, type FetchLimits } from './import-fetch.ts';
import { planImport } from './import-plan.ts';
import { readSource } from './import-source.ts';
import { writePlan } from './import-write.ts';
import {
	findImport,
	insertImport,
	markImportFinished,
	markImportRunning,
	type OparlImport
} from './imports.repository.ts';

// The OParl import: read everything from the endpoint first, then write it in ONE transaction.
// A failure while reading (timeout, bad JSON, a looping list) or writing leaves the database as
// it was; only the import's own row records the failure. Memory is bounded by maxBytes per page
// times the pages read.

export interface ImportOptions {
	fetch: FetchLimits;
	maxPages: number;
}

export function importOptions(config: Config): ImportOptions {
	return {
		fetch: {
			timeoutMs: config.oparl.timeoutMs,
			// A list page of 100 meetings with embedded agenda items is a few hundred KB.
			maxBytes: 20 * 1024 * 1024,
			maxRedirects: 3,
			allowPrivateHosts: config.oparl.allowPrivateHosts
		},
		maxPages: 1000
	};
}

/** Records the clerk's request and queues the job that runs it. */
export async function startImport(
	ctx: AppContext,
	userId: string,
	endpoint: string
): Promise<string> {
	const id = await ctx.db.transaction().execute(async (trx) => {
		const importId = await insertImport(trx, endpoint, userId);
		await recordAudit(trx, {
			actorId: userId,
			action: 'oparl.import.start',
			targetType: 'oparl_import',
			targetId: importId,
			details: { endpoint }
		});
		return importId;
	});
	await enqueue(ctx.boss, 'oparl-import', { importId: id });
	return id;
}

const INTERNAL =
	'Der Import ist an einem internen Fehler gescheitert; es wurde nichts übernommen. Bitte melden Sie den Fehler der Administration.';

/** Runs one import (the `oparl-import` job). Expected failures end as state `failed`. */
export async function runImport(
	ctx: AppContext,
	importId: string,
	options: ImportOptions = importOptions(ctx.config)
): Promise<OparlImport | null> {
	const job = await findImport(ctx.db, importId);
	if (!job || !(await markImportRunning(ctx.db, importId))) return job;
	try {
		const fetch = (url: string) => fetchJson(url, options.fetch);
		const data = await readSource(job.endpoint, fetch, { maxPages: options.maxPages });
		const plan = planImport(data);
		const counts = await ctx.db.transaction().execute(async (trx) => {
			const written = await writePlan(trx, plan);
			await recordAudit(trx, {
				actorId: job.createdBy,
				action: 'oparl.import',
				targetType: 'oparl_import',
				targetId: importId,
				details: { endpoint: job.endpoint, counts: written, warnings: plan.warnings.slice(0, 20) }
			});
			return written;
		});
		if (plan.warnings.length) {
			ctx.log.warn('OParl-Import: Objekte übersprungen', {
				importId,
				warnings: plan.warnings.slice(0, 50)
			});
		}
		await markImportFinished(ctx.db, importId, { state: 'done', counts: { ...counts } });
	} catch (err) {
		const expected = err instanceof OparlImportError;
		if (!expected) ctx.log.error('OParl-Import fehlgeschlagen', { importId, err });
		await markImportFinished(ctx.db, importId, {
			state: 'failed',
			error: expected ? `${err.message} Es wurde nichts übernommen.` : INTERNAL
		});
	}
	return findImport(ctx.db, importId);
}
