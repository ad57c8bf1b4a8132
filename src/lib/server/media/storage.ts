import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Config } from '../config.ts';

/**
 * Where uploaded files live. Keys are UUIDs we generate; user input never becomes part of a path.
 * Local folder now; an S3-compatible store can implement the same interface later.
 */
export interface FileStorage {
	put(key: string, bytes: Uint8Array): Promise<void>;
	/** A stream of the stored bytes and their length, or null when the key is unknown. */
	open(key: string): Promise<{ stream: ReadableStream<Uint8Array>; size: number } | null>;
	read(key: string): Promise<Buffer | null>;
	/** Removing a missing key is not an error (deletes may run twice). */
	delete(key: string): Promise<void>;
}

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function newStorageKey(): string {
	return randomUUID();
}

/** The app's storage: `${DATA_DIR}/files`. */
export function fileStorage(cfg: Pick<Config, 'dataDir'>): FileStorage {
	return localFileStorage(path.join(cfg.dataDir, 'files'));
}

export function localFileStorage(root: string): FileStorage {
	const locate = (key: string) => {
		// Defence in depth: the key comes from our database, but a path is only ever built from a
		// well-formed UUID, so nothing can point outside `root`.
		if (!KEY.test(key)) throw new Error(`Ungültiger Speicherschlüssel: ${JSON.stringify(key)}`);
		// Two-character subfolders keep any single folder small.
		return path.join(root, key.slice(0, 2), key);
	};
	const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

	return {
		async put(key, bytes) {
			const target = locate(key);
			await fsp.mkdir(path.dirname(target), { recursive: true });
			// Written to a temporary name, flushed, then renamed: rename is atomic on one file system,
			// so a crash leaves either no file or the whole file, never half of one.
			const temp = `${target}.${randomUUID()}.tmp`;
			const handle = await fsp.open(temp, 'wx', 0o640);
			try {
				await handle.writeFile(bytes);
				await handle.sync();
			} catch (err) {
				await handle.close();
				await fsp.rm(temp, { force: true });
				throw err;
			}
			await handle.close();
			try {
				await fsp.rename(temp, target);
			} catch (err) {
				await fsp.rm(temp, { force: true });
				throw err;
			}
		},
		async open(key) {
			const file = locate(key);
			try {
				const stat = await fsp.stat(file);
				const stream = Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>;
				return { stream, size: stat.size };
			} catch (err) {
				if (missing(err)) return null;
				throw err;
			}
		},
		async read(key) {
			try {
				return await fsp.readFile(locate(key));
			} catch (err) {
				if (missing(err)) return null;
				throw err;
			}
		},
		async delete(key) {
			await fsp.rm(locate(key), { force: true });
		}
	};
}
