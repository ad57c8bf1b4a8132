import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { parseForm } from '$lib/server/http/forms.ts';
import type { Done } from '$lib/server/mapcomments/interactions.ts';
import { hideForm, targetForm } from '$lib/server/mapcomments/moderation-forms.ts';
import {
	dismissReports,
	hideContribution,
	moderationQueue,
	restoreContribution
} from '$lib/server/mapcomments/moderation.ts';

export const load: PageServerLoad = async (event) => {
	const moderator = requireRole(event, 'moderator');
	const { db } = await appContext();
	const queue = await moderationQueue(db, moderator);
	if (!queue.ok) error(403, messages(event.locals.locale).error403);
	return { items: queue.items, truncated: queue.truncated };
};

async function begin(event: RequestEvent) {
	const moderator = requireRole(event, 'moderator');
	return {
		moderator,
		locale: event.locals.locale,
		m: messages(event.locals.locale),
		form: await event.request.formData(),
		deps: await appContext()
	};
}

function answer(result: Done, m: ReturnType<typeof messages>, message: string, targetId: string) {
	if (result.ok) return { message, targetId };
	if (result.status === 404) error(404, m.error404);
	return fail(result.status, { errors: { form: m[result.error] }, targetId });
}

export const actions: Actions = {
	hide: async (event) => {
		const { moderator, locale, m, form, deps } = await begin(event);
		const parsed = parseForm(hideForm, form, locale);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, targetId: '' });
		const result = await hideContribution(deps, moderator, parsed.data, parsed.data.reason);
		return answer(result, m, m.mmHidden, parsed.data.targetId);
	},
	restore: async (event) => {
		const { moderator, locale, m, form, deps } = await begin(event);
		const parsed = parseForm(targetForm, form, locale);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, targetId: '' });
		const result = await restoreContribution(deps, moderator, parsed.data);
		return answer(result, m, m.mmRestored, parsed.data.targetId);
	},
	dismiss: async (event) => {
		const { moderator, locale, m, form, deps } = await begin(event);
		const parsed = parseForm(targetForm, form, locale);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, targetId: '' });
		const result = await dismissReports(deps, moderator, parsed.data);
		return answer(result, m, m.mmDismissed, parsed.data.targetId);
	}
};
