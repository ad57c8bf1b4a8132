// Fetching one base-map tile from the tile server the operator configured. The address comes
// from configuration (only z/x/y come from the visitor, as checked integers), so private hosts are
// allowed: a town may run its own tile server internally. What the upstream answers is not
// trusted: a deadline for the whole answer, a size cap, image bytes only, a few redirects at most
// and only to http(s).

export interface UpstreamLimits {
	timeoutMs: number;
	maxBytes: number;
	userAgent: string;
}

export type TileType = 'image/png' | 'image/jpeg' | 'image/webp';

export interface UpstreamTile {
	bytes: Buffer;
	type: TileType;
	/** From the upstream's Cache-Control (max-age / s-maxage, 0 for no-store); null: none given. */
	maxAgeMs: number | null;
}

/** Why a fetch failed; `notFound` is the upstream's own 404 (a tile that does not exist). */
export class UpstreamError extends Error {
	override name = 'UpstreamError';
	readonly notFound: boolean;
	constructor(message: string, notFound = false) {
		super(message);
		this.notFound = notFound;
	}
}

const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The type the bytes really are; the upstream's Content-Type alone proves nothing. */
export function sniffImage(bytes: Uint8Array): TileType | null {
	const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
	if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
	return null;
}

export function upstreamMaxAge(cacheControl: string | null): number | null {
	if (!cacheControl) return null;
	const value = cacheControl.toLowerCase();
	if (/(^|[\s,])(no-store|no-cache)([\s,=]|$)/.test(value)) return 0;
	const match = /(?:^|[\s,])(?:s-maxage|max-age)\s*=\s*"?(\d+)/.exec(value);
	return match ? Number(match[1]) * 1000 : null;
}

export async function fetchUpstreamTile(
	raw: string,
	limits: UpstreamLimits
): Promise<UpstreamTile> {
	const signal = AbortSignal.timeout(limits.timeoutMs);
	try {
		return await fetchFollowing(new URL(raw), limits, signal);
	} catch (err) {
		if (err instanceof UpstreamError) throw err;
		if (signal.aborted) {
			throw new UpstreamError(`Zeitüberschreitung nach ${limits.timeoutMs} ms`);
		}
		const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
		throw new UpstreamError(`nicht erreichbar (${cause})`);
	}
}

async function fetchFollowing(
	url: URL,
	limits: UpstreamLimits,
	signal: AbortSignal
): Promise<UpstreamTile> {
	for (let hop = 0; ; hop++) {
		const res = await fetch(url, {
			redirect: 'manual',
			signal,
			headers: { 'user-agent': limits.userAgent, accept: 'image/png,image/jpeg,image/webp' }
		});
		const location = res.headers.get('location');
		if (REDIRECTS.has(res.status) && location) {
			await res.body?.cancel();
			if (hop >= MAX_REDIRECTS) throw new UpstreamError('zu viele Weiterleitungen');
			url = new URL(location, url);
			if (url.protocol !== 'http:' && url.protocol !== 'https:') {
				throw new UpstreamError(`Weiterleitung auf ${url.protocol} abgelehnt`);
			}
			continue;
		}
		if (res.status !== 200) {
			await res.body?.cancel();
			throw new UpstreamError(`HTTP-Status ${res.status}`, res.status === 404);
		}
		return readTile(res, limits);
	}
}

async function readTile(res: Response, limits: UpstreamLimits): Promise<UpstreamTile> {
	const declared = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (declared && !declared.startsWith('image/')) {
		await res.body?.cancel();
		throw new UpstreamError(`kein Bild (Inhaltstyp ${declared.slice(0, 60)})`);
	}
	if (Number(res.headers.get('content-length') ?? 0) > limits.maxBytes) {
		await res.body?.cancel();
		throw new UpstreamError(`größer als ${limits.maxBytes} Bytes`);
	}
	const bytes = await readCapped(res, limits.maxBytes);
	const type = sniffImage(bytes);
	if (!type) throw new UpstreamError('kein PNG-, JPEG- oder WebP-Bild');
	return { bytes, type, maxAgeMs: upstreamMaxAge(res.headers.get('cache-control')) };
}

// Counts while reading: a chunked answer has no Content-Length to refuse up front.
async function readCapped(res: Response, maxBytes: number): Promise<Buffer> {
	if (!res.body) return Buffer.alloc(0);
	const reader = res.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			await reader.cancel();
			throw new UpstreamError(`größer als ${maxBytes} Bytes`);
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks);
}
