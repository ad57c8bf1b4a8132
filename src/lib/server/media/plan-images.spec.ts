import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PLAN_MAX_BYTES, processPlanImage } from './plan-images.ts';
import { checkSvg } from './svg-check.ts';

const svg = (body: string, attrs = '') =>
	Buffer.from(
		`<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="400" height="300" viewBox="0 0 400 300"${attrs}>${body}</svg>`
	);
const SAFE_BODY =
	'<defs><linearGradient id="g"><stop offset="0" stop-color="#0b57d0"/></linearGradient></defs>' +
	'<rect width="400" height="300" fill="url(#g)"/><use xlink:href="#g"/>';

async function error(bytes: Uint8Array) {
	const result = await processPlanImage(bytes);
	return result.ok ? 'accepted' : result.error;
}

describe('SVG plan drawings: refused with a reason', () => {
	const cases: [string, Buffer, string][] = [
		['a script element', svg('<script>alert(1)</script>'), 'mapSvgScript'],
		['a namespaced script', svg('<svg:script>alert(1)</svg:script>'), 'mapSvgScript'],
		[
			'an onload handler',
			svg('<rect width="10" height="10"/>', ' onload="alert(1)"'),
			'mapSvgEventHandler'
		],
		[
			'an onclick on a child',
			svg('<rect width="10" height="10" OnClick="x()"/>'),
			'mapSvgEventHandler'
		],
		[
			'an external href',
			svg('<image href="https://evil.example/x.png" width="10" height="10"/>'),
			'mapSvgExternalReference'
		],
		[
			'xlink:href to http',
			svg('<image xlink:href="http://evil.example/x.png" width="10" height="10"/>'),
			'mapSvgExternalReference'
		],
		[
			'a file: reference',
			svg('<image href="file:///etc/passwd" width="10" height="10"/>'),
			'mapSvgExternalReference'
		],
		[
			'an external url() in style',
			svg('<rect style="fill: url(https://evil.example/p.svg#a)" width="9" height="9"/>'),
			'mapSvgExternalReference'
		],
		[
			'an @import',
			svg('<style>@import "https://evil.example/a.css";</style>'),
			'mapSvgExternalReference'
		],
		[
			'an xml-stylesheet instruction',
			Buffer.from(
				'<?xml-stylesheet href="https://evil.example/a.css"?><svg xmlns="http://www.w3.org/2000/svg"/>'
			),
			'mapSvgExternalReference'
		],
		[
			'an embedded SVG data URL',
			svg('<image href="data:image/svg+xml;base64,PHN2Zy8+" width="9" height="9"/>'),
			'mapSvgExternalReference'
		],
		[
			'a javascript: link',
			svg('<a href="javascript:alert(1)"><rect width="9" height="9"/></a>'),
			'mapSvgJavascriptUrl'
		],
		[
			'an entity-encoded javascript: link',
			svg('<a href="&#106;avascript:alert(1)"><rect width="9" height="9"/></a>'),
			'mapSvgJavascriptUrl'
		],
		[
			'a foreignObject',
			svg(
				'<foreignObject width="9" height="9"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'
			),
			'mapSvgForeignObject'
		],
		[
			'an ENTITY (billion laughs)',
			Buffer.from(
				'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'
			),
			'mapSvgDoctype'
		],
		[
			'an external entity (XXE)',
			Buffer.from(
				'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'
			),
			'mapSvgDoctype'
		],
		['invalid UTF-8', Buffer.concat([svg(''), Buffer.from([0xff, 0xfe, 0xc3])]), 'mapSvgEncoding']
	];
	it.each(cases)('%s', async (_, bytes, expected) => {
		expect(await error(bytes)).toBe(expected);
	});

	it('refuses an external href in a tag that never closes', () => {
		const text = '<svg xmlns="http://www.w3.org/2000/svg"><image href="http://evil.example/x.png" ';
		expect(checkSvg(Buffer.from(text))).toEqual({ ok: false, error: 'mapSvgExternalReference' });
	});

	it('checks pathological markup in linear time (no catastrophic backtracking)', () => {
		for (const body of ['url('.repeat(300_000), ' a="'.repeat(300_000), '<'.repeat(300_000)]) {
			const started = performance.now();
			checkSvg(svg(body));
			expect(performance.now() - started).toBeLessThan(1000);
		}
	});

	it('accepts fragments and embedded raster images, and rasterises to a PNG', async () => {
		const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#fff' } })
			.png()
			.toBuffer();
		const body = `${SAFE_BODY}<image href="data:image/png;base64,${png.toString('base64')}" width="9" height="9"/>`;
		expect(checkSvg(svg(body)).ok).toBe(true);
		const result = await processPlanImage(svg(body));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.image.mimeType).toBe('image/png');
		// A small drawing is scaled up (2048 px long side) so it stays sharp on screen.
		expect([result.image.width, result.image.height]).toEqual([2048, 1536]);
		const meta = await sharp(result.image.bytes).metadata();
		expect(meta.format).toBe('png');
	});

	it('renders a huge SVG no larger than 4096 px on its long side', async () => {
		const big = Buffer.from(
			'<svg xmlns="http://www.w3.org/2000/svg" width="20000" height="10000"><rect width="20000" height="10000" fill="#ccc"/></svg>'
		);
		const result = await processPlanImage(big);
		expect(result.ok && [result.image.width, result.image.height]).toEqual([4096, 2048]);
	});
});

describe('raster plan drawings', () => {
	it('keeps PNG as PNG and JPEG as JPEG, re-encoded without EXIF', async () => {
		const png = await sharp({
			create: { width: 300, height: 200, channels: 3, background: '#1b6e20' }
		})
			.png()
			.toBuffer();
		const jpeg = await sharp({
			create: { width: 300, height: 200, channels: 3, background: '#1b6e20' }
		})
			.jpeg()
			.withExif({ IFD0: { Make: 'ScanCo', Copyright: 'Planungsbüro' } })
			.toBuffer();
		const fromPng = await processPlanImage(png);
		const fromJpeg = await processPlanImage(jpeg);
		expect(fromPng.ok && fromPng.image.mimeType).toBe('image/png');
		expect(fromJpeg.ok && fromJpeg.image.mimeType).toBe('image/jpeg');
		if (!fromJpeg.ok) return;
		const meta = await sharp(fromJpeg.image.bytes).metadata();
		expect(meta.exif).toBeUndefined();
		expect([fromJpeg.image.width, fromJpeg.image.height]).toEqual([300, 200]);
	});

	it('refuses a text file renamed .png or .jpg (the content decides, not the name)', async () => {
		expect(await error(Buffer.from('Dies ist eine Textdatei, kein Plan.\n'))).toBe('mapPlanFormat');
		expect(await error(Buffer.from('%PDF-1.7\n'))).toBe('mapPlanFormat');
	});

	it('refuses a WebP (not a plan format) and a truncated PNG', async () => {
		const webp = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
			.webp()
			.toBuffer();
		expect(await error(webp)).toBe('mapPlanFormat');
		const png = await sharp({
			create: { width: 200, height: 200, channels: 3, background: '#123456' }
		})
			.png()
			.toBuffer();
		expect(await error(png.subarray(0, 60))).toBe('mapPlanFormat');
	});

	it('refuses an empty file and one over 20 MB', async () => {
		expect(await error(new Uint8Array())).toBe('mediaFileEmpty');
		const huge = new Uint8Array(PLAN_MAX_BYTES + 1);
		huge.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		expect(await error(huge)).toBe('mapPlanTooLarge');
	});

	it('refuses a decompression bomb by its header (too many pixels)', async () => {
		// A real PNG whose header claims 20000 x 20000 pixels: a few bytes that would decode to
		// 400 megapixels. The header's checksum is fixed, so only the pixel limit can refuse it.
		const bomb = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
			.png()
			.toBuffer();
		bomb.writeUInt32BE(20000, 16);
		bomb.writeUInt32BE(20000, 20);
		bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
		expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(20000);
		expect(await error(bomb)).toBe('mapPlanTooManyPixels');
	});

	it('scales a raster plan down to 8192 px on its long side', async () => {
		const wide = await sharp({
			create: { width: 9000, height: 1000, channels: 3, background: '#eee' }
		})
			.png()
			.toBuffer();
		const result = await processPlanImage(wide);
		expect(result.ok && [result.image.width, result.image.height]).toEqual([8192, 910]);
	});
});
