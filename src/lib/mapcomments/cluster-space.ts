import Supercluster from 'supercluster';
import type { Marker } from './markers.ts';
import type { BBox, Position } from './types.ts';

// supercluster clusters lon/lat on Web Mercator tiles. The map view hands it lon/lat as they are.
// A plan without geo reference is in pixels (CRS.Simple, where zoom z shows 2^z screen pixels
// per plan pixel); it is placed into the Mercator square so that screen distances, and so the
// clusters, come out the same: plan pixel p sits at p / PLAN_WORLD of the world, and the world
// is 256 · 2^Z screen pixels wide at supercluster zoom Z, hence Z = z + log2(PLAN_WORLD / 256).

/** Plans up to this many pixels wide or high fit the world. */
const PLAN_WORLD = 65_536;
const PLAN_ZOOM_OFFSET = Math.log2(PLAN_WORLD / 256);

export function toClusterLngLat([x, y]: Position, plan: boolean): Position {
	if (!plan) return [x, y];
	const fx = x / PLAN_WORLD;
	const fy = y / PLAN_WORLD;
	const lat = (Math.atan(Math.sinh(Math.PI * (1 - 2 * fy))) * 180) / Math.PI;
	return [fx * 360 - 180, lat];
}

export function fromClusterLngLat([lng, lat]: Position, plan: boolean): Position {
	if (!plan) return [lng, lat];
	const sin = Math.sin((lat * Math.PI) / 180);
	const fy = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
	return [((lng + 180) / 360) * PLAN_WORLD, fy * PLAN_WORLD];
}

/** supercluster's zoom for a Leaflet zoom of the view (whole numbers; supercluster floors). */
export function clusterZoom(leafletZoom: number, plan: boolean): number {
	return Math.max(0, Math.round(leafletZoom + (plan ? PLAN_ZOOM_OFFSET : 0)));
}

/** The box supercluster wants (west, south, east, north) for a view box (minX, minY, maxX, maxY). */
export function clusterBBox(b: BBox, plan: boolean): BBox {
	if (!plan)
		return [
			clamp(b[0], -180, 180),
			clamp(b[1], -85, 85),
			clamp(b[2], -180, 180),
			clamp(b[3], -85, 85)
		];
	// Outside the square supercluster would wrap around the world; a plan never reaches it.
	b = [
		clamp(b[0], 0, PLAN_WORLD),
		clamp(b[1], 0, PLAN_WORLD - 1),
		clamp(b[2], 0, PLAN_WORLD),
		clamp(b[3], 0, PLAN_WORLD - 1)
	];
	// Pixel y grows downwards, latitude upwards: the box's top edge (minY) is its north.
	const [west, north] = toClusterLngLat([b[0], b[1]], true);
	const [east, south] = toClusterLngLat([b[2], b[3]], true);
	return [west, south, east, north];
}

function clamp(v: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, v));
}

/** Each point carries the index of its marker in the view's marker list. */
export type ClusterIndex = Supercluster<{ i: number }, Supercluster.AnyProps>;

/** The cluster index of a view's markers; at the highest zooms every marker stands alone. */
export function buildIndex(markers: Marker[], plan: boolean): ClusterIndex {
	const index: ClusterIndex = new Supercluster({ radius: 56, maxZoom: plan ? 10 : 18 });
	index.load(
		markers.map((mk, i) => ({
			type: 'Feature' as const,
			properties: { i },
			geometry: { type: 'Point' as const, coordinates: toClusterLngLat(mk.anchor, plan) }
		}))
	);
	return index;
}
