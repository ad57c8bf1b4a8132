import { error, json, type RequestEvent } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { messages, type Locale } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import {
	meetingOr404,
	requireClerkApi,
	requireSameOrigin
} from '$lib/server/meetings/clerk-access.ts';
import type { PublishResult } from '$lib/server/meetings/recording-publish.ts';
import {
	CHUNK_BYTES,
	abandonUpload,
	appendChunk,
	uploadOffset
} from '$lib/server/meetings/recording-upload.ts';

// One resumable upload: GET/HEAD tell the offset, PATCH appends a chunk there, DELETE abandons it.
// The protocol is described in src/lib/server/meetings/recording-upload.ts.
const CHUNK_TYPE = 'application/offset+octet-stream';
const DIGITS = /^\d{1,16}$/;

async function begin(event: RequestEvent<{ id: string; uploadId: string }>) {
	const user = requireClerkApi(event);
	const ctx = await appContext();
	const meeting = await meetingOr404(ctx.db, event, event.params.id);
	if (!isUuid(event.params.uploadId)) error(404, messages(event.locals.locale).recErr_notFound);
	return { user, ctx, meetingId: meeting.id, uploadId: event.params.uploadId.toLowerCase() };
}

function offsetResponse(status: number, offset: number, body?: Record<string, unknown>) {
	const headers = { 'upload-offset': String(offset), 'cache-control': 'no-store' };
	return body
		? json({ offset, ...body }, { status, headers })
		: new Response(null, { status, headers });
}

export const GET: RequestHandler = async (event) => {
	const { ctx, meetingId, uploadId } = await begin(event);
	const upload = await uploadOffset(ctx, meetingId, uploadId);
	if (!upload) error(404, messages(event.locals.locale).recErr_notFound);
	return json(
		{ offset: upload.receivedBytes, total: upload.totalBytes },
		{
			headers: {
				'upload-offset': String(upload.receivedBytes),
				'upload-length': String(upload.totalBytes),
				'cache-control': 'no-store'
			}
		}
	);
};

function published(result: PublishResult, offset: number, locale: Locale): Response {
	const m = messages(locale);
	if (result.ok) return offsetResponse(200, offset, { state: 'queued' });
	switch (result.reason) {
		case 'rejected': {
			// ffprobe's own German message names the limit or codec; English gets the short form.
			const reason = locale === 'de' ? result.message : m[`recReject_${result.rejection}`];
			return offsetResponse(422, offset, { rejected: true, error: reason });
		}
		case 'ffmpegMissing':
			return offsetResponse(503, offset, { error: result.message });
		case 'busy':
			return offsetResponse(409, offset, { error: m.recErr_busy });
		case 'notFound':
			return offsetResponse(404, offset, { error: m.recErr_notFound });
	}
}

export const PATCH: RequestHandler = async (event) => {
	requireSameOrigin(event);
	const { user, ctx, meetingId, uploadId } = await begin(event);
	const m = messages(event.locals.locale);
	const headers = event.request.headers;
	const type = headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
	if (type !== CHUNK_TYPE) error(415, m.error415);
	const offset = headers.get('upload-offset') ?? '';
	const length = headers.get('content-length') ?? '';
	if (!DIGITS.test(offset)) error(400, m.error400);
	if (!DIGITS.test(length) || Number(length) > CHUNK_BYTES) error(413, m.error413);
	const result = await appendChunk(ctx, {
		meetingId,
		uploadId,
		userId: user.id,
		offset: Number(offset),
		length: Number(length),
		body: event.request.body as AsyncIterable<Uint8Array> | null
	});
	if (result.ok && result.published) {
		return published(result.published, result.offset, event.locals.locale);
	}
	if (result.ok) return offsetResponse(204, result.offset);
	switch (result.reason) {
		case 'notFound':
			return json({ error: m.recErr_notFound }, { status: 404 });
		case 'conflict':
			return offsetResponse(409, result.offset, { error: m.recErr_conflict });
		case 'tooLarge':
			return offsetResponse(413, result.offset, { error: m.recErr_tooLarge });
		case 'interrupted':
			return offsetResponse(400, result.offset, { error: m.error400 });
	}
};

export const DELETE: RequestHandler = async (event) => {
	requireSameOrigin(event);
	const { user, ctx, meetingId, uploadId } = await begin(event);
	if (!(await abandonUpload(ctx, user.id, meetingId, uploadId))) {
		error(404, messages(event.locals.locale).recErr_notFound);
	}
	return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
};
