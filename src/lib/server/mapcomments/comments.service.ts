import { recordAudit } from '../audit/audit.repository.ts';
import { consumeRateLimit } from '../auth/rate-limit.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { isUuid } from '../db/ids.ts';
import { insertFile } from '../media/files.repository.ts';
import { processCoverImage, type ImageError } from '../media/images.ts';
import { fileStorage } from '../media/storage.ts';
import { withStoredBytes, type StoredBytes } from '../media/stored-bytes.ts';
import type { MapStage } from '../../mapcomments/types.ts';
import { insertComment } from './comments.repository.ts';
import type { CommentInput } from './forms.ts';
import {
	checkGeometry,
	parseGeometryText,
	type GeometryError,
	type GeometryFrame
} from './geometry.ts';
import { findStage } from './stages.repository.ts';

export type MapDeps = Pick<AppContext, 'db' | 'config'>;

/** The field a refusal belongs to, and its message key. */
export type CommentRefusal =
	| { ok: false; status: 403; field: 'form'; error: 'mapVerifiedOnly' | 'mapStageClosed' }
	| { ok: false; status: 429; field: 'form'; error: 'mapRateLimited' }
	| { ok: false; status: 400; field: 'categoryId'; error: 'mapCategoryUnknown' }
	| { ok: false; status: 400; field: 'geometry'; error: GeometryError | 'mapPlanUnknown' }
	| { ok: false; status: 400; field: 'photo'; error: ImageError };

// Generous for a resident on a walk with a phone; stops a script filling the map.
const COMMENTS_PER_HOUR = 30;
const HOUR_MS = 60 * 60 * 1000;

/** Whether residents may write on this stage now: it is open and its consultation is published. */
export async function stageAcceptsComments(deps: MapDeps, stage: MapStage): Promise<boolean> {
	if (stage.status !== 'open') return false;
	const row = await deps.db
		.selectFrom('consultations')
		.select('status')
		.where('id', '=', stage.consultationId)
		.executeTakeFirst();
	return row?.status === 'published';
}

/** The frame a comment's geometry is checked against: the map or a plan's pixels. */
export function frameFor(
	stage: MapStage,
	planId: string | null
): { ok: true; frame: GeometryFrame; planId: string | null } | { ok: false } {
	if (planId === null)
		return { ok: true, frame: { kind: 'geo', area: stage.areaOfInterest }, planId };
	const plan = stage.plans.find((p) => p.id === planId);
	if (!plan) return { ok: false };
	// A plan placed on the map is part of the map view: its comments are in WGS84.
	if (plan.bounds)
		return { ok: true, frame: { kind: 'geo', area: stage.areaOfInterest }, planId: null };
	return { ok: true, frame: { kind: 'plan', width: plan.width, height: plan.height }, planId };
}

/**
 * Writes a resident's comment. Every check runs before anything is stored; the photo's bytes are
 * stored before the transaction that records them and removed again if it fails.
 */
export async function createComment(
	deps: MapDeps,
	user: SessionUser,
	stageId: string,
	input: CommentInput
): Promise<{ ok: true; id: string } | CommentRefusal> {
	const stage = await findStage(deps.db, stageId);
	if (!stage || !(await stageAcceptsComments(deps, stage))) {
		return { ok: false, status: 403, field: 'form', error: 'mapStageClosed' };
	}
	if (!user.verified) return { ok: false, status: 403, field: 'form', error: 'mapVerifiedOnly' };
	if (!stage.categories.some((c) => c.id === input.categoryId)) {
		return { ok: false, status: 400, field: 'categoryId', error: 'mapCategoryUnknown' };
	}
	const located = locate(stage, input);
	if (!located.ok) return located;

	let photo: { bytes: Buffer; width: number; height: number } | null = null;
	if (input.photo) {
		const processed = await processCoverImage(new Uint8Array(await input.photo.arrayBuffer()));
		if (!processed.ok) return { ok: false, status: 400, field: 'photo', error: processed.error };
		photo = processed.image;
	}
	if (!(await consumeRateLimit(deps.db, `map-comment:${user.id}`, COMMENTS_PER_HOUR, HOUR_MS))) {
		return { ok: false, status: 429, field: 'form', error: 'mapRateLimited' };
	}

	const record = (photoFile: StoredBytes | null) =>
		deps.db.transaction().execute(async (trx) => {
			const photoFileId =
				photo && photoFile
					? await insertFile(trx, {
							...photoFile,
							mimeType: 'image/jpeg',
							originalName: 'foto.jpg',
							width: photo.width,
							height: photo.height,
							createdBy: user.id
						})
					: null;
			const id = await insertComment(trx, {
				stageId: stage.id,
				planId: located.planId,
				categoryId: input.categoryId,
				authorId: user.id,
				title: input.title,
				body: input.body,
				...located.checked,
				photoFileId,
				photoAlt: photoFileId ? input.photoAlt : ''
			});
			await recordAudit(trx, {
				actorId: user.id,
				action: 'mapcomment.created',
				targetType: 'map_comment',
				targetId: id,
				details: { stageId: stage.id }
			});
			return { ok: true as const, id };
		});
	return photo ? withStoredBytes(fileStorage(deps.config), photo.bytes, record) : record(null);
}

type Located =
	| {
			ok: true;
			planId: string | null;
			checked: Pick<Parameters<typeof insertComment>[1], 'geometry' | 'bbox' | 'anchor'>;
	  }
	| Extract<CommentRefusal, { field: 'geometry' }>;

/** The geometry from a named place or from the drawn GeoJSON, checked against its frame. */
function locate(stage: MapStage, input: CommentInput): Located {
	const refuse = (error: GeometryError | 'mapPlanUnknown') =>
		({ ok: false, status: 400, field: 'geometry', error }) as const;
	if (input.placeId) {
		const place = isUuid(input.placeId)
			? stage.places.find((p) => p.id === input.placeId)
			: undefined;
		if (!place) return refuse('mapGeometryMissing');
		return check(stage, place.planId, { type: 'Point', coordinates: [place.x, place.y] }, refuse);
	}
	if (input.planId && !isUuid(input.planId)) return refuse('mapPlanUnknown');
	const parsed = parseGeometryText(input.geometry);
	if (!parsed.ok) return refuse(parsed.error);
	return check(stage, input.planId, parsed.value, refuse);
}

function check(
	stage: MapStage,
	planId: string | null,
	value: unknown,
	refuse: (e: GeometryError | 'mapPlanUnknown') => Extract<CommentRefusal, { field: 'geometry' }>
): Located {
	const frame = frameFor(stage, planId);
	if (!frame.ok) return refuse('mapPlanUnknown');
	const checked = checkGeometry(value, frame.frame, stage.geometryTypes);
	if (!checked.ok) return refuse(checked.error);
	return { ok: true, planId: frame.planId, checked: checked.value };
}
