// Comments for `npm run bench:map`: a realistic spread over the Marktplatz test area (a few hot
// spots where people argue about the same corner, plus uniform noise), 70 % points, 20 % lines,
// 10 % areas, each one checked by checkGeometry as a submitted comment would be. Deterministic:
// the same seed gives the same comments, so runs are comparable.
import type { Insertable } from 'kysely';
import type { Db } from '../src/lib/server/db/index.ts';
import type { MapCommentsTable } from '../src/lib/server/db/schema-mapcomments.ts';
import { checkGeometry, type GeometryFrame } from '../src/lib/server/mapcomments/geometry.ts';
import type { AreaPolygon, BBox, Position } from '../src/lib/mapcomments/types.ts';

const BATCH = 1000;
const DAY_MS = 86_400_000;
// Metres to degrees near 50.77° N.
const M_LAT = 1 / 111_200;
const M_LON = 1 / 70_300;

/** mulberry32: small, fast and good enough to scatter comments. */
export function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function gaussian(rnd: () => number): number {
	return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

export function areaBox(area: AreaPolygon): BBox {
	const ring = area.coordinates[0]!;
	const xs = ring.map((p) => p[0]);
	const ys = ring.map((p) => p[1]);
	return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Hot spots as fractions of the area box, with their spread in metres and share of comments. */
export const HOT_SPOTS = [
	{ at: [0.35, 0.4], sigma: 40, share: 0.25 },
	{ at: [0.7, 0.65], sigma: 60, share: 0.2 },
	{ at: [0.2, 0.8], sigma: 30, share: 0.1 },
	{ at: [0.6, 0.15], sigma: 50, share: 0.1 }
] as const;

function centre(box: BBox, rnd: () => number): Position {
	const [minX, minY, maxX, maxY] = box;
	let pick = rnd();
	for (const spot of HOT_SPOTS) {
		pick -= spot.share;
		if (pick < 0) {
			const x = minX + spot.at[0] * (maxX - minX) + gaussian(rnd) * spot.sigma * M_LON;
			const y = minY + spot.at[1] * (maxY - minY) + gaussian(rnd) * spot.sigma * M_LAT;
			return [x, y];
		}
	}
	return [minX + rnd() * (maxX - minX), minY + rnd() * (maxY - minY)];
}

function shape(c: Position, rnd: () => number): unknown {
	const kind = rnd();
	if (kind < 0.7) return { type: 'Point', coordinates: c };
	if (kind < 0.9) {
		// A street or path: 2 to 6 vertices, 10 to 40 m apart.
		const line: Position[] = [c];
		let heading = rnd() * 2 * Math.PI;
		for (let i = 1 + Math.floor(rnd() * 5); i > 0; i--) {
			heading += (rnd() - 0.5) * 1.2;
			const step = 10 + rnd() * 30;
			const last = line[line.length - 1]!;
			line.push([
				last[0] + Math.cos(heading) * step * M_LON,
				last[1] + Math.sin(heading) * step * M_LAT
			]);
		}
		return { type: 'LineString', coordinates: line };
	}
	// A square, a bed, a car park: a convex polygon of 4 to 8 corners, 8 to 40 m across.
	const corners = 4 + Math.floor(rnd() * 5);
	const radius = 4 + rnd() * 16;
	const ring: Position[] = [];
	for (let i = 0; i < corners; i++) {
		const angle = (i / corners) * 2 * Math.PI;
		ring.push([c[0] + Math.cos(angle) * radius * M_LON, c[1] + Math.sin(angle) * radius * M_LAT]);
	}
	ring.push(ring[0]!);
	return { type: 'Polygon', coordinates: [ring] };
}

const TITLES = [
	'Zebrastreifen fehlt',
	'Mehr Bänke im Schatten',
	'Fahrradständer',
	'Baum erhalten',
	'Parken auf dem Gehweg',
	'Brunnen wieder in Betrieb nehmen',
	'Beleuchtung zu dunkel',
	'Barrierefreier Zugang'
];

/** Inserts `n` checked comments into the stage; returns how many of each geometry type. */
export async function insertBenchComments(
	db: Db,
	stage: { stageId: string; categoryIds: string[]; area: AreaPolygon },
	n: number,
	seed = 5
): Promise<Record<string, number>> {
	const rnd = random(seed);
	const box = areaBox(stage.area);
	const frame: GeometryFrame = { kind: 'geo', area: stage.area };
	const types: Record<string, number> = { Point: 0, LineString: 0, Polygon: 0 };
	const now = Date.now();
	let rows: Insertable<MapCommentsTable>[] = [];
	for (let made = 0; made < n;) {
		// Shapes that leave the area are refused, as they would be for a resident; draw again.
		const checked = checkGeometry(shape(centre(box, rnd), rnd), frame, [
			'Point',
			'LineString',
			'Polygon'
		]);
		if (!checked.ok) continue;
		const { geometry, bbox, anchor } = checked.value;
		types[geometry.type]!++;
		const title = TITLES[made % TITLES.length]!;
		rows.push({
			stage_id: stage.stageId,
			plan_id: null,
			category_id: stage.categoryIds[Math.floor(rnd() * stage.categoryIds.length)]!,
			author_id: null,
			title,
			body: `${title}: Hinweis Nr. ${made + 1}. Hier sollte sich etwas ändern, weil es für Fußgängerinnen, Radfahrer und Kinder auf dem Weg zur Schule schwierig ist.`,
			geometry: JSON.stringify(geometry),
			geometry_type: geometry.type,
			min_x: bbox[0],
			min_y: bbox[1],
			max_x: bbox[2],
			max_y: bbox[3],
			anchor_x: anchor[0],
			anchor_y: anchor[1],
			status: rnd() < 0.85 ? 'new' : rnd() < 0.5 ? 'in_review' : 'accepted',
			support_count: Math.floor(rnd() ** 3 * 40),
			// About 1 % hidden by moderators: the public query must leave them out.
			...(rnd() < 0.01 ? { hidden_at: new Date(now), hidden_kind: 'moderator' as const } : {}),
			created_at: new Date(now - rnd() * 42 * DAY_MS),
			updated_at: new Date(now)
		});
		made++;
		if (rows.length === BATCH || made === n) {
			await db.insertInto('map_comments').values(rows).execute();
			rows = [];
		}
	}
	return types;
}
