import { createHash } from 'node:crypto';
import type { NewFile } from './files.repository.ts';
import { newStorageKey, type FileStorage } from './storage.ts';

/** What a `files` row needs to know about bytes already in storage. */
export type StoredBytes = Pick<NewFile, 'storageKey' | 'sha256' | 'sizeBytes'>;

/**
 * Stores bytes under a fresh key, then runs `record` (a transaction that writes the rows pointing
 * at them). Bytes go first so a committed row never points at missing bytes; if `record` throws
 * or refuses (`ok: false`), the bytes are removed again, so nothing is left behind.
 */
export async function withStoredBytes<T>(
	storage: FileStorage,
	bytes: Uint8Array,
	record: (stored: StoredBytes) => Promise<T>
): Promise<T> {
	const storageKey = newStorageKey();
	await storage.put(storageKey, bytes);
	let outcome: T;
	try {
		outcome = await record({
			storageKey,
			sha256: createHash('sha256').update(bytes).digest('hex'),
			sizeBytes: bytes.byteLength
		});
	} catch (err) {
		await storage.delete(storageKey);
		throw err;
	}
	if ((outcome as { ok?: unknown } | null)?.ok === false) await storage.delete(storageKey);
	return outcome;
}
