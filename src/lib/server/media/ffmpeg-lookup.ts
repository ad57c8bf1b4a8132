import { runProcess } from './ffmpeg-process.ts';
import { FfmpegMissingError, type FfmpegLookup, type FfmpegTools } from './ffmpeg-types.ts';

/** Finding ffmpeg as DESIGN.md orders it; the media arguments themselves live in ffmpeg.ts. */

async function versionOf(binary: string): Promise<string | null> {
	try {
		const r = await runProcess(binary, ['-hide_banner', '-version'], { timeoutMs: 10_000 });
		if (r.code !== 0) return null;
		return /version (\S+)/.exec(r.stdout)?.[1] ?? 'unbekannt';
	} catch {
		return null;
	}
}

// ffmpeg-static is optional and not a dependency; its install script cannot download the binary
// on every machine, so a resolvable package still has to pass the `-version` check.
async function ffmpegStaticPath(): Promise<string | null> {
	try {
		const name = 'ffmpeg-static';
		const mod = (await import(/* @vite-ignore */ name)) as { default?: unknown };
		return typeof mod.default === 'string' ? mod.default : null;
	} catch {
		return null;
	}
}

/** FFMPEG_PATH/FFPROBE_PATH, else the npm package ffmpeg-static, else `ffmpeg` on the PATH. */
export async function findFfmpeg(
	env: Record<string, string | undefined> = process.env
): Promise<FfmpegLookup> {
	const install =
		'Bitte ffmpeg installieren (Debian/Ubuntu: „apt-get install ffmpeg“) oder FFMPEG_PATH und FFPROBE_PATH setzen.';
	const candidates = [env.FFMPEG_PATH, await ffmpegStaticPath(), 'ffmpeg'];
	let ffmpeg: string | null = null;
	let version: string | null = null;
	for (const candidate of candidates) {
		if (!candidate) continue;
		version = await versionOf(candidate);
		if (version) {
			ffmpeg = candidate;
			break;
		}
		if (candidate === env.FFMPEG_PATH) {
			return { ok: false, message: `FFMPEG_PATH (${candidate}) ist nicht ausführbar. ${install}` };
		}
	}
	if (!ffmpeg || !version) return { ok: false, message: `ffmpeg wurde nicht gefunden. ${install}` };
	const ffprobe = env.FFPROBE_PATH || 'ffprobe';
	if (!(await versionOf(ffprobe))) {
		return { ok: false, message: `ffprobe (${ffprobe}) wurde nicht gefunden. ${install}` };
	}
	return { ok: true, ffmpeg, ffprobe, version };
}

let cachedTools: Promise<FfmpegLookup> | undefined;

/** The tools found once per process; throws FfmpegMissingError with the install hint. */
export async function requireFfmpeg(): Promise<FfmpegTools> {
	cachedTools ??= findFfmpeg();
	const found = await cachedTools;
	if (!found.ok) {
		cachedTools = undefined;
		throw new FfmpegMissingError(found.message);
	}
	return found;
}
