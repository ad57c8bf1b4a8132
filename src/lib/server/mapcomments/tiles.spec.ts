import http from 'node:http';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../testing/test-app.ts';
import {
	createTileProxy,
	parseTileCoords,
	tileAllowed,
	tileBounds,
	tileProxyFor,
	tileResponse,
	type TileAnswer,
	type TileProxyOptions
} from './tiles.ts';
import { upstreamMaxAge } from './tile-fetch.ts';

// A local tile server on 127.0.0.1 that answers each path as a test tells it to.
type Behaviour = (req: http.IncomingMessage, res: http.ServerResponse) => void;

let server: http.Server;
let base: string;
let behaviour: Behaviour;
let calls: { path: string; userAgent: string | undefined }[];
let png: Buffer;
let otherPng: Buffer;
let cacheDir: string;

const image = (color: string) =>
	sharp({ create: { width: 256, height: 256, channels: 3, background: color } })
		.png()
		.toBuffer();

const sendPng =
	(bytes: () => Buffer, headers: Record<string, string> = {}): Behaviour =>
	(_req, res) =>
		res.writeHead(200, { 'content-type': 'image/png', ...headers }).end(bytes());

beforeAll(async () => {
	png = await image('#a0c8f0');
	otherPng = await image('#f0c8a0');
	server = http.createServer((req, res) => {
		calls.push({ path: req.url ?? '', userAgent: req.headers['user-agent'] });
		behaviour(req, res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});
beforeEach(async () => {
	calls = [];
	behaviour = sendPng(() => png);
	cacheDir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-tiles-'));
});
afterEach(() => rm(cacheDir, { recursive: true, force: true }));

const proxy = (over: Partial<TileProxyOptions> = {}) =>
	createTileProxy({
		template: `${base}/tiles/{z}/{x}/{y}.png`,
		maxZoom: 19,
		cacheDir,
		userAgent: 'Mitreden (Test; http://localhost:4173)',
		timeoutMs: 1000,
		...over
	});

const at = (z: number | string, x: number | string, y: number | string) => ({
	z: String(z),
	x: String(x),
	y: String(y)
});

function expectTile(answer: TileAnswer, bytes: Buffer, stale = false) {
	expect(answer.kind).toBe('tile');
	if (answer.kind !== 'tile') return;
	expect(answer.bytes.equals(bytes)).toBe(true);
	expect(answer.type).toBe('image/png');
	expect(answer.stale).toBe(stale);
}

function expectError(answer: TileAnswer, status: number) {
	expect(answer).toMatchObject({ kind: 'error', status });
}

/** Makes the cached tile at z/x/y look expired, as it would a week later. */
const expire = (z: number, x: number, y: number) =>
	utimes(path.join(cacheDir, `${z}`, `${x}`, `${y}`), new Date(), new Date(Date.now() - 1000));

describe('tile proxy', () => {
	it('fetches a tile once with our User-Agent, keeps it on disk and serves later requests from there', async () => {
		const p = proxy();
		expectTile(await p.get(at(16, 34309, 22084), '10.0.0.1'), png);
		expectTile(await p.get(at(16, 34309, 22084), '10.0.0.2'), png);
		expect(calls).toEqual([
			{ path: '/tiles/16/34309/22084.png', userAgent: 'Mitreden (Test; http://localhost:4173)' }
		]);
		const onDisk = await readFile(path.join(cacheDir, '16', '34309', '22084'));
		expect(onDisk.equals(png)).toBe(true);
		// A new process (empty memory) still finds it.
		expectTile(await proxy().get(at(16, 34309, 22084), '10.0.0.1'), png);
		expect(calls).toHaveLength(1);
	});

	it('serves with a day of public caching and answers a matching If-None-Match with 304', async () => {
		const answer = await proxy().get(at(3, 4, 2), 'a');
		const res = tileResponse(answer, null);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/png');
		expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
		const etag = res.headers.get('etag')!;
		expect(etag).toMatch(/^"[\w-]+"$/);
		expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
		const again = tileResponse(answer, `"other", ${etag}`);
		expect(again.status).toBe(304);
		expect(await again.text()).toBe('');
		expect(tileResponse(answer, '"other"').status).toBe(200);
	});

	it('collapses concurrent requests for the same tile into one upstream fetch', async () => {
		behaviour = (req, res) => setTimeout(() => sendPng(() => png)(req, res), 150);
		const p = proxy();
		const answers = await Promise.all(
			Array.from({ length: 6 }, (_, i) => p.get(at(12, 2140, 1380), `10.0.0.${i}`))
		);
		for (const a of answers) expectTile(a, png);
		expect(calls).toHaveLength(1);
	});

	it('keeps at most maxParallel upstream fetches running at once', async () => {
		let open = 0;
		let most = 0;
		behaviour = (req, res) => {
			most = Math.max(most, ++open);
			setTimeout(() => {
				open--;
				sendPng(() => png)(req, res);
			}, 60);
		};
		const p = proxy({ maxParallel: 2 });
		const answers = await Promise.all(
			Array.from({ length: 7 }, (_, i) => p.get(at(10, 500 + i, 300), 'a'))
		);
		for (const a of answers) expectTile(a, png);
		expect(calls).toHaveLength(7);
		expect(most).toBe(2);
	});

	it('still serves the tile when the cache cannot be written', async () => {
		const blocked = path.join(cacheDir, 'file-not-dir');
		await writeFile(blocked, 'x');
		expectTile(await proxy({ cacheDir: blocked }).get(at(9, 1, 1), 'a'), png);
	});

	it('refuses bad z/x/y with 400 and a German message, without asking upstream', async () => {
		const p = proxy({ maxZoom: 18 });
		const bad = [
			at(19, 0, 0),
			at(-1, 0, 0),
			at(2, 4, 0),
			at(2, 0, 4),
			at(2, -1, 0),
			at('1.5', 0, 0),
			at('01', 0, 0),
			at('+1', 0, 0),
			at('1e1', 0, 0),
			at('NaN', 0, 0),
			at('', 0, 0),
			at('2', '0x1', 0),
			at('2', '1', '1.png'),
			at('99999999999', 0, 0)
		];
		for (const params of bad) {
			const answer = await p.get(params, 'a');
			expectError(answer, 400);
			if (answer.kind === 'error') expect(answer.message).toMatch(/Ungültige Kachel/);
		}
		expect(calls).toHaveLength(0);
		expect(parseTileCoords(at(18, 2 ** 18 - 1, 0), 18)).toEqual({ z: 18, x: 2 ** 18 - 1, y: 0 });
		expect(parseTileCoords(at(0, 0, 0), 18)).toEqual({ z: 0, x: 0, y: 0 });
	});

	it('answers 502 when upstream fails and nothing is cached', async () => {
		behaviour = (_req, res) => res.writeHead(500).end('kaputt');
		const answer = await proxy().get(at(5, 1, 1), 'a');
		expectError(answer, 502);
		const res = tileResponse(answer, null);
		expect(res.status).toBe(502);
		expect(await res.text()).toBe('Der Kartendienst ist gerade nicht erreichbar.');
	});

	it('serves the stale cached tile briefly when upstream fails, and refreshes once it recovers', async () => {
		const p = proxy();
		expectTile(await p.get(at(5, 1, 1), 'a'), png);
		await expire(5, 1, 1);
		behaviour = (_req, res) => res.writeHead(500).end();
		const stale = await p.get(at(5, 1, 1), 'a');
		expectTile(stale, png, true);
		expect(tileResponse(stale, null).headers.get('cache-control')).toBe('public, max-age=60');
		behaviour = sendPng(() => otherPng);
		expectTile(await p.get(at(5, 1, 1), 'a'), otherPng);
		expect(calls).toHaveLength(3);
	});

	it('passes on the upstream 404 of a tile that does not exist', async () => {
		behaviour = (_req, res) => res.writeHead(404).end();
		expectError(await proxy().get(at(5, 1, 1), 'a'), 404);
	});

	it('keeps a tile no longer than the upstream max-age when that is shorter', async () => {
		behaviour = sendPng(() => png, { 'cache-control': 'public, max-age=0' });
		const p = proxy();
		await p.get(at(4, 2, 2), 'a');
		await p.get(at(4, 2, 2), 'a');
		expect(calls).toHaveLength(2);
		behaviour = sendPng(() => png, { 'cache-control': 'max-age=3600' });
		await p.get(at(4, 3, 3), 'a');
		const { mtimeMs } = await stat(path.join(cacheDir, '4', '3', '3'));
		expect(mtimeMs).toBeGreaterThan(Date.now() + 3_500_000);
		expect(mtimeMs).toBeLessThan(Date.now() + 3_700_000);
		expect(upstreamMaxAge('no-store')).toBe(0);
		expect(upstreamMaxAge('public, s-maxage=60')).toBe(60_000);
		expect(upstreamMaxAge(null)).toBeNull();
	});

	it('refuses an answer that is not an image, whatever its Content-Type says, and caches nothing', async () => {
		behaviour = (_req, res) =>
			res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Bitte anmelden</h1>');
		expectError(await proxy().get(at(6, 1, 1), 'a'), 502);
		behaviour = (_req, res) =>
			res.writeHead(200, { 'content-type': 'image/png' }).end('<script>alert(1)</script>');
		expectError(await proxy().get(at(6, 1, 1), 'a'), 502);
		behaviour = (_req, res) =>
			res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg onload="alert(1)"/>');
		expectError(await proxy().get(at(6, 1, 1), 'a'), 502);
		await expect(stat(path.join(cacheDir, '6', '1', '1'))).rejects.toThrow();
	});

	it('refuses an oversized answer, announced or streamed without a length', async () => {
		const big = Buffer.concat([png, Buffer.alloc(2048)]);
		behaviour = sendPng(() => big);
		expectError(await proxy({ maxBytes: 1024 }).get(at(6, 2, 2), 'a'), 502);
		behaviour = (_req, res) => {
			res.writeHead(200, { 'content-type': 'image/png' });
			for (let i = 0; i < 8; i++) res.write(big.subarray(i * 256, (i + 1) * 256));
			res.end(big.subarray(2048));
		};
		expectError(await proxy({ maxBytes: 1024 }).get(at(6, 2, 2), 'a'), 502);
		await expect(stat(path.join(cacheDir, '6', '2', '2'))).rejects.toThrow();
	});

	it('gives up on a hanging upstream at the deadline', async () => {
		behaviour = (_req, res) => {
			res.writeHead(200, { 'content-type': 'image/png' });
			res.write(png.subarray(0, 100));
		};
		const started = Date.now();
		expectError(await proxy({ timeoutMs: 300 }).get(at(7, 1, 1), 'a'), 502);
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it('follows an http redirect but not one to another scheme', async () => {
		behaviour = (req, res) => {
			if (req.url?.startsWith('/moved')) return sendPng(() => png)(req, res);
			if (req.url === '/tiles/2/1/1.png') {
				return res.writeHead(302, { location: 'file:///etc/passwd' }).end();
			}
			res.writeHead(301, { location: `/moved${req.url}` }).end();
		};
		expectTile(await proxy().get(at(2, 0, 0), 'a'), png);
		expectError(await proxy().get(at(2, 1, 1), 'a'), 502);
	});

	it('limits upstream fetches per client address, not cache hits', async () => {
		const p = proxy({ fetchesPerMinute: 2 });
		expectTile(await p.get(at(8, 1, 1), 'greedy'), png);
		expectTile(await p.get(at(8, 1, 2), 'greedy'), png);
		expectError(await p.get(at(8, 1, 3), 'greedy'), 429);
		expectTile(await p.get(at(8, 1, 1), 'greedy'), png);
		expectTile(await p.get(at(8, 1, 3), 'someone else'), png);
		const res = tileResponse({ kind: 'error', status: 429, message: 'x' }, null);
		expect(res.headers.get('retry-after')).toBe('60');
	});

	it('serves deep zooms only near the areas that show a base map, overview zooms everywhere', async () => {
		// Around the Marktplatz of Stadt Blankenberg.
		const extents = async () => [[7.33, 50.77, 7.34, 50.78]] as [number, number, number, number][];
		const p = proxy({ extents });
		// z 16 tile containing 7.335, 50.775; and one in Berlin.
		expectTile(await p.get(at(16, 34103, 22004), 'a'), png);
		const berlin = await p.get(at(16, 35207, 21492), 'a');
		expectError(berlin, 404);
		if (berlin.kind === 'error') expect(berlin.message).toMatch(/außerhalb/);
		expectTile(await p.get(at(5, 16, 10), 'a'), png);
		expect(calls.map((c) => c.path)).toEqual(['/tiles/16/34103/22004.png', '/tiles/5/16/10.png']);
		const [w, s, e, n] = tileBounds({ z: 16, x: 34103, y: 22004 });
		expect(w).toBeLessThanOrEqual(7.335);
		expect(e).toBeGreaterThan(7.335);
		expect(s).toBeLessThanOrEqual(50.775);
		expect(n).toBeGreaterThan(50.775);
		// No areas at all: nothing deep; an area still being drawn (null): anything.
		expect(tileAllowed({ z: 16, x: 34103, y: 22004 }, [])).toBe(false);
		expect(tileAllowed({ z: 16, x: 35207, y: 21492 }, null)).toBe(true);
	});

	it('is off (the route answers 404) when no tile server is configured', () => {
		expect(tileProxyFor(testConfig())).toBeNull();
	});
});
