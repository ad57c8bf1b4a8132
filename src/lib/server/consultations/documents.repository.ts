import { sql } from 'kysely';
import type { ConsultationDocument } from '../../consultations/types.ts';
import type { Db } from '../db/index.ts';

export async function listDocuments(
	db: Db,
	consultationId: string
): Promise<ConsultationDocument[]> {
	const rows = await db
		.selectFrom('consultation_documents as d')
		.innerJoin('files as f', 'f.id', 'd.file_id')
		.select(['d.id', 'd.file_id', 'd.title', 'f.size_bytes', 'f.mime_type'])
		.where('d.consultation_id', '=', consultationId)
		.orderBy('d.position')
		.orderBy('d.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		fileId: r.file_id,
		title: r.title,
		sizeBytes: r.size_bytes,
		mimeType: r.mime_type
	}));
}

/** Appends a document after the existing ones. */
export async function insertDocument(
	db: Db,
	doc: { consultationId: string; fileId: string; title: string }
): Promise<string> {
	const row = await db
		.insertInto('consultation_documents')
		.values({
			consultation_id: doc.consultationId,
			file_id: doc.fileId,
			title: doc.title,
			position: sql<number>`(select coalesce(max(position), 0) + 1 from consultation_documents
				where consultation_id = ${doc.consultationId})`
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** Removes a document of this consultation; returns its file id, or null if there was none. */
export async function deleteDocument(
	db: Db,
	consultationId: string,
	documentId: string
): Promise<{ fileId: string; title: string } | null> {
	const row = await db
		.deleteFrom('consultation_documents')
		.where('id', '=', documentId)
		.where('consultation_id', '=', consultationId)
		.returning(['file_id', 'title'])
		.executeTakeFirst();
	return row ? { fileId: row.file_id, title: row.title } : null;
}
