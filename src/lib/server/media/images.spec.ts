import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { COVER_MAX_BYTES, processCoverImage, sniffImageFormat } from './images.ts';

/** A photo as a phone would send it: EXIF with camera, GPS position and an orientation flag. */
async function phonePhoto(width = 3000, height = 2000): Promise<Buffer> {
	return sharp({ create: { width, height, channels: 3, background: '#3a7bd5' } })
		.jpeg()
		.withMetadata({ orientation: 6 })
		.withExif({
			IFD0: { Make: 'DemoPhone', Model: 'X 1', Copyright: 'Max Mustermann' },
			IFD3: {
				GPSLatitudeRef: 'N',
				GPSLatitude: '50/1 46/1 31/1',
				GPSLongitudeRef: 'E',
				GPSLongitude: '7/1 20/1 8/1'
			}
		})
		.toBuffer();
}

function hasTag(exif: Buffer, tag: number): boolean {
	const hi = tag >> 8;
	const lo = tag & 0xff;
	for (let i = 0; i < exif.length - 1; i++) {
		if ((exif[i] === hi && exif[i + 1] === lo) || (exif[i] === lo && exif[i + 1] === hi))
			return true;
	}
	return false;
}

describe('cover images', () => {
	it('re-encodes as JPEG without EXIF, GPS or other metadata, scaled to 1600 px', async () => {
		const input = await phonePhoto();
		const before = await sharp(input).metadata();
		expect(before.orientation).toBe(6);
		expect(before.exif!.toString('latin1')).toContain('DemoPhone');
		// The GPSInfo IFD pointer (tag 0x8825) is there, in either byte order.
		expect(hasTag(before.exif!, 0x8825)).toBe(true);

		const result = await processCoverImage(input);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const after = await sharp(result.image.bytes).metadata();
		expect(after.format).toBe('jpeg');
		expect(after.exif).toBeUndefined();
		expect(after.xmp).toBeUndefined();
		expect(after.iptc).toBeUndefined();
		expect(after.orientation).toBeUndefined();
		expect(result.image.bytes.toString('latin1')).not.toMatch(/DemoPhone|Mustermann|Exif/);
		// Orientation 6 (rotate 90°) is applied first: 3000 × 2000 becomes 2000 × 3000 portrait,
		// then scaled to 1600 px wide.
		expect([result.image.width, result.image.height]).toEqual([1600, 2400]);
		expect([after.width, after.height]).toEqual([1600, 2400]);
	});

	it('accepts PNG and WebP and never enlarges small images', async () => {
		for (const format of ['png', 'webp'] as const) {
			const transparent = { r: 0, g: 0, b: 0, alpha: 0 };
			const input = await sharp({
				create: { width: 400, height: 300, channels: 4, background: transparent }
			})
				.toFormat(format)
				.toBuffer();
			const result = await processCoverImage(input);
			expect(result.ok && [result.image.mimeType, result.image.width]).toEqual(['image/jpeg', 400]);
		}
	});

	it('refuses a text file renamed to .jpg, SVG and GIF, whatever they claim to be', async () => {
		const text = new TextEncoder().encode('Dies ist kein Bild, nur Text mit der Endung .jpg\n');
		expect(await processCoverImage(text)).toEqual({ ok: false, error: 'mediaImageFormat' });
		const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
		expect(await processCoverImage(svg)).toEqual({ ok: false, error: 'mediaImageFormat' });
		const gif = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#fff' } })
			.gif()
			.toBuffer();
		expect(await processCoverImage(gif)).toEqual({ ok: false, error: 'mediaImageFormat' });
	});

	it('refuses a JPEG header followed by garbage, and a truncated JPEG', async () => {
		const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 7)]);
		expect(sniffImageFormat(fake)).toBe('jpeg');
		expect(await processCoverImage(fake)).toEqual({ ok: false, error: 'mediaImageFormat' });
		const real = await phonePhoto(800, 600);
		const truncated = real.subarray(0, Math.floor(real.length / 2));
		expect(await processCoverImage(truncated)).toEqual({ ok: false, error: 'mediaImageFormat' });
	});

	it('refuses files over 8 MB, empty files and images over 40 megapixels', async () => {
		const big = new Uint8Array(COVER_MAX_BYTES + 1);
		big.set([0xff, 0xd8, 0xff]);
		expect(await processCoverImage(big)).toEqual({ ok: false, error: 'mediaImageTooLarge' });
		expect(await processCoverImage(new Uint8Array())).toEqual({
			ok: false,
			error: 'mediaFileEmpty'
		});
		// 8000 × 6000 = 48 megapixels, but only a few kilobytes as a plain PNG: a decompression bomb.
		const bomb = await sharp({
			create: { width: 8000, height: 6000, channels: 3, background: '#000' }
		})
			.png({ compressionLevel: 9 })
			.toBuffer();
		expect(bomb.length).toBeLessThan(COVER_MAX_BYTES);
		expect(await processCoverImage(bomb)).toEqual({ ok: false, error: 'mediaImageTooManyPixels' });
	});
});
