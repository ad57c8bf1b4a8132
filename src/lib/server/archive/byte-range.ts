/** What a Range header asks of a representation of `size` bytes (RFC 9110 §14). */
export type RangeRequest =
	{ kind: 'whole' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

const SPEC = /^(\d*)-(\d*)$/;

/**
 * Parses `Range: bytes=…`. A missing or malformed header, another unit, or several ranges give
 * the whole representation: RFC 9110 §14.2 lets a server ignore Range, and one 200 is cheaper
 * and safer than building multipart/byteranges bodies (video players ask for one range only).
 * A single syntactically valid range that starts beyond the end is unsatisfiable (416).
 */
export function parseRange(header: string | null, size: number): RangeRequest {
	if (!header) return { kind: 'whole' };
	const match = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
	if (!match?.[1]) return { kind: 'whole' };
	const specs = match[1].split(',').map((s) => s.trim());
	if (specs.length !== 1) return { kind: 'whole' };
	const spec = SPEC.exec(specs[0] ?? '');
	if (!spec) return { kind: 'whole' };
	const [, first = '', last = ''] = spec;
	if (first === '' && last === '') return { kind: 'whole' };
	if (first === '') return suffixRange(Number(last), size);
	const start = Number(first);
	const end = last === '' ? Infinity : Number(last);
	if (!Number.isSafeInteger(start) || end < start || Number.isNaN(end)) return { kind: 'whole' };
	if (last !== '' && !Number.isSafeInteger(end)) return { kind: 'whole' };
	if (start >= size) return { kind: 'unsatisfiable' };
	return { kind: 'partial', start, end: Math.min(end, size - 1) };
}

/** `bytes=-N`: the last N bytes; N = 0 (or an empty file) selects nothing. */
function suffixRange(length: number, size: number): RangeRequest {
	if (!Number.isSafeInteger(length)) return { kind: 'whole' };
	if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
	return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
}
