import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath, messages, type MessageKey } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import type { SessionUser } from '$lib/server/auth/sessions.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import { parseForm, formValues, type FormErrors } from '$lib/server/http/forms.ts';
import { loadCommentPage } from '$lib/server/mapcomments/comment-details.ts';
import {
	replyToComment,
	reportContribution,
	supportComment,
	withdrawSupport,
	type Refusal
} from '$lib/server/mapcomments/interactions.ts';
import {
	answerForm,
	hideForm,
	replyForm,
	reportForm,
	targetForm
} from '$lib/server/mapcomments/moderation-forms.ts';
import {
	answerComment,
	dismissReports,
	hideContribution,
	restoreContribution
} from '$lib/server/mapcomments/moderation.ts';

type Action = 'reply' | 'support' | 'report' | 'answer' | 'moderate';

export const load: PageServerLoad = async ({ params, locals }) => {
	const m = messages(locals.locale);
	if (!isUuid(params.commentId)) error(404, m.error404);
	const { db } = await appContext();
	const page = await loadCommentPage(db, params.slug, params.commentId, locals.user);
	if (!page) error(404, m.error404);
	return page;
};

/**
 * Anonymous visitors go to the login page and come back to this comment (the action's own
 * `?/name` query is left out: after logging in they should see the page, not post again).
 */
async function begin(event: RequestEvent<{ slug: string; commentId: string }>) {
	const { locals, url, params } = event;
	if (!locals.user) {
		const back = encodeURIComponent(url.pathname);
		redirect(303, `${localizePath('/anmelden', locals.locale)}?weiter=${back}`);
	}
	const m = messages(locals.locale);
	if (!isUuid(params.commentId)) error(404, m.error404);
	return {
		user: locals.user as SessionUser,
		commentId: params.commentId,
		locale: locals.locale,
		m,
		form: await event.request.formData(),
		deps: await appContext()
	};
}

function refused(action: Action, r: Refusal, m: Record<MessageKey, string>, form?: FormData) {
	if (r.status === 404) error(404, m.error404);
	if (r.status === 403 && r.error === 'error403') error(403, m.error403);
	const errors: FormErrors = { form: m[r.error] };
	return fail(r.status, {
		action,
		errors,
		values: form ? formValues(form) : {}
	});
}

const invalid = (action: Action, errors: FormErrors, form: FormData) =>
	fail(400, { action, errors, values: formValues(form) });

const done = (action: Action, message: string) => ({ action, message });

export const actions: Actions = {
	reply: async (event) => {
		const { user, commentId, locale, m, form, deps } = await begin(event);
		const parsed = parseForm(replyForm, form, locale);
		if (!parsed.ok) return invalid('reply', parsed.errors, form);
		const result = await replyToComment(deps, user, commentId, parsed.data.body);
		return result.ok ? done('reply', m.mmReplySaved) : refused('reply', result, m, form);
	},

	support: async (event) => {
		const { user, commentId, m, deps } = await begin(event);
		const result = await supportComment(deps, user, commentId);
		return result.ok ? done('support', m.mmSupportSaved) : refused('support', result, m);
	},

	withdraw: async (event) => {
		const { user, commentId, m, deps } = await begin(event);
		const result = await withdrawSupport(deps, user, commentId);
		return result.ok ? done('support', m.mmSupportWithdrawn) : refused('support', result, m);
	},

	report: async (event) => {
		const { user, commentId, locale, m, form, deps } = await begin(event);
		const parsed = parseForm(reportForm, form, locale);
		if (!parsed.ok) return invalid('report', parsed.errors, form);
		const { targetKind, targetId, reason } = parsed.data;
		const target = { kind: targetKind, id: targetId };
		const result = await reportContribution(deps, user, commentId, target, reason);
		return result.ok ? done('report', m.mmReportSaved) : refused('report', result, m, form);
	},

	answer: async (event) => {
		const { user, commentId, locale, m, form, deps } = await begin(event);
		if (!user.roles.includes('planner')) error(403, m.error403);
		const parsed = parseForm(answerForm, form, locale);
		if (!parsed.ok) return invalid('answer', parsed.errors, form);
		const result = await answerComment(deps, user, commentId, parsed.data);
		return result.ok ? done('answer', m.mmAnswerSaved) : refused('answer', result, m, form);
	},

	hide: async (event) => {
		const { user, locale, m, form, deps } = await begin(event);
		if (!user.roles.includes('moderator')) error(403, m.error403);
		const parsed = parseForm(hideForm, form, locale);
		if (!parsed.ok) return invalid('moderate', parsed.errors, form);
		const result = await hideContribution(deps, user, parsed.data, parsed.data.reason);
		return result.ok ? done('moderate', m.mmHidden) : refused('moderate', result, m, form);
	},

	restore: async (event) => {
		const { user, locale, m, form, deps } = await begin(event);
		if (!user.roles.includes('moderator')) error(403, m.error403);
		const parsed = parseForm(targetForm, form, locale);
		if (!parsed.ok) return invalid('moderate', parsed.errors, form);
		const result = await restoreContribution(deps, user, parsed.data);
		return result.ok ? done('moderate', m.mmRestored) : refused('moderate', result, m);
	},

	dismiss: async (event) => {
		const { user, locale, m, form, deps } = await begin(event);
		if (!user.roles.includes('moderator')) error(403, m.error403);
		const parsed = parseForm(targetForm, form, locale);
		if (!parsed.ok) return invalid('moderate', parsed.errors, form);
		const result = await dismissReports(deps, user, parsed.data);
		return result.ok ? done('moderate', m.mmDismissed) : refused('moderate', result, m);
	}
};
