import type { CommentStatus, GeometryType, Position } from './types.ts';
import { COMMENT_STATUSES, GEOMETRY_TYPES } from './types.ts';

// Markers travel as compact arrays: 10,000 of them as objects with key names would be several
// times the bytes and the parse time of these tuples.

/** [id, x, y, category index, status index, geometry type index] */
export type MarkerTuple = [string, number, number, number, number, number];

export interface Marker {
	id: string;
	anchor: Position;
	categoryId: string;
	status: CommentStatus;
	geometryType: GeometryType;
}

export function encodeMarker(m: Marker, categoryIds: readonly string[]): MarkerTuple {
	return [
		m.id,
		m.anchor[0],
		m.anchor[1],
		categoryIds.indexOf(m.categoryId),
		COMMENT_STATUSES.indexOf(m.status),
		GEOMETRY_TYPES.indexOf(m.geometryType)
	];
}

export function decodeMarker(t: MarkerTuple, categoryIds: readonly string[]): Marker {
	return {
		id: t[0],
		anchor: [t[1], t[2]],
		categoryId: categoryIds[t[3]] ?? '',
		status: COMMENT_STATUSES[t[4]] ?? 'new',
		geometryType: GEOMETRY_TYPES[t[5]] ?? 'Point'
	};
}
