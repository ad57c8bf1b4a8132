import type * as Leaflet from 'leaflet';
import type { Drawing } from './drawing.ts';
import { pixelToLatLng, planLatLngBounds, toLatLng } from './plan-coords.ts';
import type { AreaPolygon, CommentGeometry, MapPlan, MapStage } from './types.ts';

// Building blocks of the Leaflet map that need no component state. Leaflet is passed in, since
// it is imported only in the browser (it touches `window` when loaded).

type L = typeof Leaflet;

/** Where a plan file is served; fileAudience decides who may fetch it. */
export const planUrl = (plan: MapPlan) => `/dateien/${plan.fileId}`;

/** Tiles always come through our origin; the server proxies the operator's tile server. */
export const TILE_URL = '/karten/kacheln/{z}/{x}/{y}';

/** The area of interest drawn as an outline, with everything outside it dimmed. */
export function areaLayers(L: L, area: AreaPolygon): Leaflet.Layer[] {
	const ring = area.coordinates[0]!.map(([x, y]) => L.latLng(y, x));
	const world = [L.latLng(-85, -180), L.latLng(85, -180), L.latLng(85, 180), L.latLng(-85, 180)];
	return [
		L.polygon([world, ring], {
			stroke: false,
			fillColor: '#1a1a1a',
			fillOpacity: 0.28,
			interactive: false
		}),
		L.polygon(ring, {
			color: '#1a1a1a',
			weight: 3,
			dashArray: '8 6',
			fill: false,
			interactive: false
		})
	];
}

/** The bounds the map view first shows: the area, else the placed plans, else null. */
export function initialGeoBounds(L: L, stage: MapStage): Leaflet.LatLngBounds | null {
	if (stage.areaOfInterest) {
		return L.latLngBounds(stage.areaOfInterest.coordinates[0]!.map(([x, y]) => L.latLng(y, x)));
	}
	let bounds: Leaflet.LatLngBounds | null = null;
	for (const p of stage.plans) {
		if (!p.bounds) continue;
		const b = L.latLngBounds([p.bounds.south, p.bounds.west], [p.bounds.north, p.bounds.east]);
		bounds = bounds ? bounds.extend(b) : b;
	}
	return bounds;
}

/** A plan drawing placed on the map between its corners. */
export function georeferencedPlan(L: L, plan: MapPlan): Leaflet.ImageOverlay | null {
	if (!plan.bounds) return null;
	const { south, west, north, east } = plan.bounds;
	return L.imageOverlay(
		planUrl(plan),
		[
			[south, west],
			[north, east]
		],
		{ alt: plan.title, opacity: 0.9 }
	);
}

/** A plan drawing as its own view, top-left at 0,0 (CRS.Simple). */
export function pixelPlan(L: L, plan: MapPlan): Leaflet.ImageOverlay {
	return L.imageOverlay(planUrl(plan), planLatLngBounds(plan.width, plan.height), {
		alt: plan.title
	});
}

/** A comment's line or area as a shape, in the view's coordinates. */
export function shapeLayer(
	L: L,
	g: CommentGeometry,
	plan: boolean,
	style: Leaflet.PathOptions
): Leaflet.Path | null {
	const ll = ([x, y]: [number, number]) =>
		plan ? pixelToLatLng([x, y]) : ([y, x] as [number, number]);
	if (g.type === 'LineString') return L.polyline(g.coordinates.map(ll), style);
	if (g.type === 'Polygon')
		return L.polygon(g.coordinates[0]!.map(ll), { fillOpacity: 0.2, ...style });
	return null;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A comment's marker: the category's colour, and a shape per geometry type so colour is not
 * alone; with `mark`, also the category's number on top (the analysis map, where categories are
 * compared and red and green may sit side by side).
 */
export function markerIcon(
	L: L,
	color: string,
	type: string,
	selected: boolean,
	mark?: string
): Leaflet.DivIcon {
	const size = selected ? 30 : 22;
	const label = mark ? `<span class="mv-mark" aria-hidden="true">${escape(mark)}</span>` : '';
	return L.divIcon({
		className: `mv-marker mv-${type.toLowerCase()}${selected ? ' mv-selected' : ''}`,
		html: `<span class="mv-dot" style="background:${escape(color)}"></span>${label}`,
		iconSize: [size, size]
	});
}

export function clusterIcon(L: L, count: number): Leaflet.DivIcon {
	const size = count < 10 ? 32 : count < 100 ? 38 : count < 1000 ? 44 : 52;
	return L.divIcon({
		className: 'mv-cluster',
		html: `<span aria-hidden="true">${count}</span>`,
		iconSize: [size, size]
	});
}

/** Redraws the drawing in progress: dashed while open, solid once finished. */
export function drawPreview(
	L: L,
	layer: Leaflet.LayerGroup,
	drawing: Drawing | null,
	plan: boolean
): void {
	layer.clearLayers();
	if (!drawing || drawing.vertices.length === 0) return;
	const pts = drawing.vertices.map((p) => toLatLng(p, plan));
	const style = {
		color: '#1a1a1a',
		weight: 3,
		interactive: false,
		dashArray: drawing.done ? undefined : '6 4'
	};
	if (drawing.type === 'Polygon' && (drawing.done || pts.length >= 3)) {
		L.polygon(pts, { ...style, fillColor: '#ffd400', fillOpacity: 0.35 }).addTo(layer);
	} else if (drawing.type !== 'Point' && pts.length > 1) {
		L.polyline(pts, style).addTo(layer);
	}
	for (const p of pts) {
		L.circleMarker(p, {
			...style,
			dashArray: undefined,
			radius: drawing.type === 'Point' ? 9 : 6,
			fillColor: '#ffd400',
			fillOpacity: 1
		}).addTo(layer);
	}
}
