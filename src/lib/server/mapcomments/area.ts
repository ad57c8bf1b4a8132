import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { AreaPolygon, CommentGeometry } from '../../mapcomments/types.ts';
import { allPositions, isObject, ringError, toPositions } from './geometry.ts';

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
	const ring = toPositions(rings[0], { kind: 'geo', area: null }, AREA_MAX_VERTICES + 1);
	if (ring === 'mapGeometryTooManyVertices') return fail('mapAreaTooManyVertices');
	if (typeof ring === 'string') return fail('mapGeometryCoordinates');
	const error = ringError(ring);
	return error ? fail(error) : { ok: true, area: { type: 'Polygon', coordinates: [ring] } };
}

/** Whether every position of the geometry lies in the area (the boundary counts as inside). */
export function insideArea(geometry: CommentGeometry, area: AreaPolygon): boolean {
	return allPositions(geometry).every((p) => booleanPointInPolygon(p, area));
}
