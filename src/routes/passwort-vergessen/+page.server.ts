import { fail } from '@sveltejs/kit';
import type { Actions } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requestPasswordReset } from '$lib/server/auth/accounts.ts';
import { forgotForm } from '$lib/server/auth/forms.ts';
import { fieldError, formValues, parseForm } from '$lib/server/http/forms.ts';

export const actions: Actions = {
	default: async (event) => {
		const { request, locals } = event;
		const form = await request.formData();
		const parsed = parseForm(forgotForm, form, locals.locale);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, done: false });
		const result = await requestPasswordReset(await appContext(), {
			email: parsed.data.email,
			locale: locals.locale,
			clientAddress: event.getClientAddress()
		});
		if (!result.ok) {
			const m = messages(locals.locale);
			return fail(429, {
				errors: fieldError('form', m.forgotRateLimited),
				values: formValues(form),
				done: false
			});
		}
		return { done: true, errors: undefined, values: undefined };
	}
};
