import type { Position } from './types.ts';

// A plan without geo reference is shown with Leaflet's CRS.Simple, where lat grows upwards.
// Our data keeps image pixels with y downwards and the top-left corner at 0,0 (as the drawing
// file and every image tool counts), so the two differ in the sign of y.

/** [lat, lng] for Leaflet from a plan pixel [x, y]. */
export function pixelToLatLng([x, y]: Position): [number, number] {
	return [-y, x];
}

/** Plan pixel [x, y] from a Leaflet [lat, lng] in CRS.Simple. */
export function latLngToPixel(lat: number, lng: number): Position {
	// `+ 0` turns -0 into 0, so a corner at the top edge reads as 0 and not as -0.
	return [lng + 0, -lat + 0];
}

/** Leaflet bounds [[south, west], [north, east]] of a width × height plan. */
export function planLatLngBounds(
	width: number,
	height: number
): [[number, number], [number, number]] {
	return [
		[-height, 0],
		[0, width]
	];
}

/** [lat, lng] for Leaflet from a view position: [lon, lat] on the map, pixels on a plan. */
export function toLatLng(p: Position, plan: boolean): [number, number] {
	return plan ? pixelToLatLng(p) : [p[1], p[0]];
}

/** The view position of a Leaflet [lat, lng]: [lon, lat] on the map, pixels on a plan. */
export function fromLatLng(lat: number, lng: number, plan: boolean): Position {
	return plan ? latLngToPixel(lat, lng) : [lng, lat];
}

/** A box in view coordinates (minX, minY, maxX, maxY) from Leaflet's south-west/north-east. */
export function boundsToBBox(
	south: number,
	west: number,
	north: number,
	east: number,
	plan: boolean
): [number, number, number, number] {
	// On a plan, "north" (larger lat) is the smaller pixel y.
	return plan ? [west, -north + 0, east, -south + 0] : [west, south, east, north];
}
