// SVG is XML that a browser would run: scripts, event handlers, foreign HTML, and references that
// make the viewer's browser (or our rasteriser) fetch something from elsewhere. Uploaded SVGs are
// rasterised to PNG, so none of it ever reaches a browser; this check refuses such files anyway,
// with a reason the planner can act on, and keeps the rasteriser away from the network and from
// entity expansion (XXE, "billion laughs").

export type SvgError =
	| 'mapSvgEncoding'
	| 'mapSvgDoctype'
	| 'mapSvgScript'
	| 'mapSvgEventHandler'
	| 'mapSvgForeignObject'
	| 'mapSvgJavascriptUrl'
	| 'mapSvgExternalReference'
	| 'mapSvgNotSvg';

/** References that stay inside the file: a fragment, or an embedded raster image. */
const LOCAL_REFERENCE = /^(#|data:image\/(png|jpeg|gif|webp)[;,])/i;
// Every quoted attribute anywhere in the text (XML quotes all values), whether or not its tag is
// well-formed: linear, and nothing hides in a tag this scan would not recognise.
const ATTRIBUTE = /\s([^\s=<>"'/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const REFERENCE_ATTRIBUTES = new Set(['href', 'xlink:href', 'src']);

/** Text the way the XML parser will see it: character and the five predefined entities decoded. */
export function decodeEntities(text: string): string {
	return text
		.replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => codePoint(parseInt(hex, 16)))
		.replace(/&#(\d+);?/g, (_, dec: string) => codePoint(parseInt(dec, 10)))
		.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => NAMED[name]!);
}
const NAMED: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
const codePoint = (n: number) => (n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '');

/** Decodes the bytes as UTF-8 and checks the markup; the text when it is safe to rasterise. */
export function checkSvg(
	bytes: Uint8Array
): { ok: true; text: string } | { ok: false; error: SvgError } {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return { ok: false, error: 'mapSvgEncoding' };
	}
	const error = checkMarkup(text);
	return error ? { ok: false, error } : { ok: true, text };
}

function checkMarkup(text: string): SvgError | null {
	// Whole-text checks first: they also catch what hides in comments, CDATA or odd markup.
	if (/<!DOCTYPE|<!ENTITY/i.test(text)) return 'mapSvgDoctype';
	// After the XML declaration, a processing instruction can only be a style sheet to fetch.
	if (text.replace(/^\uFEFF?\s*<\?xml\s[^>]*\?>/, '').includes('<?')) {
		return 'mapSvgExternalReference';
	}
	if (/<\s*([\w-]+:)?script\b/i.test(text)) return 'mapSvgScript';
	if (/<\s*([\w-]+:)?foreignObject\b/i.test(text)) return 'mapSvgForeignObject';
	// Browsers skip tabs, newlines and other control characters inside a URL scheme ("java\tscript:").
	// eslint-disable-next-line no-control-regex
	const decoded = decodeEntities(text).replace(/[\s\u0000-\u001f]+/g, '');
	if (/javascript:|vbscript:/i.test(decoded)) return 'mapSvgJavascriptUrl';
	if (/@import/i.test(decoded)) return 'mapSvgExternalReference';
	// No closing bracket needed: a backtracking `url\(...\)` pattern is quadratic on "url(url(…".
	for (const match of decodeEntities(text).matchAll(/url\(\s*['"]?([^)'"]*)/gi)) {
		if (!LOCAL_REFERENCE.test(match[1]!.trim())) return 'mapSvgExternalReference';
	}
	if (!/<([\w-]+:)?svg[\s>]/.test(text)) return 'mapSvgNotSvg';
	return checkAttributes(text);
}

function checkAttributes(text: string): SvgError | null {
	for (const attribute of text.matchAll(ATTRIBUTE)) {
		const name = attribute[1]!.toLowerCase();
		const value = decodeEntities(attribute[2] ?? attribute[3] ?? '').trim();
		if (name.startsWith('on')) return 'mapSvgEventHandler';
		const local = name.includes(':') && name !== 'xlink:href' ? name.split(':').pop()! : name;
		if (REFERENCE_ATTRIBUTES.has(local) && !LOCAL_REFERENCE.test(value)) {
			return 'mapSvgExternalReference';
		}
	}
	return null;
}
