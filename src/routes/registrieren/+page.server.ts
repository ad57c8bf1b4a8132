import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath, messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { register } from '$lib/server/auth/accounts.ts';
import { registerForm } from '$lib/server/auth/forms.ts';
import { fieldError, parseForm } from '$lib/server/http/forms.ts';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, localizePath('/konto', locals.locale));
};

export const actions: Actions = {
	default: async (event) => {
		const { request, locals } = event;
		const m = messages(locals.locale);
		const parsed = parseForm(registerForm, await request.formData(), locals.locale);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, done: false });
		const result = await register(await appContext(), {
			...parsed.data,
			locale: locals.locale,
			clientAddress: event.getClientAddress()
		});
		const values = { email: parsed.data.email, displayName: parsed.data.displayName ?? '' };
		if (!result.ok) {
			if (result.reason === 'rateLimited') {
				return fail(429, {
					errors: fieldError('form', m.registerRateLimited),
					values,
					done: false
				});
			}
			return fail(400, { errors: fieldError('password', m[result.reason]), values, done: false });
		}
		return { done: true, errors: undefined, values: undefined };
	}
};
