import { createHash } from 'node:crypto';
import { checkPdf, cleanFileName, type DocumentError } from '../media/documents.ts';
import { insertFile } from '../media/files.repository.ts';
import { fileStorage, newStorageKey } from '../media/storage.ts';
import { agendaItemBelongs, insertPaper, softDeletePaper } from './agenda.repository.ts';
import { auditMeeting, type Failure, type MeetingDeps } from './audit.ts';
import { changeAgenda } from './meetings.service.ts';

// Papers (Vorlagen) of an agenda item: a link into the council information system or an uploaded
// PDF. PDF bytes are stored before the transaction that records them and removed again if it
// fails, so a row never points at missing bytes.

export interface NewPaper {
	itemId: string;
	name: string;
	reference: string | null;
	url: string | null;
	pdf: File | null;
}

type FileFailure = { ok: false; reason: 'file'; error: DocumentError };

export async function addPaper(
	deps: MeetingDeps,
	actorId: string,
	meetingId: string,
	paper: NewPaper
): Promise<{ ok: true; id: string } | Failure<'notFound'> | FileFailure> {
	if (!paper.pdf) return recordPaper(deps, actorId, meetingId, paper, null);
	const bytes = new Uint8Array(await paper.pdf.arrayBuffer());
	const checked = checkPdf(bytes);
	if (!checked.ok) return { ok: false, reason: 'file', error: checked.error };
	const storage = fileStorage(deps.config);
	const storageKey = newStorageKey();
	await storage.put(storageKey, bytes);
	const stored = {
		storageKey,
		sha256: createHash('sha256').update(bytes).digest('hex'),
		sizeBytes: bytes.byteLength,
		originalName: cleanFileName(paper.pdf.name, 'vorlage', 'pdf')
	};
	try {
		const result = await recordPaper(deps, actorId, meetingId, paper, stored);
		if (!result.ok) await storage.delete(storageKey);
		return result;
	} catch (err) {
		await storage.delete(storageKey);
		throw err;
	}
}

type StoredBytes = { storageKey: string; sha256: string; sizeBytes: number; originalName: string };

function recordPaper(
	deps: MeetingDeps,
	actorId: string,
	meetingId: string,
	paper: NewPaper,
	stored: StoredBytes | null
) {
	return changeAgenda(deps, meetingId, async (trx) => {
		if (!(await agendaItemBelongs(trx, meetingId, paper.itemId))) return null;
		const fileId = stored
			? await insertFile(trx, { ...stored, mimeType: 'application/pdf', createdBy: actorId })
			: null;
		const id = await insertPaper(trx, paper.itemId, {
			name: paper.name,
			reference: paper.reference,
			url: stored ? null : paper.url,
			fileId
		});
		await auditMeeting(trx, actorId, 'paper', 'created', id, {
			meetingId,
			agendaItemId: paper.itemId,
			kind: stored ? 'pdf' : 'link'
		});
		return { id };
	});
}

/** Soft delete: OParl lists the paper as deleted; its PDF stays for that record. */
export function deletePaper(
	deps: MeetingDeps,
	actorId: string,
	meetingId: string,
	paperId: string
) {
	return changeAgenda(deps, meetingId, async (trx) => {
		const removed = await softDeletePaper(trx, meetingId, paperId, new Date());
		if (!removed) return null;
		await auditMeeting(trx, actorId, 'paper', 'deleted', paperId, {
			meetingId,
			name: removed.name
		});
		return { id: paperId };
	});
}
