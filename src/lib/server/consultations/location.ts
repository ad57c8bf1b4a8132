import type { ConsultationLocation } from '../../consultations/types.ts';

/** A message key for the field, or the parsed location (null: no location). */
export type LocationResult =
	{ ok: true; location: ConsultationLocation | null } | { ok: false; error: LocationError };

export type LocationError =
	| 'consLocationFormat'
	| 'consLocationRange'
	| 'consLocationJson'
	| 'consLocationPolygon'
	| 'consLocationRing'
	| 'consLocationTooLarge';

// Enough corners for any outline drawn by hand or exported from a GIS, small enough that a pasted
// file cannot bloat every page that shows the consultation.
const MAX_POSITIONS = 2000;
const MAX_RINGS = 20;

const NUMBER = String.raw`[-+]?\d{1,3}(?:\.\d+)?`;
// "50.7753, 7.3357" (also with a space or semicolon between); and German decimal commas when the
// two numbers are separated by a semicolon: "50,7753; 7,3357".
const POINT = new RegExp(String.raw`^(${NUMBER})\s*[,;\s]\s*(${NUMBER})$`);
const POINT_DE = /^([-+]?\d{1,3}(?:,\d+)?)\s*;\s*([-+]?\d{1,3}(?:,\d+)?)$/;

const inRange = (lat: number, lon: number) =>
	Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;

/**
 * Parses what a planner typed: empty (no location), a point as "lat, lon" in WGS84, or a GeoJSON
 * Polygon (a bare geometry or a Feature holding one). Stored as RFC 7946 GeoJSON: [lon, lat].
 */
export function parseLocation(input: string): LocationResult {
	const text = input.trim();
	if (!text) return { ok: true, location: null };
	if (text.startsWith('{')) return parsePolygon(text);
	const match = POINT.exec(text) ?? POINT_DE.exec(text);
	if (!match) return { ok: false, error: 'consLocationFormat' };
	const lat = Number(match[1]!.replace(',', '.'));
	const lon = Number(match[2]!.replace(',', '.'));
	if (!inRange(lat, lon)) return { ok: false, error: 'consLocationRange' };
	return { ok: true, location: { type: 'Point', coordinates: [lon, lat] } };
}

function parsePolygon(text: string): LocationResult {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { ok: false, error: 'consLocationJson' };
	}
	if (isObject(value) && value.type === 'Feature') value = value.geometry;
	if (!isObject(value) || value.type !== 'Polygon' || !Array.isArray(value.coordinates)) {
		return { ok: false, error: 'consLocationPolygon' };
	}
	const rings = value.coordinates as unknown[];
	if (rings.length === 0 || rings.length > MAX_RINGS)
		return { ok: false, error: 'consLocationRing' };
	const parsed: [number, number][][] = [];
	let count = 0;
	for (const ring of rings) {
		const result = parseRing(ring);
		if (typeof result === 'string') return { ok: false, error: result };
		count += result.length;
		if (count > MAX_POSITIONS) return { ok: false, error: 'consLocationTooLarge' };
		parsed.push(result);
	}
	return { ok: true, location: { type: 'Polygon', coordinates: parsed } };
}

/** A linear ring (RFC 7946 3.1.6): four or more positions, the last equal to the first. */
function parseRing(ring: unknown): [number, number][] | LocationError {
	if (!Array.isArray(ring) || ring.length < 4) return 'consLocationRing';
	const positions: [number, number][] = [];
	for (const position of ring) {
		if (!Array.isArray(position) || position.length < 2 || position.length > 3) {
			return 'consLocationPolygon';
		}
		const [lon, lat] = position as unknown[];
		if (typeof lon !== 'number' || typeof lat !== 'number') return 'consLocationPolygon';
		if (!inRange(lat, lon)) return 'consLocationRange';
		positions.push([lon, lat]);
	}
	const first = positions[0]!;
	const last = positions[positions.length - 1]!;
	if (first[0] !== last[0] || first[1] !== last[1]) return 'consLocationRing';
	return positions;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Back into the form field: "lat, lon" for a point, the GeoJSON for an area. */
export function formatLocationInput(location: ConsultationLocation | null): string {
	if (!location) return '';
	if (location.type === 'Point') return `${location.coordinates[1]}, ${location.coordinates[0]}`;
	return JSON.stringify(location);
}
