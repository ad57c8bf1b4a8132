import sharp from 'sharp';

// A cover photo from a phone is typically 3–8 MB and 12–24 megapixels; the limits leave room for
// that and refuse decompression bombs (a tiny file that decodes to gigabytes).
export const COVER_MAX_BYTES = 8 * 1024 * 1024;
export const COVER_MAX_PIXELS = 40_000_000;
export const COVER_MAX_WIDTH = 1600;
const JPEG_QUALITY = 82;

export type ImageError =
	'mediaFileEmpty' | 'mediaImageTooLarge' | 'mediaImageFormat' | 'mediaImageTooManyPixels';

export interface ProcessedImage {
	bytes: Buffer;
	mimeType: 'image/jpeg';
	width: number;
	height: number;
}

type Format = 'jpeg' | 'png' | 'webp';

/** The format the bytes announce themselves as (their magic number), whatever the file is called. */
export function sniffImageFormat(bytes: Uint8Array): Format | null {
	const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
	if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
	if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
	const ascii = (from: number, to: number) =>
		Buffer.from(bytes.subarray(from, to)).toString('latin1');
	if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
	return null;
}

/**
 * Checks an uploaded cover image by decoding it, and re-encodes it as a JPEG at most 1600 px wide.
 * Re-encoding without `keepMetadata` drops EXIF (camera, GPS position, time), XMP, IPTC and
 * comments, so nothing about the photographer leaves the town hall by accident (GDPR).
 */
export async function processCoverImage(
	bytes: Uint8Array
): Promise<{ ok: true; image: ProcessedImage } | { ok: false; error: ImageError }> {
	if (bytes.byteLength === 0) return { ok: false, error: 'mediaFileEmpty' };
	if (bytes.byteLength > COVER_MAX_BYTES) return { ok: false, error: 'mediaImageTooLarge' };
	const sniffed = sniffImageFormat(bytes);
	if (!sniffed) return { ok: false, error: 'mediaImageFormat' };
	const options = { limitInputPixels: COVER_MAX_PIXELS, failOn: 'warning' } as const;
	let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
	try {
		// Reading the header costs nothing; the pixel limit applies to decoding, below.
		meta = await sharp(bytes, { limitInputPixels: false }).metadata();
	} catch {
		return { ok: false, error: 'mediaImageFormat' };
	}
	if (meta.format !== sniffed) return { ok: false, error: 'mediaImageFormat' };
	if (!meta.width || !meta.height) return { ok: false, error: 'mediaImageFormat' };
	if (meta.width * meta.height > COVER_MAX_PIXELS) {
		return { ok: false, error: 'mediaImageTooManyPixels' };
	}
	try {
		const { data, info } = await sharp(bytes, options)
			.autoOrient()
			.resize({ width: COVER_MAX_WIDTH, withoutEnlargement: true })
			// JPEG has no transparency: transparent PNG/WebP areas become white, not black.
			.flatten({ background: '#ffffff' })
			.jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
			.toBuffer({ resolveWithObject: true });
		return {
			ok: true,
			image: { bytes: data, mimeType: 'image/jpeg', width: info.width, height: info.height }
		};
	} catch {
		// Truncated or corrupt data that the header check did not catch.
		return { ok: false, error: 'mediaImageFormat' };
	}
}
