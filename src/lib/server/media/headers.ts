import { disposition } from '../http/download.ts';
import type { StoredFile } from './files.repository.ts';

/** Types a browser may show in the page; anything else is offered as a download. */
const INLINE = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/webp']);

/**
 * RFC 6266 with an RFC 8187 `filename*` for the real (UTF-8) name and an ASCII `filename` for old
 * clients: "Verkehrsgutachten Süd.pdf" keeps its umlaut where it can.
 */
export function contentDisposition(file: Pick<StoredFile, 'mimeType' | 'originalName'>): string {
	const type = INLINE.has(file.mimeType) ? 'inline' : 'attachment';
	const ascii = file.originalName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return disposition(type, ascii, file.originalName);
}

export function fileHeaders(
	file: Pick<StoredFile, 'mimeType' | 'sha256'>,
	audience: 'public' | 'restricted'
): Record<string, string> {
	const headers: Record<string, string> = {
		'content-type': file.mimeType,
		'x-content-type-options': 'nosniff',
		etag: `"${file.sha256}"`,
		// Published files are immutable under their id; unpublished ones must not sit in any cache.
		'cache-control':
			audience === 'public' ? 'public, max-age=86400, immutable' : 'private, no-store'
	};
	// A PDF viewer runs the document's scripts and forms; sandboxed, it gets no origin of ours.
	if (file.mimeType === 'application/pdf') headers['content-security-policy'] = 'sandbox';
	return headers;
}
