import { fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { messages, type Locale } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import { findFfmpeg } from '$lib/server/media/ffmpeg.ts';
import { removeCaptions, saveCaptions, CAPTIONS_MAX_BYTES } from '$lib/server/meetings/captions.ts';
import { meetingOr404, requireClerk } from '$lib/server/meetings/clerk-access.ts';
import {
	cancelRecordingJob,
	recordingStatus,
	retryRecordingJob
} from '$lib/server/meetings/recording-status.ts';
import { abandonUpload } from '$lib/server/meetings/recording-upload.ts';
import { listOpenUploads } from '$lib/server/meetings/recording-uploads.repository.ts';
import { toBerlinInput } from '$lib/server/surveys/local-time.ts';

// Looking for ffmpeg starts two processes; the answer changes only when someone installs it.
let ffmpegCheck: { at: number; missing: Promise<string | null> } | undefined;
function ffmpegMissing(): Promise<string | null> {
	if (!ffmpegCheck || Date.now() - ffmpegCheck.at > 60_000) {
		const missing = findFfmpeg().then((r) => (r.ok ? null : r.message));
		ffmpegCheck = { at: Date.now(), missing };
	}
	return ffmpegCheck.missing;
}

export const load: PageServerLoad = async (event) => {
	requireClerk(event);
	const { db, config } = await appContext();
	const meeting = await meetingOr404(db, event, event.params.id);
	return {
		meeting,
		status: await recordingStatus(db, meeting.id),
		openUploads: (await listOpenUploads(db, meeting.id)).map((u) => ({
			id: u.id,
			name: u.originalName,
			receivedBytes: u.receivedBytes,
			totalBytes: u.totalBytes,
			updatedAt: u.updatedAt
		})),
		defaultStart: toBerlinInput(meeting.startsAt),
		maxUploadBytes: config.media.maxUploadBytes,
		ffmpegMissing: await ffmpegMissing()
	};
};

type Section = 'state' | 'upload' | 'captions';

async function begin(event: RequestEvent<{ id: string }>) {
	const user = requireClerk(event);
	const ctx = await appContext();
	const meeting = await meetingOr404(ctx.db, event, event.params.id);
	const locale: Locale = event.locals.locale;
	return { user, ctx, meeting, m: messages(locale), form: await event.request.formData() };
}

const refused = (section: Section, errors: Record<string, string>, status = 400) =>
	fail(status, { section, errors });
const done = (section: Section, message: string) => ({ section, message });

export const actions: Actions = {
	cancel: async (event) => {
		const { user, ctx, meeting, m, form } = await begin(event);
		if (!form.get('confirm')) return refused('state', { confirm: m.recConfirmRequired });
		if (!(await cancelRecordingJob(ctx, user.id, meeting.id))) {
			return refused('state', { form: m.recNothingToCancel }, 409);
		}
		return done('state', m.recCancelled);
	},

	retry: async (event) => {
		const { user, ctx, meeting, m } = await begin(event);
		const result = await retryRecordingJob(ctx, user.id, meeting.id);
		if (result.ok) return done('state', m.recRetried);
		const message = result.reason === 'sourceMissing' ? m.recSourceMissing : m.recNotRetryable;
		return refused('state', { form: message }, 409);
	},

	discardUpload: async (event) => {
		const { user, ctx, meeting, m, form } = await begin(event);
		if (!form.get('confirm')) return refused('upload', { form: m.recConfirmRequired });
		const id = String(form.get('uploadId') ?? '');
		if (!isUuid(id) || !(await abandonUpload(ctx, user.id, meeting.id, id.toLowerCase()))) {
			return refused('upload', { form: m.recErr_notFound }, 404);
		}
		return done('upload', m.recUploadDiscarded);
	},

	captions: async (event) => {
		const { user, ctx, meeting, m, form } = await begin(event);
		const file = form.get('captions');
		if (!(file instanceof File) || file.size === 0) {
			return refused('captions', { captions: m.recCaptionsErr_file });
		}
		if (file.size > CAPTIONS_MAX_BYTES) {
			return refused('captions', { captions: m.recCaptionsErr_tooBig });
		}
		const bytes = new Uint8Array(await file.arrayBuffer());
		const result = await saveCaptions(ctx, user.id, meeting.id, bytes);
		if (!result.ok) return refused('captions', { captions: m[`recCaptionsErr_${result.reason}`] });
		return done('captions', m.recCaptionsSaved);
	},

	removeCaptions: async (event) => {
		const { user, ctx, meeting, m, form } = await begin(event);
		if (!form.get('confirm')) return refused('captions', { confirm: m.recConfirmRequired });
		if (!(await removeCaptions(ctx, user.id, meeting.id))) {
			return refused('captions', { form: m.recCaptionsNone }, 409);
		}
		return done('captions', m.recCaptionsRemoved);
	}
};
