import type { Db } from '../db/index.ts';

export interface StoredFile {
	id: string;
	storageKey: string;
	mimeType: string;
	sizeBytes: number;
	sha256: string;
	originalName: string;
	width: number | null;
	height: number | null;
	createdAt: Date;
}

export interface NewFile {
	storageKey: string;
	mimeType: string;
	sizeBytes: number;
	sha256: string;
	originalName: string;
	width?: number | null;
	height?: number | null;
	createdBy: string | null;
}

export async function insertFile(db: Db, file: NewFile): Promise<string> {
	const row = await db
		.insertInto('files')
		.values({
			storage_key: file.storageKey,
			mime_type: file.mimeType,
			size_bytes: file.sizeBytes,
			sha256: file.sha256,
			original_name: file.originalName,
			width: file.width ?? null,
			height: file.height ?? null,
			created_by: file.createdBy
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function findFileById(db: Db, id: string): Promise<StoredFile | null> {
	const r = await db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
	if (!r) return null;
	return {
		id: r.id,
		storageKey: r.storage_key,
		mimeType: r.mime_type,
		sizeBytes: r.size_bytes,
		sha256: r.sha256,
		originalName: r.original_name,
		width: r.width,
		height: r.height,
		createdAt: r.created_at
	};
}

/** Deletes the row and returns its storage key, so the caller removes the bytes after commit. */
export async function deleteFile(db: Db, id: string): Promise<string | null> {
	const row = await db
		.deleteFrom('files')
		.where('id', '=', id)
		.returning('storage_key')
		.executeTakeFirst();
	return row?.storage_key ?? null;
}
