import { cleanFileName, checkPdf, type DocumentError } from '../media/documents.ts';
import { deleteFile, insertFile } from '../media/files.repository.ts';
import { processCoverImage, type ImageError } from '../media/images.ts';
import { fileStorage, type FileStorage } from '../media/storage.ts';
import { withStoredBytes } from '../media/stored-bytes.ts';
import type { Db } from '../db/index.ts';
import {
	findConsultationById,
	lockConsultation,
	setConsultationCover,
	touchConsultation
} from './consultations.repository.ts';
import { audit, type ConsultationDeps, type Failure } from './consultations.service.ts';
import { deleteDocument, insertDocument } from './documents.repository.ts';

// Cover image and PDF documents of a consultation. Bytes are stored before the transaction that
// records them; if the transaction fails they are removed again, and bytes of replaced or removed
// files are deleted only after the commit, so a row never points at missing bytes.

type FileFailure = { ok: false; reason: 'file'; error: ImageError | DocumentError };

async function removeBytes(storage: FileStorage, key: string | null): Promise<void> {
	if (key) await storage.delete(key);
}

async function dropFile(db: Db, fileId: string | null): Promise<string | null> {
	return fileId ? deleteFile(db, fileId) : null;
}

/**
 * Sets a new cover image and/or its alt text. Alt text is required whenever there is a cover
 * (WCAG 1.1.1): a new upload without one is refused before anything is stored.
 */
export async function saveCover(
	deps: ConsultationDeps,
	actorId: string,
	id: string,
	input: { file: File | null; alt: string }
): Promise<{ ok: true } | Failure<'notFound' | 'fileRequired' | 'altRequired'> | FileFailure> {
	const current = await findConsultationById(deps.db, id);
	if (!current) return { ok: false, reason: 'notFound' };
	if (!input.file && !current.coverFileId) return { ok: false, reason: 'fileRequired' };
	if (!input.alt) return { ok: false, reason: 'altRequired' };
	const storage = fileStorage(deps.config);

	if (!input.file) {
		return deps.db.transaction().execute(async (trx) => {
			if (!(await lockConsultation(trx, id))) return { ok: false, reason: 'notFound' };
			const locked = (await findConsultationById(trx, id))!;
			if (!locked.coverFileId) return { ok: false, reason: 'fileRequired' };
			await setConsultationCover(trx, id, { fileId: locked.coverFileId, alt: input.alt });
			await audit(trx, actorId, 'cover_updated', id, { alt: input.alt });
			return { ok: true };
		});
	}

	const processed = await processCoverImage(new Uint8Array(await input.file.arrayBuffer()));
	if (!processed.ok) return { ok: false, reason: 'file', error: processed.error };
	const image = processed.image;
	const outcome = await withStoredBytes(storage, image.bytes, (stored) =>
		deps.db.transaction().execute(async (trx) => {
			if (!(await lockConsultation(trx, id)))
				return { ok: false as const, reason: 'notFound' as const };
			const previous = (await findConsultationById(trx, id))!.coverFileId;
			const fileId = await insertFile(trx, {
				...stored,
				mimeType: image.mimeType,
				originalName: cleanFileName(input.file!.name, 'titelbild', 'jpg'),
				width: image.width,
				height: image.height,
				createdBy: actorId
			});
			await setConsultationCover(trx, id, { fileId, alt: input.alt });
			const oldKey = await dropFile(trx, previous);
			await audit(trx, actorId, 'cover_updated', id, { fileId, alt: input.alt });
			return { ok: true as const, oldKey };
		})
	);
	if (!outcome.ok) return outcome;
	await removeBytes(storage, outcome.oldKey);
	return { ok: true };
}

export async function removeCover(
	deps: ConsultationDeps,
	actorId: string,
	id: string
): Promise<{ ok: true } | Failure<'notFound'>> {
	const outcome = await deps.db.transaction().execute(async (trx) => {
		if (!(await lockConsultation(trx, id)))
			return { ok: false as const, reason: 'notFound' as const };
		const previous = (await findConsultationById(trx, id))!.coverFileId;
		await setConsultationCover(trx, id, { fileId: null, alt: '' });
		const oldKey = await dropFile(trx, previous);
		await audit(trx, actorId, 'cover_removed', id);
		return { ok: true as const, oldKey };
	});
	if (!outcome.ok) return outcome;
	await removeBytes(fileStorage(deps.config), outcome.oldKey);
	return { ok: true };
}

export async function addDocument(
	deps: ConsultationDeps,
	actorId: string,
	id: string,
	input: { file: File; title: string }
): Promise<{ ok: true; documentId: string } | Failure<'notFound'> | FileFailure> {
	if (!(await findConsultationById(deps.db, id))) return { ok: false, reason: 'notFound' };
	const bytes = new Uint8Array(await input.file.arrayBuffer());
	const checked = checkPdf(bytes);
	if (!checked.ok) return { ok: false, reason: 'file', error: checked.error };
	return withStoredBytes(fileStorage(deps.config), bytes, (stored) =>
		deps.db.transaction().execute(async (trx) => {
			if (!(await lockConsultation(trx, id)))
				return { ok: false as const, reason: 'notFound' as const };
			const fileId = await insertFile(trx, {
				...stored,
				mimeType: 'application/pdf',
				originalName: cleanFileName(input.file.name, 'dokument', 'pdf'),
				createdBy: actorId
			});
			const documentId = await insertDocument(trx, {
				consultationId: id,
				fileId,
				title: input.title
			});
			await touchConsultation(trx, id);
			await audit(trx, actorId, 'document_added', id, { documentId, title: input.title });
			return { ok: true as const, documentId };
		})
	);
}

export async function removeDocument(
	deps: ConsultationDeps,
	actorId: string,
	id: string,
	documentId: string
): Promise<{ ok: true } | Failure<'notFound'>> {
	const outcome = await deps.db.transaction().execute(async (trx) => {
		const removed = await deleteDocument(trx, id, documentId);
		if (!removed) return { ok: false as const, reason: 'notFound' as const };
		const key = await dropFile(trx, removed.fileId);
		await touchConsultation(trx, id);
		await audit(trx, actorId, 'document_removed', id, { documentId, title: removed.title });
		return { ok: true as const, key };
	});
	if (!outcome.ok) return outcome;
	await removeBytes(fileStorage(deps.config), outcome.key);
	return { ok: true };
}
