import { COMMENT_LIMITS, type CommentGeometry, type GeometryType, type Position } from './types.ts';

// What the resident is drawing, as a plain value: the map (mouse) and the crosshair (keyboard)
// send the same events, so both paths behave identically and are tested once, here.

export interface Drawing {
	type: GeometryType;
	vertices: Position[];
	/** Whether the shape is complete: a point once set, a line or an area after "abschließen". */
	done: boolean;
}

/** What happened, for the live region; the page turns it into words. */
export type DrawingEvent =
	| { kind: 'pointSet' }
	| { kind: 'vertexAdded'; count: number }
	| { kind: 'vertexRemoved'; count: number }
	| { kind: 'finished'; count: number }
	| { kind: 'needMore'; min: number }
	| { kind: 'tooMany' }
	| { kind: 'cancelled' };

export function startDrawing(type: GeometryType): Drawing {
	return { type, vertices: [], done: false };
}

/** The fewest vertices that make the type: a line needs two, an area three. */
export function minVertices(type: GeometryType): number {
	return type === 'Point' ? 1 : type === 'LineString' ? 2 : 3;
}

/** Adds a vertex (a point replaces the previous one; a finished shape starts again). */
export function addVertex(d: Drawing, p: Position): [Drawing, DrawingEvent] {
	if (d.type === 'Point') return [{ ...d, vertices: [p], done: true }, { kind: 'pointSet' }];
	const base = d.done ? [] : d.vertices;
	// An area's ring repeats its first vertex, so it holds one less than the limit.
	if (base.length >= COMMENT_LIMITS.vertices - 1) return [d, { kind: 'tooMany' }];
	const last = base.at(-1);
	if (last && last[0] === p[0] && last[1] === p[1]) {
		// A double click lands twice on one spot; the second is not a new corner.
		return [
			{ ...d, vertices: base, done: false },
			{ kind: 'vertexAdded', count: base.length }
		];
	}
	const vertices = [...base, p];
	return [
		{ ...d, vertices, done: false },
		{ kind: 'vertexAdded', count: vertices.length }
	];
}

export function undoVertex(d: Drawing): [Drawing, DrawingEvent] {
	const vertices = d.vertices.slice(0, -1);
	return [
		{ ...d, vertices, done: false },
		{ kind: 'vertexRemoved', count: vertices.length }
	];
}

export function finishDrawing(d: Drawing): [Drawing, DrawingEvent] {
	const min = minVertices(d.type);
	if (d.vertices.length < min) return [d, { kind: 'needMore', min }];
	return [
		{ ...d, done: true },
		{ kind: 'finished', count: d.vertices.length }
	];
}

export function cancelDrawing(d: Drawing): [Drawing, DrawingEvent] {
	return [{ ...d, vertices: [], done: false }, { kind: 'cancelled' }];
}

/** The GeoJSON geometry of a finished drawing; null while it is incomplete. */
export function drawingGeometry(d: Drawing): CommentGeometry | null {
	if (!d.done || d.vertices.length < minVertices(d.type)) return null;
	const round = (p: Position): Position => [round7(p[0]), round7(p[1])];
	const vs = d.vertices.map(round);
	if (d.type === 'Point') return { type: 'Point', coordinates: vs[0]! };
	if (d.type === 'LineString') return { type: 'LineString', coordinates: vs };
	return { type: 'Polygon', coordinates: [[...vs, vs[0]!]] };
}

// Seven decimals of a degree are about a centimetre: more would only be noise in the database.
function round7(v: number): number {
	return Math.round(v * 1e7) / 1e7;
}
