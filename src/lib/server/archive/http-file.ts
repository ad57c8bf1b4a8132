import { parseRange } from './byte-range.ts';

/** A representation ready to send: its bytes (or a way to open them) and its validators. */
export interface Representation {
	contentType: string;
	size: number;
	etag: string;
	lastModified: Date;
	cacheControl: string;
	/** Whole body or bytes `start..end` (inclusive). */
	open(range?: { start: number; end: number }): Promise<ReadableStream<Uint8Array> | Uint8Array>;
}

function etagMatches(header: string, etag: string): boolean {
	if (header.trim() === '*') return true;
	// Weak comparison for If-None-Match (RFC 9110 §13.1.2): W/ prefixes do not matter.
	const bare = (tag: string) => tag.trim().replace(/^W\//, '');
	return header.split(',').some((tag) => bare(tag) === bare(etag));
}

/** HTTP dates have whole seconds; a file modified within the same second is not newer. */
function notModifiedSince(header: string, lastModified: Date): boolean {
	const since = Date.parse(header);
	return Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

function isNotModified(headers: Headers, rep: Representation): boolean {
	const inm = headers.get('if-none-match');
	if (inm !== null) return etagMatches(inm, rep.etag);
	const ims = headers.get('if-modified-since');
	return ims !== null && notModifiedSince(ims, rep.lastModified);
}

/** If-Range (RFC 9110 §13.1.5): a range only applies to the representation the client has. */
function rangeStillValid(headers: Headers, rep: Representation): boolean {
	const ifRange = headers.get('if-range');
	if (ifRange === null) return true;
	if (ifRange.trim().startsWith('"')) return ifRange.trim() === rep.etag;
	const date = Date.parse(ifRange);
	return Number.isFinite(date) && Math.floor(rep.lastModified.getTime() / 1000) * 1000 <= date;
}

/**
 * Answers GET or HEAD for one representation: 304 for a matching validator, 206 for one
 * satisfiable byte range, 416 for an unsatisfiable one, else 200 with the whole body.
 */
export async function sendRepresentation(
	method: 'GET' | 'HEAD',
	headers: Headers,
	rep: Representation
): Promise<Response> {
	const base: Record<string, string> = {
		'content-type': rep.contentType,
		'x-content-type-options': 'nosniff',
		'accept-ranges': 'bytes',
		etag: rep.etag,
		'last-modified': rep.lastModified.toUTCString(),
		'cache-control': rep.cacheControl
	};
	if (isNotModified(headers, rep)) return new Response(null, { status: 304, headers: base });
	const range = rangeStillValid(headers, rep)
		? parseRange(headers.get('range'), rep.size)
		: ({ kind: 'whole' } as const);
	if (range.kind === 'unsatisfiable') {
		return new Response(null, {
			status: 416,
			headers: { ...base, 'content-range': `bytes */${rep.size}`, 'content-length': '0' }
		});
	}
	if (range.kind === 'partial') {
		const length = range.end - range.start + 1;
		const body = method === 'HEAD' ? null : await rep.open({ start: range.start, end: range.end });
		return new Response(body as BodyInit | null, {
			status: 206,
			headers: {
				...base,
				'content-range': `bytes ${range.start}-${range.end}/${rep.size}`,
				'content-length': String(length)
			}
		});
	}
	const body = method === 'HEAD' ? null : await rep.open();
	return new Response(body as BodyInit | null, {
		status: 200,
		headers: { ...base, 'content-length': String(rep.size) }
	});
}
