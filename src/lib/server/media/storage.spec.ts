import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localFileStorage, newStorageKey, type FileStorage } from './storage.ts';

let root: string;
let storage: FileStorage;
beforeAll(async () => {
	root = await fs.mkdtemp(path.join(os.tmpdir(), 'mitreden-files-'));
	storage = localFileStorage(root);
});
afterAll(async () => {
	await fs.rm(root, { recursive: true, force: true });
});

async function allFiles(dir: string): Promise<string[]> {
	const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
	return entries.filter((e) => e.isFile()).map((e) => e.name);
}

describe('local file storage', () => {
	it('stores, streams, reads and deletes bytes under a generated key', async () => {
		const key = newStorageKey();
		await storage.put(key, new TextEncoder().encode('Hallo Hennef'));
		expect((await storage.read(key))?.toString()).toBe('Hallo Hennef');
		const opened = await storage.open(key);
		expect(opened?.size).toBe(12);
		expect(await new Response(opened!.stream).text()).toBe('Hallo Hennef');
		// No temporary file is left behind.
		expect(await allFiles(root)).toEqual([key]);
		await storage.delete(key);
		await storage.delete(key);
		expect(await storage.read(key)).toBeNull();
		expect(await storage.open(key)).toBeNull();
	});

	it('refuses keys that are not our UUIDs, so no path can leave the folder', async () => {
		for (const key of ['../../etc/passwd', 'a/b', '', 'ABC']) {
			await expect(storage.put(key, new Uint8Array([1]))).rejects.toThrow(/Speicherschlüssel/);
			await expect(storage.read(key)).rejects.toThrow(/Speicherschlüssel/);
		}
	});
});
