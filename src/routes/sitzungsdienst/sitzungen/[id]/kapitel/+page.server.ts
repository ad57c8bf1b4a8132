import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { format, messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireClerk } from '$lib/server/meetings/clerk.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import { formValues } from '$lib/server/http/forms.ts';
import { mediaStore } from '$lib/server/media/media-store.ts';
import { loadChapterEditor } from '$lib/server/meetings/chapter-editor.ts';
import { saveChapterMarks } from '$lib/server/meetings/chapter-marks.ts';
import { queueThumbnails } from '$lib/server/meetings/transcode-jobs.ts';

export const load: PageServerLoad = async (event) => {
	requireClerk(event);
	const m = messages(event.locals.locale);
	if (!isUuid(event.params.id)) error(404, m.error404);
	const { db, config } = await appContext();
	const editor = await loadChapterEditor(db, mediaStore(config), event.params.id);
	if (!editor) error(404, m.error404);
	return editor;
};

export const actions: Actions = {
	default: async (event) => {
		const clerk = requireClerk(event);
		const m = messages(event.locals.locale);
		if (!isUuid(event.params.id)) error(404, m.error404);
		const form = await event.request.formData();
		const raw = Object.fromEntries(
			[...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string')
		);
		const ctx = await appContext();
		const result = await saveChapterMarks(ctx.db, clerk.id, event.params.id, raw);
		if (!result.ok && result.reason === 'noArchive') error(409, m.chapEditorNoArchive);
		if (!result.ok) {
			const errors = Object.fromEntries(
				result.errors.map((e) => [e.field, format(m[e.key], e.params)])
			);
			return fail(400, { errors, values: formValues(form) });
		}
		if (result.changed === 0) return { message: m.chapEditorUnchanged };
		// Thumbnails are taken at the chapter starts, so new marks need new ones (after the commit:
		// the job reads the marks that are now stored).
		await queueThumbnails(ctx, result.recordingId);
		return { message: m.chapEditorSavedThumbs };
	}
};
