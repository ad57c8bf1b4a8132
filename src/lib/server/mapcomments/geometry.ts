import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import kinks from '@turf/kinks';
import lineIntersect from '@turf/line-intersect';
import {
	COMMENT_LIMITS,
	type AreaPolygon,
	type BBox,
	type CommentGeometry,
	type GeometryType,
	type Position
} from '../../mapcomments/types.ts';

/**
 * Where a geometry may go: the map (WGS84, optionally limited to the stage's area of interest)
 * or a plan drawing without geo reference (its pixels, y downwards).
 */
export type GeometryFrame =
	{ kind: 'geo'; area: AreaPolygon | null } | { kind: 'plan'; width: number; height: number };

export type GeometryError =
	| 'mapGeometryMissing'
	| 'mapGeometryJson'
	| 'mapGeometryType'
	| 'mapGeometryNotAllowed'
	| 'mapGeometryCoordinates'
	| 'mapGeometryTooManyVertices'
	| 'mapGeometryLineShort'
	| 'mapGeometryRing'
	| 'mapGeometrySelfIntersects'
	| 'mapGeometryOutsideArea'
	| 'mapGeometryOutsidePlan';

export interface CheckedGeometry {
	geometry: CommentGeometry;
	bbox: BBox;
	/** Where the marker sits: the point, the middle of the line, a point inside the area. */
	anchor: Position;
}

// A drawn shape is a few hundred bytes; 64 KiB leaves room for the vertex limit with any number
// formatting and refuses a pasted file before JSON.parse spends time on it.
const MAX_JSON_CHARS = 64 * 1024;

/** Parses the geometry a form sent as GeoJSON text (a bare geometry or a Feature). */
export function parseGeometryText(text: string): { ok: true; value: unknown } | GeometryFail {
	const trimmed = text.trim();
	if (!trimmed) return fail('mapGeometryMissing');
	if (trimmed.length > MAX_JSON_CHARS) return fail('mapGeometryTooManyVertices');
	try {
		return { ok: true, value: JSON.parse(trimmed) };
	} catch {
		return fail('mapGeometryJson');
	}
}

type GeometryFail = { ok: false; error: GeometryError };
const fail = (error: GeometryError): GeometryFail => ({ ok: false, error });

/**
 * Checks a comment's geometry against the allowed types and the frame. Everything a browser could
 * send is refused here with a reason: unknown types, NaN or huge numbers, open rings, holes, too
 * many vertices, self-intersecting areas, shapes outside the area of interest or the plan.
 */
export function checkGeometry(
	input: unknown,
	frame: GeometryFrame,
	allowed: readonly GeometryType[]
): { ok: true; value: CheckedGeometry } | GeometryFail {
	if (isObject(input) && input.type === 'Feature') input = input.geometry;
	if (!isObject(input) || typeof input.type !== 'string') return fail('mapGeometryType');
	const type = input.type;
	if (type !== 'Point' && type !== 'LineString' && type !== 'Polygon') {
		return fail('mapGeometryType');
	}
	if (!allowed.includes(type)) return fail('mapGeometryNotAllowed');
	const shaped = shape(type, input.coordinates, frame);
	if (!shaped.ok) return shaped;
	const geometry = shaped.value;
	const inside = insideFrame(geometry, frame);
	if (inside) return fail(inside);
	const decimals = frame.kind === 'geo' ? 7 : 2;
	const [ax, ay] = anchorOf(geometry);
	const anchor: Position = [round(ax, decimals), round(ay, decimals)];
	return { ok: true, value: { geometry, bbox: bboxOf(geometry), anchor } };
}

function shape(
	type: GeometryType,
	coordinates: unknown,
	frame: GeometryFrame
): { ok: true; value: CommentGeometry } | GeometryFail {
	if (type === 'Point') {
		const position = toPosition(coordinates, frame);
		return position
			? { ok: true, value: { type, coordinates: position } }
			: fail('mapGeometryCoordinates');
	}
	if (type === 'LineString') {
		const line = toPositions(coordinates, frame);
		if (typeof line === 'string') return fail(line);
		if (distinct(line) < 2) return fail('mapGeometryLineShort');
		return { ok: true, value: { type, coordinates: line } };
	}
	// Areas have one outer ring; holes are refused (nobody draws them by hand, and they make the
	// "inside the area of interest" check and the exports harder to trust).
	if (!Array.isArray(coordinates) || coordinates.length !== 1) return fail('mapGeometryRing');
	const ring = toPositions(coordinates[0], frame);
	if (typeof ring === 'string') return fail(ring);
	const error = ringError(ring);
	if (error) return fail(error);
	if (ringArea(ring) === 0) return fail('mapGeometryRing');
	return { ok: true, value: { type, coordinates: [ring] } };
}

/**
 * A linear ring (RFC 7946 3.1.6) that can bound an area: four or more positions, the last equal
 * to the first, at least three distinct corners, edges that do not cross.
 */
export function ringError(
	ring: Position[]
): 'mapGeometryRing' | 'mapGeometrySelfIntersects' | null {
	if (ring.length < 4 || !samePosition(ring[0]!, ring[ring.length - 1]!) || distinct(ring) < 3) {
		return 'mapGeometryRing';
	}
	const polygon = { type: 'Polygon' as const, coordinates: [ring] };
	return kinks(polygon).features.length > 0 ? 'mapGeometrySelfIntersects' : null;
}

/** Checked, rounded positions; `maxPositions` bounds what one shape may carry. */
export function toPositions(
	value: unknown,
	frame: GeometryFrame,
	maxPositions: number = COMMENT_LIMITS.vertices
): Position[] | GeometryError {
	if (!Array.isArray(value)) return 'mapGeometryCoordinates';
	if (value.length > maxPositions) return 'mapGeometryTooManyVertices';
	const positions: Position[] = [];
	for (const item of value) {
		const position = toPosition(item, frame);
		if (!position) return 'mapGeometryCoordinates';
		positions.push(position);
	}
	return positions;
}

/**
 * A finite [x, y] (an altitude is dropped). Rounded: 7 decimals of a degree are about 1 cm, two
 * decimals of a pixel are more than a drawing shows; rounding also keeps stored JSON short.
 */
function toPosition(value: unknown, frame: GeometryFrame): Position | null {
	if (!Array.isArray(value) || value.length < 2 || value.length > 3) return null;
	const [x, y] = value as unknown[];
	if (typeof x !== 'number' || typeof y !== 'number') return null;
	if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
	if (frame.kind === 'geo') {
		if (Math.abs(x) > 180 || Math.abs(y) > 90) return null;
		return [round(x, 7), round(y, 7)];
	}
	if (Math.abs(x) > 1e6 || Math.abs(y) > 1e6) return null;
	return [round(x, 2), round(y, 2)];
}

function insideFrame(geometry: CommentGeometry, frame: GeometryFrame): GeometryError | null {
	const positions = allPositions(geometry);
	if (frame.kind === 'plan') {
		const inPlan = ([x, y]: Position) => x >= 0 && y >= 0 && x <= frame.width && y <= frame.height;
		// The plan is a rectangle, so a shape whose corners are inside lies inside.
		return positions.every(inPlan) ? null : 'mapGeometryOutsidePlan';
	}
	const area = frame.area;
	if (!area) return null;
	if (!positions.every((p) => booleanPointInPolygon(p, area))) return 'mapGeometryOutsideArea';
	// Corners inside a concave area do not make the edges inside: an edge may cut across a bay.
	if (geometry.type !== 'Point' && lineIntersect(geometry, area).features.length > 0) {
		return 'mapGeometryOutsideArea';
	}
	return null;
}

export function allPositions(geometry: CommentGeometry): Position[] {
	if (geometry.type === 'Point') return [geometry.coordinates];
	if (geometry.type === 'LineString') return geometry.coordinates;
	return geometry.coordinates.flat();
}

export function bboxOf(geometry: CommentGeometry): BBox {
	const positions = allPositions(geometry);
	const xs = positions.map((p) => p[0]);
	const ys = positions.map((p) => p[1]);
	return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function anchorOf(geometry: CommentGeometry): Position {
	if (geometry.type === 'Point') return geometry.coordinates;
	if (geometry.type === 'LineString') return alongLine(geometry.coordinates, 0.5);
	const ring = geometry.coordinates[0]!;
	const centre = centroid(ring);
	if (booleanPointInPolygon(centre, geometry)) return centre;
	// A concave area (an L or a U) can have its centroid outside: use the middle of the longest
	// horizontal chord through the centroid's height, which lies inside.
	return chordMiddle(ring, centre[1]) ?? ring[0]!;
}

/** The point at `fraction` of the line's length (planar; fine for a marker position). */
function alongLine(line: Position[], fraction: number): Position {
	const lengths = line.slice(1).map((p, i) => Math.hypot(p[0] - line[i]![0], p[1] - line[i]![1]));
	let remaining = lengths.reduce((a, b) => a + b, 0) * fraction;
	for (let i = 0; i < lengths.length; i++) {
		const segment = lengths[i]!;
		if (remaining <= segment && segment > 0) {
			const t = remaining / segment;
			const [a, b] = [line[i]!, line[i + 1]!];
			return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
		}
		remaining -= segment;
	}
	return line[line.length - 1]!;
}

function centroid(ring: Position[]): Position {
	let area = 0;
	let cx = 0;
	let cy = 0;
	for (let i = 0; i < ring.length - 1; i++) {
		const [x0, y0] = ring[i]!;
		const [x1, y1] = ring[i + 1]!;
		const cross = x0 * y1 - x1 * y0;
		area += cross;
		cx += (x0 + x1) * cross;
		cy += (y0 + y1) * cross;
	}
	return [cx / (3 * area), cy / (3 * area)];
}

function chordMiddle(ring: Position[], y: number): Position | null {
	const xs: number[] = [];
	for (let i = 0; i < ring.length - 1; i++) {
		const [x0, y0] = ring[i]!;
		const [x1, y1] = ring[i + 1]!;
		if ((y0 <= y && y < y1) || (y1 <= y && y < y0))
			xs.push(x0 + ((y - y0) / (y1 - y0)) * (x1 - x0));
	}
	xs.sort((a, b) => a - b);
	let best: Position | null = null;
	let widest = 0;
	for (let i = 0; i + 1 < xs.length; i += 2) {
		const width = xs[i + 1]! - xs[i]!;
		if (width > widest) [widest, best] = [width, [(xs[i]! + xs[i + 1]!) / 2, y]];
	}
	return best;
}

function ringArea(ring: Position[]): number {
	let sum = 0;
	for (let i = 0; i < ring.length - 1; i++) {
		sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
	}
	return Math.abs(sum / 2);
}

const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];
const distinct = (positions: Position[]) => new Set(positions.map((p) => `${p[0]},${p[1]}`)).size;
const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
