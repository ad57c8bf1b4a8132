import fsp from 'node:fs/promises';
import path from 'node:path';
import { findLiveStream } from '../live/live.repository.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { AppContext } from '../context.ts';
import { mediaStore } from '../media/media-store.ts';
import { publishUpload, uploadPartPath, type PublishResult } from './recording-publish.ts';
import {
	advanceUpload,
	deleteUpload,
	findUpload,
	insertUpload,
	listOpenUploads,
	setUploadStartedAt,
	type RecordingUpload
} from './recording-uploads.repository.ts';

/**
 * Resumable upload of a meeting's recording (several GB). The protocol is our own, modelled on
 * tus 1.0 (https://tus.io/protocols/resumable-upload), without its extensions:
 *
 *   POST  …/aufzeichnung/upload            form fields name, size, startedAt → 201 JSON {id, offset}
 *                                           (an unfinished upload of the same name and size for
 *                                           this meeting is resumed instead: 200, its offset)
 *   HEAD  …/aufzeichnung/upload/<id>        → 204, Upload-Offset and Upload-Length headers
 *   PATCH …/aufzeichnung/upload/<id>        Upload-Offset: n, Content-Type:
 *                                           application/offset+octet-stream, at most CHUNK_BYTES
 *                                           → 204 with the new Upload-Offset; 409 with the server's
 *                                           Upload-Offset when n is not where the file ends. The
 *                                           request that brings the last byte publishes the file
 *                                           and answers 200 JSON (queued, or the reason it was
 *                                           refused); an empty PATCH at the end retries that.
 *   DELETE …/aufzeichnung/upload/<id>       abandons the upload and removes its bytes.
 *
 * Bytes go straight to `<workDir>/uploads/<id>.part`, written at the offset as they arrive and
 * flushed to disk (fsync) before `received_bytes` moves: after a crash or a dropped connection
 * the offset never counts bytes the disk does not hold. The offset moves by a conditional update
 * (`where received_bytes = n`), so two requests for the same upload, even in two processes,
 * cannot both advance it; within one process they also wait for each other.
 */

/** Chunk size the page sends; also the largest chunk accepted (hooks.server.ts allows it). */
export const CHUNK_BYTES = 8 * 1024 * 1024;
export const UPLOAD_EXTENSIONS = ['.mp4', '.mov', '.mkv'] as const;
const NAME_MAX = 255;

export { uploadPartPath };

export type StartUploadError =
	'name' | 'extension' | 'empty' | 'tooBig' | 'size' | 'startedAt' | 'live';

/** The file's own name without folders or control characters, as the browser reported it. */
export function cleanUploadName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	return (
		base
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u001f\u007f]/g, '')
			.trim()
			.slice(0, NAME_MAX)
	);
}

/** Name and size of a new upload, checked before a single byte is accepted. */
export function checkUploadRequest(
	input: { name: string; size: number },
	maxBytes: number
): StartUploadError | null {
	const name = cleanUploadName(input.name);
	if (!name) return 'name';
	const ext = path.extname(name).toLowerCase();
	if (!(UPLOAD_EXTENSIONS as readonly string[]).includes(ext)) return 'extension';
	if (!Number.isSafeInteger(input.size) || input.size < 0) return 'size';
	if (input.size === 0) return 'empty';
	if (input.size > maxBytes) return 'tooBig';
	return null;
}

async function createPartFile(file: string): Promise<void> {
	await fsp.mkdir(path.dirname(file), { recursive: true });
	await (await fsp.open(file, 'w', 0o640)).close();
}

async function partExists(file: string): Promise<boolean> {
	return (await fsp.stat(file).catch(() => null))?.isFile() ?? false;
}

/**
 * Starts an upload, or resumes the meeting's unfinished upload of a file with the same name and
 * size (a page reload loses the browser's state; the server's list is what survives).
 */
export async function startUpload(
	ctx: AppContext,
	input: { meetingId: string; userId: string; name: string; size: number; startedAt: Date | null }
): Promise<
	{ ok: true; upload: RecordingUpload; resumed: boolean } | { ok: false; reason: StartUploadError }
> {
	const problem = checkUploadRequest(input, ctx.config.media.maxUploadBytes);
	if (problem) return { ok: false, reason: problem };
	// While the meeting is streamed, its recording is the live one; an upload would replace it.
	const stream = await findLiveStream(ctx.db, input.meetingId);
	if (stream?.startedAt && !stream.endedAt) return { ok: false, reason: 'live' };
	const name = cleanUploadName(input.name);
	const { workDir } = mediaStore(ctx.config);
	const open = await listOpenUploads(ctx.db, input.meetingId);
	const same = open.find((u) => u.originalName === name && u.totalBytes === input.size);
	if (same && (await partExists(uploadPartPath(workDir, same.id)))) {
		await setUploadStartedAt(ctx.db, same.id, input.startedAt);
		return { ok: true, upload: { ...same, startedAt: input.startedAt }, resumed: true };
	}
	if (same) await deleteUpload(ctx.db, same.id);
	const upload = await insertUpload(ctx.db, {
		...input,
		originalName: name,
		totalBytes: input.size
	});
	await createPartFile(uploadPartPath(workDir, upload.id));
	return { ok: true, upload, resumed: false };
}

export type AppendResult =
	| { ok: true; offset: number; published?: PublishResult }
	| { ok: false; reason: 'notFound' }
	| { ok: false; reason: 'conflict' | 'interrupted' | 'tooLarge'; offset: number };

// Requests for one upload in this process run one after another: a client that retries after a
// dropped connection waits until the server has noticed the drop and counted what arrived.
const queues = new Map<string, Promise<unknown>>();

function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
	const previous = queues.get(key) ?? Promise.resolve();
	const next = previous.catch(() => undefined).then(work);
	queues.set(key, next);
	void next.finally(() => {
		if (queues.get(key) === next) queues.delete(key);
	});
	return next;
}

/**
 * Writes `body` at `offset` of the upload's file. Only bytes flushed to disk are counted: a body
 * that breaks off midway keeps what arrived, and the client continues from the returned offset.
 */
export function appendChunk(
	ctx: AppContext,
	input: {
		meetingId: string;
		uploadId: string;
		userId: string;
		offset: number;
		length: number;
		body: AsyncIterable<Uint8Array> | null;
	}
): Promise<AppendResult> {
	return serialized(input.uploadId, async () => {
		const upload = await findUpload(ctx.db, input.uploadId);
		if (!upload || upload.meetingId !== input.meetingId) return { ok: false, reason: 'notFound' };
		if (upload.receivedBytes !== input.offset) {
			return { ok: false, reason: 'conflict', offset: upload.receivedBytes };
		}
		if (input.offset + input.length > upload.totalBytes || input.length > CHUNK_BYTES) {
			return { ok: false, reason: 'tooLarge', offset: upload.receivedBytes };
		}
		const written = await writeAt(ctx, upload, input.offset, input.length, input.body);
		const offset = input.offset + written.bytes;
		if (written.bytes > 0 && !(await advanceUpload(ctx.db, upload.id, input.offset, offset))) {
			const now = await findUpload(ctx.db, upload.id);
			return { ok: false, reason: 'conflict', offset: now?.receivedBytes ?? 0 };
		}
		if (written.tooLarge) return { ok: false, reason: 'tooLarge', offset: input.offset };
		if (written.broken) return { ok: false, reason: 'interrupted', offset };
		if (offset < upload.totalBytes) return { ok: true, offset };
		return { ok: true, offset, published: await publishUpload(ctx, upload.id, input.userId) };
	});
}

/** Streams the body into the file at `offset`; flushed before returning, also after an error. */
async function writeAt(
	ctx: AppContext,
	upload: RecordingUpload,
	offset: number,
	length: number,
	body: AsyncIterable<Uint8Array> | null
): Promise<{ bytes: number; broken: boolean; tooLarge: boolean }> {
	const result = { bytes: 0, broken: false, tooLarge: false };
	if (!body || length === 0) return result;
	const file = uploadPartPath(mediaStore(ctx.config).workDir, upload.id);
	const handle = await fsp.open(file, 'r+');
	try {
		for await (const piece of body) {
			// More than announced: nothing of this chunk counts (the bytes beyond the offset are
			// overwritten by the next attempt).
			if (result.bytes + piece.byteLength > length) {
				result.tooLarge = true;
				result.bytes = 0;
				return result;
			}
			await handle.write(piece, 0, piece.byteLength, offset + result.bytes);
			result.bytes += piece.byteLength;
		}
	} catch (err) {
		ctx.log.info('Upload unterbrochen', { uploadId: upload.id, err: String(err) });
		result.broken = true;
	} finally {
		if (!result.tooLarge) await handle.sync();
		await handle.close();
	}
	if (!result.broken && result.bytes !== length) result.broken = true;
	return result;
}

/** The upload's offset for HEAD/GET, or null when it is unknown for this meeting. */
export async function uploadOffset(
	ctx: AppContext,
	meetingId: string,
	uploadId: string
): Promise<RecordingUpload | null> {
	const upload = await findUpload(ctx.db, uploadId);
	return upload && upload.meetingId === meetingId ? upload : null;
}

/** Abandons an unfinished upload: the row and its bytes go. */
export async function abandonUpload(
	ctx: AppContext,
	actorId: string,
	meetingId: string,
	uploadId: string
): Promise<boolean> {
	return serialized(uploadId, async () => {
		const upload = await findUpload(ctx.db, uploadId);
		if (!upload || upload.meetingId !== meetingId || upload.completedAt) return false;
		await ctx.db.transaction().execute(async (trx) => {
			await deleteUpload(trx, uploadId);
			await recordAudit(trx, {
				actorId,
				action: 'recording.upload.abandon',
				targetType: 'meeting',
				targetId: meetingId,
				details: { name: upload.originalName, receivedBytes: upload.receivedBytes }
			});
		});
		await fsp.rm(uploadPartPath(mediaStore(ctx.config).workDir, uploadId), { force: true });
		return true;
	});
}
