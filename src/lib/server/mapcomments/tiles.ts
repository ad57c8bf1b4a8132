import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { Logger } from '../log.ts';
import type { BBox } from '../../mapcomments/types.ts';
import {
	fetchUpstreamTile,
	sniffImage,
	UpstreamError,
	type TileType,
	type UpstreamLimits
} from './tile-fetch.ts';
import { bboxOf } from './geometry.ts';
import { baseMapAreas } from './tiles.repository.ts';

// The base-map tile proxy behind /karten/kacheln/{z}/{x}/{y}. Residents' browsers never contact
// the tile server (GDPR: no third-party requests from our pages, DESIGN.md); this server fetches
// each tile once, keeps it on disk and serves it from our origin. Tile servers' usage policies
// (e.g. OpenStreetMap's) ask for caching, an identifying User-Agent and few parallel requests,
// and they block clients that fetch too much, so upstream fetches are collapsed, capped in
// parallel and limited per visitor address.

export interface TileProxyOptions {
	/** XYZ template with {z}, {x}, {y} (MAP_TILE_URL). */
	template: string;
	maxZoom: number;
	/** Tiles are kept at cacheDir/z/x/y. */
	cacheDir: string;
	userAgent: string;
	timeoutMs?: number;
	maxBytes?: number;
	/** Longest a cached tile counts as fresh; a smaller upstream max-age wins. */
	maxAgeMs?: number;
	/** Upstream fetches (cache misses) one client address may cause per minute. */
	fetchesPerMinute?: number;
	/** Upstream fetches running at once, for all visitors together. */
	maxParallel?: number;
	log?: Logger;
	/**
	 * Where tiles may be fetched: boxes [minLon, minLat, maxLon, maxLat] (null: anywhere). Without
	 * it anyone could walk the whole world through us, filling the disk and the provider's quota.
	 */
	extents?: () => Promise<BBox[] | null>;
}

export interface TileCoords {
	z: number;
	x: number;
	y: number;
}

export type TileAnswer =
	| { kind: 'tile'; bytes: Buffer; type: TileType; etag: string; stale: boolean }
	| { kind: 'error'; status: 400 | 404 | 429 | 502; message: string };

export const TILE_MESSAGES = {
	notConfigured: 'Für diese Installation ist keine Hintergrundkarte eingerichtet.',
	badCoords: 'Ungültige Kachel: z, x und y müssen ganze Zahlen im gültigen Bereich sein.',
	notFound: 'Diese Kachel gibt es nicht.',
	outside: 'Diese Kachel liegt außerhalb der Gebiete, für die Karten gezeigt werden.',
	tooMany: 'Zu viele Kartenanfragen. Bitte warten Sie einen Moment.',
	upstream: 'Der Kartendienst ist gerade nicht erreichbar.'
} as const;

const DAY_MS = 86_400_000;
// Overview zooms are always served (all tiles up to z 6 are 5,461); deeper ones only near an area
// in use, with a margin of about 10 km so the surroundings show when zooming out.
const OVERVIEW_ZOOM = 6;
const MARGIN_DEG = 0.15;
const EXTENTS_TTL_MS = 60_000;
const INTEGER = /^(0|[1-9]\d{0,7})$/;

/** Strict z/x/y: decimal integers without sign or leading zeros, inside the tile grid. */
export function parseTileCoords(
	params: { z: string; x: string; y: string },
	maxZoom: number
): TileCoords | null {
	if (![params.z, params.x, params.y].every((v) => INTEGER.test(v))) return null;
	const [z, x, y] = [Number(params.z), Number(params.x), Number(params.y)];
	if (z > maxZoom) return null;
	const size = 2 ** z;
	return x < size && y < size ? { z, x, y } : null;
}

export function tileUrl(template: string, { z, x, y }: TileCoords): string {
	return template
		.replaceAll('{z}', String(z))
		.replaceAll('{x}', String(x))
		.replaceAll('{y}', String(y));
}

/** The tile's box in WGS84 (Web Mercator tile grid, as XYZ servers use it). */
export function tileBounds({ z, x, y }: TileCoords): BBox {
	const n = 2 ** z;
	const lon = (i: number) => (i / n) * 360 - 180;
	const lat = (j: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * j) / n))) * 180) / Math.PI;
	return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}

export function tileAllowed(coords: TileCoords, extents: BBox[] | null): boolean {
	if (extents === null || coords.z <= OVERVIEW_ZOOM) return true;
	const [minX, minY, maxX, maxY] = tileBounds(coords);
	return extents.some(
		([a, b, c, d]) =>
			minX <= c + MARGIN_DEG &&
			maxX >= a - MARGIN_DEG &&
			minY <= d + MARGIN_DEG &&
			maxY >= b - MARGIN_DEG
	);
}

interface CachedTile {
	bytes: Buffer;
	type: TileType;
	etag: string;
	fresh: boolean;
}

const etagOf = (bytes: Buffer) => `"${createHash('sha256').update(bytes).digest('base64url')}"`;

/**
 * The cache file is the plain tile; its modification time is set to the moment it expires, so one
 * rename replaces bytes and freshness together and no second file can disagree with the first.
 */
async function readCached(file: string, now: number): Promise<CachedTile | null> {
	try {
		const [info, bytes] = await Promise.all([stat(file), readFile(file)]);
		const type = sniffImage(bytes);
		if (!type) return null;
		return { bytes, type, etag: etagOf(bytes), fresh: info.mtimeMs > now };
	} catch {
		return null;
	}
}

async function writeCached(file: string, bytes: Buffer, expiresAt: number): Promise<void> {
	await mkdir(path.dirname(file), { recursive: true });
	const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
	try {
		await writeFile(tmp, bytes);
		await utimes(tmp, new Date(), new Date(expiresAt));
		await rename(tmp, file);
	} catch (err) {
		await unlink(tmp).catch(() => {});
		throw err;
	}
}

/** Fixed one-minute windows per address; the map is dropped whole when a window ends. */
function minuteLimiter(limit: number) {
	let windowStart = 0;
	let counts = new Map<string, number>();
	return (key: string): boolean => {
		const now = Date.now();
		if (now - windowStart >= 60_000) [windowStart, counts] = [now, new Map()];
		const hits = (counts.get(key) ?? 0) + 1;
		counts.set(key, hits);
		return hits <= limit;
	};
}

function semaphore(max: number) {
	let running = 0;
	const waiting: (() => void)[] = [];
	return async <T>(task: () => Promise<T>): Promise<T> => {
		// A finished task hands its slot straight to the next waiter, so no newcomer slips in between.
		if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
		else running++;
		try {
			return await task();
		} finally {
			const next = waiting.shift();
			if (next) next();
			else running--;
		}
	};
}

export type TileProxy = ReturnType<typeof createTileProxy>;

export function createTileProxy(opts: TileProxyOptions) {
	const limits: UpstreamLimits = {
		timeoutMs: opts.timeoutMs ?? 10_000,
		maxBytes: opts.maxBytes ?? 1024 * 1024,
		userAgent: opts.userAgent
	};
	const maxAgeMs = opts.maxAgeMs ?? 7 * DAY_MS;
	const allow = minuteLimiter(opts.fetchesPerMinute ?? 600);
	const limited = semaphore(opts.maxParallel ?? 4);
	const inFlight = new Map<string, Promise<TileAnswer>>();
	let extents: { value: Promise<BBox[] | null>; at: number } | undefined;
	const currentExtents = () => {
		if (!opts.extents) return Promise.resolve(null);
		if (!extents || Date.now() - extents.at > EXTENTS_TTL_MS) {
			extents = { value: opts.extents(), at: Date.now() };
			// A failed lookup is not kept: the next request asks again.
			extents.value.catch(() => (extents = undefined));
		}
		return extents.value;
	};
	const fileOf = ({ z, x, y }: TileCoords) =>
		path.join(opts.cacheDir, String(z), String(x), String(y));

	async function refresh(coords: TileCoords, stale: CachedTile | null): Promise<TileAnswer> {
		try {
			const tile = await limited(() => fetchUpstreamTile(tileUrl(opts.template, coords), limits));
			const age = Math.min(maxAgeMs, tile.maxAgeMs ?? maxAgeMs);
			// A full or read-only disk costs the cache, not the tile.
			await writeCached(fileOf(coords), tile.bytes, Date.now() + age).catch((err: unknown) =>
				opts.log?.error('Kartenkachel nicht gespeichert', { err })
			);
			return {
				kind: 'tile',
				bytes: tile.bytes,
				type: tile.type,
				etag: etagOf(tile.bytes),
				stale: false
			};
		} catch (err) {
			opts.log?.warn('Kartenkachel nicht vom Kartendienst geladen', {
				tile: `${coords.z}/${coords.x}/${coords.y}`,
				reason: (err as Error).message,
				stale: Boolean(stale)
			});
			if (stale) return { ...stale, kind: 'tile', stale: true };
			if (err instanceof UpstreamError && err.notFound) {
				return { kind: 'error', status: 404, message: TILE_MESSAGES.notFound };
			}
			if (!(err instanceof UpstreamError)) throw err;
			return { kind: 'error', status: 502, message: TILE_MESSAGES.upstream };
		}
	}

	return {
		async get(params: { z: string; x: string; y: string }, client: string): Promise<TileAnswer> {
			const coords = parseTileCoords(params, opts.maxZoom);
			if (!coords) return { kind: 'error', status: 400, message: TILE_MESSAGES.badCoords };
			if (!tileAllowed(coords, await currentExtents())) {
				return { kind: 'error', status: 404, message: TILE_MESSAGES.outside };
			}
			const cached = await readCached(fileOf(coords), Date.now());
			if (cached?.fresh) return { ...cached, kind: 'tile', stale: false };
			const key = `${coords.z}/${coords.x}/${coords.y}`;
			const running = inFlight.get(key);
			if (running) return running;
			if (!allow(client)) {
				return cached
					? { ...cached, kind: 'tile', stale: true }
					: { kind: 'error', status: 429, message: TILE_MESSAGES.tooMany };
			}
			const pending = refresh(coords, cached).finally(() => inFlight.delete(key));
			inFlight.set(key, pending);
			return pending;
		}
	};
}

/** Browsers keep a tile a day; a stale fallback only briefly, so a recovered upstream shows soon. */
export function tileResponse(answer: TileAnswer, ifNoneMatch: string | null): Response {
	if (answer.kind === 'error') {
		return new Response(answer.message, {
			status: answer.status,
			headers: {
				'content-type': 'text/plain; charset=utf-8',
				'cache-control': 'no-store',
				...(answer.status === 429 ? { 'retry-after': '60' } : {})
			}
		});
	}
	const headers = {
		'content-type': answer.type,
		etag: answer.etag,
		'cache-control': answer.stale ? 'public, max-age=60' : 'public, max-age=86400'
	};
	if (matchesEtag(ifNoneMatch, answer.etag)) return new Response(null, { status: 304, headers });
	return new Response(new Uint8Array(answer.bytes), {
		headers: { ...headers, 'content-length': String(answer.bytes.length) }
	});
}

function matchesEtag(header: string | null, etag: string): boolean {
	if (!header) return false;
	if (header.trim() === '*') return true;
	return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** The boxes of the areas that show a base map (see baseMapAreas). */
export async function baseMapExtents(db: Db): Promise<BBox[] | null> {
	const areas = await baseMapAreas(db);
	return areas && areas.map((a) => bboxOf(a));
}

let shared: { proxy: TileProxy | null } | undefined;

/** The process's proxy for the configured tile server; null when none is configured. */
export function tileProxyFor(
	cfg: Config,
	log?: Logger,
	extents?: () => Promise<BBox[] | null>
): TileProxy | null {
	shared ??= {
		proxy: cfg.map.tiles
			? createTileProxy({
					template: cfg.map.tiles.url,
					maxZoom: cfg.map.tiles.maxZoom,
					cacheDir: path.join(cfg.dataDir, 'tiles'),
					userAgent: `Mitreden (${cfg.site.name}; ${cfg.origin}; ${cfg.site.operatorEmail})`,
					log,
					extents
				})
			: null
	};
	return shared.proxy;
}
