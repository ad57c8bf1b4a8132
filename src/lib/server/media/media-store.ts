import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Config } from '../config.ts';

/**
 * Recordings in storage: HLS playlists, segments, posters, thumbnails, captions and uploaded
 * originals. Keys are `/`-separated paths we generate (`recordings/<uuid>/<version>/720p/…`);
 * nothing from a request becomes a key without passing `isMediaKey`.
 *
 * The local implementation keeps them under `${DATA_DIR}/media`. An S3-compatible store can
 * implement the same interface: `publishFolder` becomes an upload of the folder's files followed
 * by the database switching `output_prefix`, `localPath` a download into the work folder.
 */
export interface MediaStore {
	/** A folder on the same file system as the store, for work in progress (renames are atomic). */
	readonly workDir: string;
	/** Moves a finished local folder to `prefix`, replacing whatever was there. */
	publishFolder(localDir: string, prefix: string): Promise<void>;
	/** Moves a finished local file to `key`. */
	publishFile(localFile: string, key: string): Promise<void>;
	/** A local path ffmpeg can read for `key` (the file itself on local storage). */
	localPath(key: string): Promise<string | null>;
	stat(key: string): Promise<{ size: number; modified: Date } | null>;
	/** Bytes `start..end` (inclusive) of `key`, or all of it; null when the key is unknown. */
	open(
		key: string,
		range?: { start: number; end: number }
	): Promise<{ stream: ReadableStream<Uint8Array>; size: number } | null>;
	readText(key: string): Promise<string | null>;
	/** Removes every key under `prefix`; a missing prefix is not an error (jobs may run twice). */
	deletePrefix(prefix: string): Promise<void>;
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** A key is 1-12 path segments of letters, digits, `.`, `_` and `-`, none starting with a dot. */
export function isMediaKey(key: string): boolean {
	const parts = key.split('/');
	return parts.length >= 1 && parts.length <= 12 && parts.every((p) => SEGMENT.test(p));
}

function assertKey(key: string): void {
	if (!isMediaKey(key)) throw new Error(`Ungültiger Medienschlüssel: ${JSON.stringify(key)}`);
}

/** The app's media store: `${DATA_DIR}/media`. */
export function mediaStore(cfg: Pick<Config, 'dataDir'>): MediaStore {
	return localMediaStore(path.join(cfg.dataDir, 'media'));
}

export function localMediaStore(root: string): MediaStore {
	const locate = (key: string) => {
		assertKey(key);
		return path.join(root, ...key.split('/'));
	};
	const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';
	const workDir = path.join(root, '.work');

	async function moveIntoPlace(from: string, target: string): Promise<void> {
		await fsp.mkdir(path.dirname(target), { recursive: true });
		// The old folder is renamed away first, then the new one renamed in: readers see either the
		// old or the new archive, and a crash between the two leaves a `.old-*` folder, not a mix.
		const old = `${target}.old-${Date.now()}`;
		const hadOld = await fsp.rename(target, old).then(
			() => true,
			(err: unknown) => {
				if (missing(err)) return false;
				throw err;
			}
		);
		await fsp.rename(from, target);
		if (hadOld) await fsp.rm(old, { recursive: true, force: true });
	}

	return {
		workDir,
		async publishFolder(localDir, prefix) {
			await moveIntoPlace(localDir, locate(prefix));
		},
		async publishFile(localFile, key) {
			await moveIntoPlace(localFile, locate(key));
		},
		async localPath(key) {
			const file = locate(key);
			return (await fsp.stat(file).catch(() => null))?.isFile() ? file : null;
		},
		async stat(key) {
			const s = await fsp.stat(locate(key)).catch(() => null);
			return s?.isFile() ? { size: s.size, modified: s.mtime } : null;
		},
		async open(key, range) {
			const file = locate(key);
			try {
				const s = await fsp.stat(file);
				if (!s.isFile()) return null;
				const nodeStream = fs.createReadStream(file, range ?? {});
				const stream = Readable.toWeb(nodeStream) as ReadableStream<Uint8Array>;
				return { stream, size: s.size };
			} catch (err) {
				if (missing(err)) return null;
				throw err;
			}
		},
		async readText(key) {
			try {
				return await fsp.readFile(locate(key), 'utf8');
			} catch (err) {
				if (missing(err) || (err as NodeJS.ErrnoException).code === 'EISDIR') return null;
				throw err;
			}
		},
		async deletePrefix(prefix) {
			await fsp.rm(locate(prefix), { recursive: true, force: true });
		}
	};
}
