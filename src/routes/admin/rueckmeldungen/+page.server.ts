import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { listFeedback, markFeedbackHandled } from '$lib/server/feedback/feedback.ts';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	return { items: await listFeedback((await appContext()).db) };
};

export const actions: Actions = {
	handled: async (event) => {
		requireRole(event, 'admin');
		const id = String((await event.request.formData()).get('id') ?? '');
		if (!(await markFeedbackHandled((await appContext()).db, id))) {
			return fail(404, { error: messages(event.locals.locale).error404 });
		}
		return { ok: true };
	}
};
