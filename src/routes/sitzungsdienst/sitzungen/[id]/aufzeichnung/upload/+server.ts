import { json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';
import { format, messages } from '$lib/i18n/index.ts';
import { formatSize } from '$lib/recordings/format.ts';
import { appContext } from '$lib/server/app.ts';
import { parseForm } from '$lib/server/http/forms.ts';
import { meetingOr404, requireClerkApi } from '$lib/server/meetings/clerk-access.ts';
import { CHUNK_BYTES, startUpload } from '$lib/server/meetings/recording-upload.ts';
import { findRecordingByMeeting } from '$lib/server/meetings/recordings.repository.ts';
import { parseBerlinDateTime } from '$lib/server/surveys/local-time.ts';

// Starts (or resumes) a resumable upload; the protocol is described in recording-upload.ts.
const schema = z.object({
	name: z.string({ error: 'vRequired' }).max(1000, 'vTooLong:1000'),
	size: z
		.string({ error: 'vRequired' })
		.regex(/^\d{1,16}$/, 'recErr_size')
		.transform(Number),
	startedAt: z.string().max(40).optional(),
	replace: z.string().max(10).optional()
});

export const POST: RequestHandler = async (event) => {
	const user = requireClerkApi(event);
	const ctx = await appContext();
	const meeting = await meetingOr404(ctx.db, event, event.params.id);
	const m = messages(event.locals.locale);
	const parsed = parseForm(schema, await event.request.formData(), event.locals.locale);
	if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
	const { name, size, replace } = parsed.data;
	const startedAt = parseBerlinDateTime(parsed.data.startedAt ?? '');
	if (!startedAt.ok) return json({ errors: { startedAt: m.recErr_startedAt } }, { status: 400 });
	if ((await findRecordingByMeeting(ctx.db, meeting.id)) && !replace) {
		return json({ errors: { replace: m.recErr_replace } }, { status: 409 });
	}
	const result = await startUpload(ctx, {
		meetingId: meeting.id,
		userId: user.id,
		name,
		size,
		startedAt: startedAt.value
	});
	if (!result.ok) {
		const max = formatSize(ctx.config.media.maxUploadBytes, event.locals.locale);
		const field = result.reason === 'startedAt' ? 'startedAt' : 'file';
		return json(
			{ errors: { [field]: format(m[`recErr_${result.reason}`], { max }) } },
			{ status: result.reason === 'live' ? 409 : 400 }
		);
	}
	const { upload, resumed } = result;
	return json(
		{
			id: upload.id,
			offset: upload.receivedBytes,
			total: upload.totalBytes,
			resumed,
			chunkBytes: CHUNK_BYTES
		},
		{
			status: resumed ? 200 : 201,
			headers: { location: `${event.url.pathname}/${upload.id}`, 'cache-control': 'no-store' }
		}
	);
};
