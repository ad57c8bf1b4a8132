import { format, type Messages } from '../i18n/index.ts';
import type { CommentGeometry } from './types.ts';

/**
 * A comment's place in words, for everyone who cannot see the map: the kind of shape, its size
 * in points, and where it lies (the map with coordinates for a point, or which plan drawing).
 */
export function describeGeometry(
	geometry: CommentGeometry,
	planTitle: string | null,
	m: Messages
): string {
	const where = planTitle ? format(m.mmOnPlan, { plan: planTitle }) : m.mmOnMap;
	if (geometry.type === 'Point') {
		const [x, y] = geometry.coordinates;
		const at = planTitle
			? format(m.mmPointOnPlan, { x: Math.round(x), y: Math.round(y) })
			: format(m.mmPointAt, { lat: y.toFixed(5), lon: x.toFixed(5) });
		return `${m.mmPoint} ${at} ${where}`;
	}
	if (geometry.type === 'LineString') {
		return `${format(m.mmLine, { count: geometry.coordinates.length })} ${where}`;
	}
	// The closing position of a ring repeats the first; it is not a corner of its own.
	const corners = (geometry.coordinates[0]?.length ?? 1) - 1;
	return `${format(m.mmArea, { count: corners })} ${where}`;
}
