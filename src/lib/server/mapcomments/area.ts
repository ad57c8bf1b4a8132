import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import kinks from '@turf/kinks';
import type { AreaPolygon, CommentGeometry, Position } from '../../mapcomments/types.ts';
import { allPositions } from './geometry.ts';

// The area of interest as a planner pastes it: GeoJSON from a GIS or geojson.io, a bare Polygon or
// a Feature holding one. One outer ring, no holes (the "inside the area" check for comments and
// the exports stay simple and trustworthy).

export type AreaError =
	| 'mapGeometryJson'
	| 'mapAreaPolygon'
	| 'mapGeometryCoordinates'
	| 'mapAreaTooManyVertices'
	| 'mapGeometryRing'
	| 'mapGeometrySelfIntersects';

/** Enough for a district outline from a GIS; small enough for every map page to carry it. */
export const AREA_MAX_VERTICES = 1000;
const MAX_CHARS = 200_000;

type AreaResult = { ok: true; area: AreaPolygon | null } | { ok: false; error: AreaError };
const fail = (error: AreaError): AreaResult => ({ ok: false, error });

/** Empty text: no limit. */
export function parseArea(text: string): AreaResult {
	const trimmed = text.trim();
	if (!trimmed) return { ok: true, area: null };
	if (trimmed.length > MAX_CHARS) return fail('mapAreaTooManyVertices');
	let value: unknown;
	try {
		value = JSON.parse(trimmed);
	} catch {
		return fail('mapGeometryJson');
	}
	if (isObject(value) && value.type === 'Feature') value = value.geometry;
	if (!isObject(value) || value.type !== 'Polygon') return fail('mapAreaPolygon');
	const rings = value.coordinates;
	if (!Array.isArray(rings) || rings.length !== 1 || !Array.isArray(rings[0])) {
		return fail('mapGeometryRing');
	}
	const raw = rings[0] as unknown[];
	if (raw.length > AREA_MAX_VERTICES + 1) return fail('mapAreaTooManyVertices');
	const ring: Position[] = [];
	for (const item of raw) {
		const position = toPosition(item);
		if (!position) return fail('mapGeometryCoordinates');
		ring.push(position);
	}
	return checkRing(ring);
}

function checkRing(ring: Position[]): AreaResult {
	const first = ring[0];
	const last = ring[ring.length - 1];
	const distinct = new Set(ring.map((p) => p.join(','))).size;
	if (ring.length < 4 || !first || !last || first[0] !== last[0] || first[1] !== last[1]) {
		return fail('mapGeometryRing');
	}
	if (distinct < 3) return fail('mapGeometryRing');
	const area: AreaPolygon = { type: 'Polygon', coordinates: [ring] };
	if (kinks(area).features.length > 0) return fail('mapGeometrySelfIntersects');
	return { ok: true, area };
}

/** A finite WGS84 [lon, lat]; an altitude is dropped; 7 decimals (about 1 cm). */
function toPosition(value: unknown): Position | null {
	if (!Array.isArray(value) || value.length < 2 || value.length > 3) return null;
	const [x, y] = value as unknown[];
	if (typeof x !== 'number' || typeof y !== 'number') return null;
	if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90) {
		return null;
	}
	return [Number(x.toFixed(7)), Number(y.toFixed(7))];
}

/** Whether every position of the geometry lies in the area (the boundary counts as inside). */
export function insideArea(geometry: CommentGeometry, area: AreaPolygon): boolean {
	return allPositions(geometry).every((p) => booleanPointInPolygon(p, area));
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
