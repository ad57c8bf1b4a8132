import { COMMENT_STATUSES, type BBox, type CommentStatus } from './types.ts';

// The query parameters of the map page and its JSON endpoint, in German like every address.
// Shared by the server (which validates) and the browser (which builds the addresses).

export const SORTS = ['neueste', 'unterstuetzung'] as const;
export type SortParam = (typeof SORTS)[number];

/** List entries per request: enough to fill the side list, small enough to stay fast. */
export const PAGE_SIZE = 50;
/** Nobody pages this far by hand; refuses offsets that would make the database walk the table. */
export const MAX_OFFSET = 10_000;

// Web Mercator stops at about ±85.05°, but a box may be asked for beyond it when the map is
// zoomed out; the world's limits are the honest bound. Plans: pixels, far beyond any drawing.
const GEO_LIMITS: BBox = [-180, -90, 180, 90];
const PIXEL_LIMIT = 1_000_000;

export type BBoxError = 'mvBBoxFormat' | 'mvBBoxRange';

/** "minX,minY,maxX,maxY" in the view's coordinates; lon/lat on the map, pixels on a plan. */
export function parseBBox(
	text: string,
	kind: 'geo' | 'plan'
): { ok: true; value: BBox } | { ok: false; error: BBoxError } {
	const parts = text.split(',');
	if (parts.length !== 4 || parts.some((p) => !/^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(p))) {
		return { ok: false, error: 'mvBBoxFormat' };
	}
	const [minX, minY, maxX, maxY] = parts.map(Number) as BBox;
	if (![minX, minY, maxX, maxY].every(Number.isFinite)) return { ok: false, error: 'mvBBoxFormat' };
	if (minX > maxX || minY > maxY) return { ok: false, error: 'mvBBoxRange' };
	const within =
		kind === 'geo'
			? // Leaflet reports a little beyond ±180 when the world wraps; clamp rather than refuse.
				minY >= GEO_LIMITS[1] && maxY <= GEO_LIMITS[3] && minX >= -540 && maxX <= 540
			: [minX, minY, maxX, maxY].every((v) => Math.abs(v) <= PIXEL_LIMIT);
	if (!within) return { ok: false, error: 'mvBBoxRange' };
	if (kind === 'geo') {
		return {
			ok: true,
			value: [Math.max(minX, GEO_LIMITS[0]), minY, Math.min(maxX, GEO_LIMITS[2]), maxY]
		};
	}
	return { ok: true, value: [minX, minY, maxX, maxY] };
}

/** Rounded so addresses stay short and equal views produce equal (cacheable) addresses. */
export function formatBBox(b: BBox): string {
	return b.map((v) => Number(v.toFixed(6))).join(',');
}

export function isStatus(v: string): v is CommentStatus {
	return (COMMENT_STATUSES as readonly string[]).includes(v);
}

export function isSort(v: string): v is SortParam {
	return (SORTS as readonly string[]).includes(v);
}

/** What the list and the markers are filtered and sorted by. */
export interface ViewFilter {
	/** null: the map view; a plan's id: that plan without geo reference. */
	planId: string | null;
	categoryIds: string[];
	statuses: CommentStatus[];
	sort: SortParam;
}

/** The search part of a map page or endpoint address for `filter` (and optional extras). */
export function filterParams(
	filter: ViewFilter,
	extra: Record<string, string | undefined> = {}
): URLSearchParams {
	const p = new URLSearchParams();
	if (filter.planId) p.set('ansicht', filter.planId);
	for (const id of filter.categoryIds) p.append('kategorie', id);
	for (const s of filter.statuses) p.append('status', s);
	if (filter.sort !== 'neueste') p.set('sortierung', filter.sort);
	for (const [k, v] of Object.entries(extra)) if (v !== undefined) p.set(k, v);
	return p;
}
