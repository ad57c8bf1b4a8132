import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { resetPassword } from '$lib/server/auth/accounts.ts';
import { resetForm } from '$lib/server/auth/forms.ts';
import { peekToken } from '$lib/server/auth/one-time-tokens.ts';
import { fieldError, parseForm } from '$lib/server/http/forms.ts';

export const load: PageServerLoad = async ({ params }) => {
	const { db } = await appContext();
	return { valid: await peekToken(db, params.token, 'reset_password') };
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const m = messages(locals.locale);
		const parsed = parseForm(resetForm, await request.formData(), locals.locale);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, done: false });
		const result = await resetPassword(await appContext(), {
			token: params.token,
			password: parsed.data.password
		});
		if (!result.ok) {
			if (result.reason === 'invalidToken')
				return fail(400, { errors: fieldError('form', m.resetInvalid), done: false });
			return fail(400, { errors: fieldError('password', m[result.reason]), done: false });
		}
		return { done: true, errors: undefined };
	}
};
