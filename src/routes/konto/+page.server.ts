import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { changePassword, requestEmailChange } from '$lib/server/auth/accounts.ts';
import { changeEmailForm, changePasswordForm } from '$lib/server/auth/forms.ts';
import { requireUser } from '$lib/server/auth/guards.ts';
import { findUserById } from '$lib/server/auth/users.repository.ts';
import { fieldError, formValues, parseForm } from '$lib/server/http/forms.ts';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const record = await findUserById((await appContext()).db, user.id);
	return {
		account: { email: user.email, roles: user.roles, createdAt: record?.createdAt ?? new Date() }
	};
};

export const actions: Actions = {
	email: async (event) => {
		const user = requireUser(event);
		const { locale } = event.locals;
		const m = messages(locale);
		const form = await event.request.formData();
		const parsed = parseForm(changeEmailForm, form, locale);
		if (!parsed.ok) return fail(400, { email: { errors: parsed.errors, values: parsed.values } });
		const result = await requestEmailChange(await appContext(), {
			userId: user.id,
			...parsed.data,
			locale
		});
		if (!result.ok) {
			const errors =
				result.reason === 'wrongPassword'
					? fieldError('password', m.accountWrongPassword)
					: fieldError(
							'newEmail',
							result.reason === 'same' ? m.accountEmailSame : m.accountEmailTaken
						);
			return fail(400, { email: { errors, values: formValues(form) } });
		}
		return { email: { sent: true, errors: undefined, values: undefined } };
	},
	password: async (event) => {
		const user = requireUser(event);
		const { locale, sessionId } = event.locals;
		const m = messages(locale);
		const parsed = parseForm(changePasswordForm, await event.request.formData(), locale);
		if (!parsed.ok) return fail(400, { password: { errors: parsed.errors } });
		const result = await changePassword(await appContext(), {
			userId: user.id,
			sessionId: sessionId!,
			current: parsed.data.currentPassword,
			next: parsed.data.newPassword
		});
		if (!result.ok) {
			const errors =
				result.reason === 'wrongPassword'
					? fieldError('currentPassword', m.accountWrongPassword)
					: fieldError('newPassword', m[result.reason]);
			return fail(400, { password: { errors } });
		}
		return { password: { changed: true, errors: undefined } };
	}
};
