import { randomBytes } from 'node:crypto';
import { access, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { SlateKind } from '../../live/types.ts';
import { SLATE_KINDS } from '../../live/types.ts';
import type { Logger } from '../log.ts';
import { requireFfmpeg } from '../media/ffmpeg-lookup.ts';
import { buildSlateArgs } from '../media/ffmpeg-live.ts';
import { formatCommand, runProcess } from '../media/ffmpeg-process.ts';
import { FfmpegAbortedError, FfmpegFailedError } from '../media/ffmpeg-types.ts';

/**
 * Slates: what viewers and the archive get instead of the camera (non-public part, a speaker
 * without consent, an encoder gap). Each is 2.000 s of a still with silence, encoded once per
 * recording for every rendition so the playlist can repeat it for any number of slots. The texts
 * are part of the picture, not of the UI, so they live here rather than in the i18n catalogs.
 */

export const SLATE_TEXTS: Record<SlateKind, { title: string; body: string }> = {
	nonpublic: {
		title: 'Nichtöffentlicher Teil',
		body: 'Die Übertragung wird danach fortgesetzt.'
	},
	consent: {
		title: 'Ausschnitt entfernt',
		body: 'Ohne Einwilligung der sprechenden Person nicht veröffentlicht.'
	},
	gap: {
		title: 'Übertragung unterbrochen',
		body: 'Es geht gleich weiter.'
	}
};

// sharp renders SVG text through librsvg and fontconfig with the system's fonts: no font file
// is shipped and nothing is fetched. Debian's fonts-dejavu-core is on every machine we build on
// (and is a dependency of ffmpeg's own packages); fontconfig falls back to any sans otherwise.
const FONT_FAMILY = 'DejaVu Sans, sans-serif';
// White on black: contrast 21:1, and black costs the encoder nothing.
const BACKGROUND = '#000000';
const FOREGROUND = '#ffffff';
// DejaVu Sans averages about 0.6 em per character (bold a little more); used to wrap lines.
const CHAR_EM = 0.62;

export interface SlateRendition {
	name: string;
	width: number;
	height: number;
	kind: 'video' | 'audio';
}

export interface PreparedSlate {
	kind: SlateKind;
	rendition: string;
	init: string;
	segment: string;
}

const escapeXml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Breaks text into lines of at most maxChars characters, at spaces. */
export function wrapText(text: string, maxChars: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		if (line && line.length + 1 + word.length > maxChars) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) lines.push(line);
	return lines;
}

function slateSvg(kind: SlateKind, width: number, height: number): string {
	const { title, body } = SLATE_TEXTS[kind];
	const titleSize = Math.round(height * 0.11);
	const bodySize = Math.round(height * 0.07);
	const usable = width * 0.86;
	const titleLines = wrapText(title, Math.floor(usable / (titleSize * CHAR_EM * 1.08)));
	const bodyLines = wrapText(body, Math.floor(usable / (bodySize * CHAR_EM)));
	const lines = [
		...titleLines.map((text) => ({ text, size: titleSize, weight: 'bold', gap: 1.25 })),
		...bodyLines.map((text, i) => ({ text, size: bodySize, weight: 'normal', gap: i ? 1.3 : 2 }))
	];
	const total = lines.reduce((sum, l) => sum + l.size * l.gap, 0);
	let y = (height - total) / 2;
	const texts = lines.map((l) => {
		y += l.size * l.gap;
		return `<text x="${width / 2}" y="${Math.round(y - l.size * 0.3)}" font-size="${l.size}" font-weight="${l.weight}">${escapeXml(l.text)}</text>`;
	});
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">`,
		`<rect width="100%" height="100%" fill="${BACKGROUND}"/>`,
		`<g fill="${FOREGROUND}" font-family="${FONT_FAMILY}" text-anchor="middle">`,
		...texts,
		'</g></svg>'
	].join('');
}

/** The slate picture as PNG at exactly width x height. */
export async function renderSlatePicture(
	kind: SlateKind,
	width: number,
	height: number
): Promise<Buffer> {
	return sharp(Buffer.from(slateSvg(kind, width, height)))
		.resize(width, height, { fit: 'fill' })
		.png()
		.toBuffer();
}

const exists = (file: string) =>
	access(file).then(
		() => true,
		() => false
	);

// x264 with 4:2:0 chroma needs even sizes.
const even = (n: number) => Math.max(2, n - (n % 2));

async function encodeSlate(
	dir: string,
	kind: SlateKind,
	r: SlateRendition,
	opts: { fps: number; frames?: number; signal?: AbortSignal }
): Promise<void> {
	const { ffmpeg } = await requireFfmpeg();
	const tmp = `${dir}.tmp-${randomBytes(6).toString('hex')}`;
	await mkdir(tmp, { recursive: true });
	try {
		const target = {
			kind: r.kind,
			width: even(r.width),
			height: even(r.height),
			fps: opts.fps,
			frames: opts.frames
		};
		const picture = path.join(tmp, 'slate.png');
		if (r.kind === 'video') {
			await sharp(await renderSlatePicture(kind, target.width, target.height)).toFile(picture);
		}
		const { args, segment, playlist } = buildSlateArgs(tmp, target, picture);
		const result = await runProcess(ffmpeg, args, { signal: opts.signal, timeoutMs: 60_000 });
		if (result.aborted) throw new FfmpegAbortedError(formatCommand(ffmpeg, args));
		if (result.code !== 0) {
			throw new FfmpegFailedError(
				'Tafel konnte nicht erzeugt werden.',
				formatCommand(ffmpeg, args),
				result.stderrTail
			);
		}
		await rename(segment, path.join(tmp, 'segment.m4s'));
		await rm(playlist, { force: true });
		await rm(picture, { force: true });
		await rm(dir, { recursive: true, force: true });
		await rename(tmp, dir);
	} finally {
		await rm(tmp, { recursive: true, force: true });
	}
}

/** Removes `<R>.tmp-*` folders of a run that was killed before it could clean up. */
async function removeStaleTmp(kindDir: string): Promise<void> {
	const entries = await readdir(kindDir).catch(() => [] as string[]);
	for (const name of entries.filter((n) => n.includes('.tmp-'))) {
		await rm(path.join(kindDir, name), { recursive: true, force: true });
	}
}

/**
 * Renders and encodes every slate kind for every rendition to
 * `<outDir>/<kind>/<rendition>/{init.mp4,segment.m4s}`. Each folder appears complete or not at
 * all (written beside it, then renamed), and existing ones are kept, so running it again (a
 * reconnect, a retried job) only fills in what is missing.
 */
export async function prepareSlates(
	outDir: string,
	renditions: SlateRendition[],
	opts: {
		fps: number;
		/** Only these kinds, each this many frames long (the end of a gap); default all, 2 s. */
		kinds?: readonly SlateKind[];
		frames?: number;
		log?: Logger;
		signal?: AbortSignal;
	}
): Promise<PreparedSlate[]> {
	const prepared: PreparedSlate[] = [];
	for (const kind of opts.kinds ?? SLATE_KINDS) {
		await removeStaleTmp(path.join(outDir, kind));
		for (const r of renditions) {
			if (!/^[A-Za-z0-9]{1,16}$/.test(r.name)) throw new Error(`Ungültige Rendition ${r.name}`);
			const dir = path.join(outDir, kind, r.name);
			const init = path.join(dir, 'init.mp4');
			const segment = path.join(dir, 'segment.m4s');
			if (!((await exists(init)) && (await exists(segment)))) {
				await encodeSlate(dir, kind, r, opts);
				opts.log?.debug('Tafel erzeugt', { kind, rendition: r.name });
			}
			prepared.push({ kind, rendition: r.name, init, segment });
		}
	}
	return prepared;
}
