import type { Db } from '../db/index.ts';
import type { CommentGeometry, CommentStatus, GeometryType } from '../../mapcomments/types.ts';
import type { Marker } from '../../mapcomments/markers.ts';
import { filtered, type CommentQuery } from './comments.repository.ts';

// What the map draws: every marker of a view (clustered in the browser), and the shapes of the
// few lines and areas that are shown unclustered.

/** Markers of the view, newest first; only the columns a marker needs. */
export async function listMarkers(db: Db, q: CommentQuery): Promise<Marker[]> {
	const rows = await filtered(db, q)
		.select(['id', 'anchor_x', 'anchor_y', 'category_id', 'status', 'geometry_type'])
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		anchor: [r.anchor_x, r.anchor_y],
		categoryId: r.category_id,
		status: r.status as CommentStatus,
		geometryType: r.geometry_type as GeometryType
	}));
}

/** Geometries of visible comments of one view, by id; hidden ones are left out. */
export async function findGeometries(
	db: Db,
	q: Pick<CommentQuery, 'stageId' | 'planId'>,
	ids: string[]
): Promise<Record<string, CommentGeometry>> {
	if (ids.length === 0) return {};
	const rows = await filtered(db, { ...q, bbox: null })
		.select(['id', 'geometry'])
		.where('id', 'in', ids)
		.execute();
	return Object.fromEntries(rows.map((r) => [r.id, r.geometry as CommentGeometry]));
}
