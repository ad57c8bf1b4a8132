import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath, messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { login } from '$lib/server/auth/accounts.ts';
import { setSessionCookie } from '$lib/server/auth/cookies.ts';
import { loginForm } from '$lib/server/auth/forms.ts';
import { safeReturnPath } from '$lib/server/auth/guards.ts';
import { fieldError, parseForm } from '$lib/server/http/forms.ts';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, localizePath('/konto', locals.locale));
	return { required: url.searchParams.has('weiter') };
};

export const actions: Actions = {
	default: async (event) => {
		const { request, locals, cookies, url } = event;
		const m = messages(locals.locale);
		const parsed = parseForm(loginForm, await request.formData(), locals.locale);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const ctx = await appContext();
		const result = await login(ctx, {
			...parsed.data,
			locale: locals.locale,
			clientAddress: event.getClientAddress()
		});
		const values = { email: parsed.data.email };
		if (!result.ok) {
			const status = { invalid: 400, rateLimited: 429, unverified: 403, disabled: 403 }[
				result.reason
			];
			const message = {
				invalid: m.loginFailed,
				rateLimited: m.loginRateLimited,
				unverified: m.loginUnverified,
				disabled: m.loginDisabled
			}[result.reason];
			return fail(status, { errors: fieldError('form', message), values });
		}
		setSessionCookie(cookies, ctx.config, result.token, result.expiresAt);
		redirect(303, safeReturnPath(url.searchParams.get('weiter'), localizePath('/', locals.locale)));
	}
};
