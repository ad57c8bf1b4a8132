import sharp from 'sharp';
import { sniffImageFormat } from './images.ts';
import { checkSvg, type SvgError } from './svg-check.ts';

// Plan drawings (Planzeichnungen) are large on purpose: a scanned A0 plan or a GIS export. The
// limits leave room for that and refuse decompression bombs; every upload is decoded and encoded
// again, so what we serve is an image we wrote ourselves, without metadata (EXIF, XMP, GPS).
export const PLAN_MAX_BYTES = 20 * 1024 * 1024;
export const PLAN_MAX_PIXELS = 80_000_000;
/** Raster plans keep their detail up to this long side; larger ones are scaled down. */
export const PLAN_MAX_SIDE = 8192;
/** SVGs become PNGs of this long side at most; small drawings are scaled up to stay sharp. */
export const SVG_MAX_SIDE = 4096;
const SVG_MIN_SIDE = 2048;
const JPEG_QUALITY = 85;

export type PlanImageError =
	'mediaFileEmpty' | 'mapPlanTooLarge' | 'mapPlanFormat' | 'mapPlanTooManyPixels' | SvgError;

export interface PlanImage {
	bytes: Buffer;
	mimeType: 'image/png' | 'image/jpeg';
	width: number;
	height: number;
	/** The extension of the stored file, for its download name. */
	extension: 'png' | 'jpg';
}

type Result = { ok: true; image: PlanImage } | { ok: false; error: PlanImageError };
const refuse = (error: PlanImageError): Result => ({ ok: false, error });

/** What the bytes are, by their content: the file name and the browser's type are not asked. */
function sniffPlan(bytes: Uint8Array): 'png' | 'jpeg' | 'svg' | null {
	const raster = sniffImageFormat(bytes);
	if (raster === 'png' || raster === 'jpeg') return raster;
	if (raster) return null;
	const head = Buffer.from(bytes.subarray(0, 1024))
		.toString('utf8')
		.replace(/^\uFEFF/, '');
	return /^\s*</.test(head) && /<([\w-]+:)?svg[\s>]|<\?xml|<!--/.test(head) ? 'svg' : null;
}

/** Checks an uploaded plan drawing and re-encodes it: PNG stays PNG, JPEG stays JPEG, SVG → PNG. */
export async function processPlanImage(bytes: Uint8Array): Promise<Result> {
	if (bytes.byteLength === 0) return refuse('mediaFileEmpty');
	if (bytes.byteLength > PLAN_MAX_BYTES) return refuse('mapPlanTooLarge');
	const kind = sniffPlan(bytes);
	if (!kind) return refuse('mapPlanFormat');
	if (kind === 'svg') return rasteriseSvg(bytes);
	const meta = await readMetadata(bytes);
	if (!meta || meta.format !== kind || !meta.width || !meta.height) return refuse('mapPlanFormat');
	if (meta.width * meta.height > PLAN_MAX_PIXELS) return refuse('mapPlanTooManyPixels');
	try {
		const pipeline = sharp(bytes, { limitInputPixels: PLAN_MAX_PIXELS, failOn: 'warning' })
			.autoOrient()
			.resize({
				width: PLAN_MAX_SIDE,
				height: PLAN_MAX_SIDE,
				fit: 'inside',
				withoutEnlargement: true
			});
		const encoded =
			kind === 'png'
				? pipeline.png({ compressionLevel: 6 })
				: pipeline.jpeg({ quality: JPEG_QUALITY });
		const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
		const png = kind === 'png';
		return {
			ok: true,
			image: {
				bytes: data,
				mimeType: png ? 'image/png' : 'image/jpeg',
				width: info.width,
				height: info.height,
				extension: png ? 'png' : 'jpg'
			}
		};
	} catch {
		return refuse('mapPlanFormat');
	}
}

async function readMetadata(bytes: Uint8Array, density?: number) {
	try {
		// Reading the header decodes nothing; the pixel limit applies to decoding.
		return await sharp(bytes, { limitInputPixels: false, density }).metadata();
	} catch {
		return null;
	}
}

async function rasteriseSvg(bytes: Uint8Array): Promise<Result> {
	const checked = checkSvg(bytes);
	if (!checked.ok) return refuse(checked.error);
	const meta = await readMetadata(bytes);
	if (!meta || meta.format !== 'svg' || !meta.width || !meta.height) return refuse('mapPlanFormat');
	// librsvg renders at 72 dpi by default; the density scales the drawing to a useful size
	// without ever rendering more than SVG_MAX_SIDE pixels on the long side.
	const natural = Math.max(meta.width, meta.height);
	const target = Math.min(SVG_MAX_SIDE, Math.max(SVG_MIN_SIDE, natural));
	const density = Math.min(100_000, Math.max(1, (72 * target) / natural));
	const scale = density / 72;
	if (meta.width * scale * meta.height * scale > PLAN_MAX_PIXELS) {
		return refuse('mapPlanTooManyPixels');
	}
	try {
		const { data, info } = await sharp(bytes, { density, limitInputPixels: PLAN_MAX_PIXELS })
			.resize({
				width: SVG_MAX_SIDE,
				height: SVG_MAX_SIDE,
				fit: 'inside',
				withoutEnlargement: true
			})
			// A transparent background would show the page colour behind a drawing made for paper.
			.flatten({ background: '#ffffff' })
			.png({ compressionLevel: 6 })
			.toBuffer({ resolveWithObject: true });
		return {
			ok: true,
			image: {
				bytes: data,
				mimeType: 'image/png',
				width: info.width,
				height: info.height,
				extension: 'png'
			}
		};
	} catch {
		return refuse('mapPlanFormat');
	}
}
