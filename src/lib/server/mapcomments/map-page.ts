import type { SessionUser } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/index.ts';
import { isUuid } from '../db/ids.ts';
import { findConsultationBySlug } from '../consultations/consultations.repository.ts';
import { encodeMarker, type MarkerTuple } from '../../mapcomments/markers.ts';
import type { BBox, CommentSummary, MapStage } from '../../mapcomments/types.ts';
import {
	MAX_OFFSET,
	PAGE_SIZE,
	isSort,
	isStatus,
	parseBBox,
	type ViewFilter
} from '../../mapcomments/view-query.ts';
import { countComments, listComments, type CommentQuery } from './comments.repository.ts';
import { stageAcceptsComments } from './comments.service.ts';
import { listMarkers } from './map-view.repository.ts';
import { findStage, findStageIdByConsultation } from './stages.repository.ts';

// The residents' map page and its JSON endpoint: which stage, which view, which comments.

export interface MapPageStage {
	consultation: { id: string; slug: string; title: string };
	stage: MapStage;
}

/**
 * The consultation's map stage when the visitor may see it: drafts (of the consultation or the
 * stage) only for planners. null answers as an unknown address would.
 */
export async function findVisibleStage(
	db: Db,
	slug: string,
	user: SessionUser | null
): Promise<MapPageStage | null> {
	const planner = user?.roles.includes('planner') ?? false;
	const consultation = await findConsultationBySlug(db, slug.slice(0, 100));
	if (!consultation || (consultation.status === 'draft' && !planner)) return null;
	const stageId = await findStageIdByConsultation(db, consultation.id);
	const stage = stageId ? await findStage(db, stageId) : null;
	if (!stage || (stage.status === 'draft' && !planner)) return null;
	return {
		consultation: { id: consultation.id, slug: consultation.slug, title: consultation.title },
		stage
	};
}

/** Whether the consultation page links to a map: the stage exists and is not a draft (for the public). */
export async function mapLinkVisible(
	db: Db,
	consultationId: string,
	planner: boolean
): Promise<boolean> {
	const stageId = await findStageIdByConsultation(db, consultationId);
	if (!stageId) return false;
	const row = await db
		.selectFrom('map_stages')
		.select('status')
		.where('id', '=', stageId)
		.executeTakeFirst();
	return row ? row.status !== 'draft' || planner : false;
}

export interface ViewQuery {
	filter: ViewFilter;
	bbox: BBox | null;
	offset: number;
	/** Whether the answer carries every marker of the view (the browser asks once per filter). */
	markers: boolean;
	/** A comment to return as `selected` even when it is not on the list's page. */
	selectedId: string | null;
}

export type ViewQueryError =
	'mvViewUnknown' | 'mvFilterUnknown' | 'mvBBoxFormat' | 'mvBBoxRange' | 'mvOffsetInvalid';

/** Plans without geo reference are views of their own; georeferenced ones lie on the map. */
export function ownViewPlans(stage: MapStage) {
	return stage.plans.filter((p) => p.bounds === null);
}

/** Validates the query of the map page or endpoint against the stage; German param names. */
export function parseViewQuery(
	stage: MapStage,
	params: URLSearchParams
): { ok: true; value: ViewQuery } | { ok: false; error: ViewQueryError } {
	const view = params.get('ansicht') ?? '';
	const plan = view && view !== 'karte' ? ownViewPlans(stage).find((p) => p.id === view) : null;
	if (view && view !== 'karte' && !plan) return { ok: false, error: 'mvViewUnknown' };
	const categoryIds = params.getAll('kategorie');
	const statuses = params.getAll('status');
	const sort = params.get('sortierung') ?? 'neueste';
	if (
		categoryIds.length > stage.categories.length ||
		categoryIds.some((id) => !stage.categories.some((c) => c.id === id)) ||
		!statuses.every(isStatus) ||
		!isSort(sort)
	) {
		return { ok: false, error: 'mvFilterUnknown' };
	}
	let bbox: BBox | null = null;
	const bboxText = params.get('bbox');
	if (bboxText !== null) {
		const parsed = parseBBox(bboxText, plan ? 'plan' : 'geo');
		if (!parsed.ok) return parsed;
		bbox = parsed.value;
	}
	const offsetText = params.get('ab') ?? '0';
	const offset = /^\d{1,6}$/.test(offsetText) ? Number(offsetText) : -1;
	if (offset < 0 || offset > MAX_OFFSET) return { ok: false, error: 'mvOffsetInvalid' };
	const selected = params.get('hinweis') ?? '';
	return {
		ok: true,
		value: {
			filter: {
				planId: plan?.id ?? null,
				categoryIds: [...new Set(categoryIds)],
				statuses: [...new Set(statuses)],
				sort
			},
			bbox,
			offset,
			markers: params.get('marker') === '1',
			// An unknown or malformed id selects nothing; old links must not break the page.
			selectedId: isUuid(selected) ? selected.toLowerCase() : null
		}
	};
}

export interface ViewData {
	/** Comments in the visible area (the whole view without a box) that match the filter. */
	total: number;
	items: CommentSummary[];
	offset: number;
	nextOffset: number | null;
	/** Every marker of the view that matches the filter, whatever the box; when asked for. */
	markers?: MarkerTuple[];
	/** The selected comment (any filter, any box of this view), null when not visible. */
	selected: CommentSummary | null;
}

export async function loadViewData(db: Db, stage: MapStage, q: ViewQuery): Promise<ViewData> {
	const base: CommentQuery = {
		stageId: stage.id,
		planId: q.filter.planId,
		bbox: q.bbox,
		categoryIds: q.filter.categoryIds,
		statuses: q.filter.statuses
	};
	const sort = q.filter.sort === 'unterstuetzung' ? 'supported' : 'newest';
	const categoryIds = stage.categories.map((c) => c.id);
	const [total, items, markers, selected] = await Promise.all([
		countComments(db, base),
		listComments(db, base, { sort, limit: PAGE_SIZE, offset: q.offset }),
		q.markers ? listMarkers(db, { ...base, bbox: null }) : Promise.resolve(null),
		q.selectedId
			? listComments(db, {
					stageId: stage.id,
					planId: base.planId,
					bbox: null,
					ids: [q.selectedId]
				})
			: Promise.resolve([])
	]);
	return {
		total,
		items,
		offset: q.offset,
		nextOffset: q.offset + items.length < total ? q.offset + items.length : null,
		selected: selected[0] ?? null,
		...(markers ? { markers: markers.map((m) => encodeMarker(m, categoryIds)) } : {})
	};
}

/** What the page tells a visitor about writing: the form, or why not. */
export type WriteAccess = 'write' | 'login' | 'verify' | 'closed';

export async function writeAccess(
	ctx: Pick<AppContext, 'db' | 'config'>,
	stage: MapStage,
	user: SessionUser | null
): Promise<WriteAccess> {
	if (!(await stageAcceptsComments(ctx, stage))) return 'closed';
	if (!user) return 'login';
	return user.verified ? 'write' : 'verify';
}
