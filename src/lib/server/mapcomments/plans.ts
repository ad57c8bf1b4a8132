import { cleanFileName } from '../media/documents.ts';
import { deleteFile, insertFile } from '../media/files.repository.ts';
import { processPlanImage, type PlanImageError } from '../media/plan-images.ts';
import { fileStorage } from '../media/storage.ts';
import { withStoredBytes } from '../media/stored-bytes.ts';
import { isUuid } from '../db/ids.ts';
import {
	countPlanPixelUses,
	deletePlan,
	insertPlan,
	updatePlan,
	type PlanBounds
} from './plans.repository.ts';
import { SETUP_LIMITS } from './setup-forms.ts';
import { findStage, lockStage } from './stages.repository.ts';
import { auditStage, moveInList, refuse, type Refusal, type SetupDeps } from './stages.service.ts';

// Plan drawings of a map stage. The image is checked and re-encoded before anything is stored;
// its bytes are written before the transaction that records them and removed again if it fails;
// a removed plan's bytes are deleted only after the commit, so no row points at missing bytes.

export interface PlanInput {
	title: string;
	description: string;
	bounds: PlanBounds | null;
}

/** Comments and places on a plan without geo reference are in its pixels; they pin that choice. */
type PixelRefusal = { ok: false; reason: 'pixelUses'; comments: number; places: number };

export async function addPlan(
	deps: SetupDeps,
	actorId: string,
	stageId: string,
	input: PlanInput & { file: File }
): Promise<
	| { ok: true; planId: string }
	| Refusal<'notFound' | 'tooMany'>
	| { ok: false; reason: 'file'; error: PlanImageError }
> {
	const stage = await findStage(deps.db, stageId);
	if (!stage) return refuse('notFound');
	if (stage.plans.length >= SETUP_LIMITS.plans) return refuse('tooMany');
	const processed = await processPlanImage(new Uint8Array(await input.file.arrayBuffer()));
	if (!processed.ok) return { ok: false, reason: 'file', error: processed.error };
	const image = processed.image;
	return withStoredBytes(fileStorage(deps.config), image.bytes, (stored) =>
		deps.db.transaction().execute(async (trx) => {
			if (!(await lockStage(trx, stageId))) return refuse('notFound');
			const fileId = await insertFile(trx, {
				...stored,
				mimeType: image.mimeType,
				originalName: cleanFileName(input.file.name, 'planzeichnung', image.extension),
				width: image.width,
				height: image.height,
				createdBy: actorId
			});
			const { title, description, bounds } = input;
			const plan = { title, description, bounds, fileId, width: image.width, height: image.height };
			const planId = await insertPlan(trx, stageId, plan);
			await auditStage(trx, actorId, 'plan_added', stageId, { planId, title, fileId, bounds });
			return { ok: true as const, planId };
		})
	);
}

/**
 * Edits title, description and geo reference. Adding or removing the geo reference changes the
 * plan's coordinates from pixels to WGS84 or back; comments and places already in pixels would
 * then point somewhere else, so that change is refused while they exist.
 */
export async function editPlan(
	deps: SetupDeps,
	actorId: string,
	stageId: string,
	planId: string,
	input: PlanInput
): Promise<{ ok: true } | Refusal<'notFound'> | PixelRefusal> {
	if (!isUuid(planId)) return refuse('notFound');
	return deps.db.transaction().execute(async (trx) => {
		if (!(await lockStage(trx, stageId))) return refuse('notFound');
		const plan = (await findStage(trx, stageId))!.plans.find((p) => p.id === planId);
		if (!plan) return refuse('notFound');
		if (!plan.bounds && input.bounds) {
			const uses = await countPlanPixelUses(trx, planId);
			if (uses.comments + uses.places > 0) {
				return { ok: false as const, reason: 'pixelUses' as const, ...uses };
			}
		}
		await updatePlan(trx, stageId, planId, input);
		await auditStage(trx, actorId, 'plan_changed', stageId, { planId, ...input });
		return { ok: true as const };
	});
}

export async function movePlan(
	deps: SetupDeps,
	actorId: string,
	stageId: string,
	planId: string,
	direction: 'up' | 'down'
): Promise<{ ok: true } | Refusal<'notFound'>> {
	return moveInList(deps, actorId, stageId, 'map_plans', planId, direction);
}

/**
 * Removes a plan and its named places. Comments drawn on a plan without geo reference exist only
 * in its pixels and would be deleted with it (the schema cascades); residents' contributions are
 * not thrown away by a layout change, so that is refused. Comments on a georeferenced plan are in
 * WGS84 and stay on the map.
 */
export async function removePlan(
	deps: SetupDeps,
	actorId: string,
	stageId: string,
	planId: string
): Promise<
	| { ok: true }
	| Refusal<'notFound' | 'lastView'>
	| { ok: false; reason: 'hasComments'; count: number }
> {
	if (!isUuid(planId)) return refuse('notFound');
	const outcome = await deps.db.transaction().execute(async (trx) => {
		if (!(await lockStage(trx, stageId))) return refuse('notFound');
		const stage = (await findStage(trx, stageId))!;
		const plan = stage.plans.find((p) => p.id === planId);
		if (!plan) return refuse('notFound');
		const { comments } = await countPlanPixelUses(trx, planId);
		if (comments > 0)
			return { ok: false as const, reason: 'hasComments' as const, count: comments };
		if (stage.status === 'open' && !stage.baseMap && stage.plans.length === 1)
			return refuse('lastView');
		const fileId = (await deletePlan(trx, stageId, planId))!;
		const oldKey = await deleteFile(trx, fileId);
		await auditStage(trx, actorId, 'plan_removed', stageId, { planId, title: plan.title });
		return { ok: true as const, oldKey };
	});
	if (!outcome.ok) return outcome;
	if (outcome.oldKey) await fileStorage(deps.config).delete(outcome.oldKey);
	return { ok: true };
}
