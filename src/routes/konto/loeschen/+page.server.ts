import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath, messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { deleteSessionCookie } from '$lib/server/auth/cookies.ts';
import { confirmPasswordForm } from '$lib/server/auth/forms.ts';
import { requireUser } from '$lib/server/auth/guards.ts';
import { verifyPassword } from '$lib/server/auth/passwords.ts';
import { findUserById } from '$lib/server/auth/users.repository.ts';
import { fieldError, parseForm } from '$lib/server/http/forms.ts';
import { deleteAccount } from '$lib/server/privacy/account-data.ts';

export const load: PageServerLoad = (event) => {
	requireUser(event);
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const { locale } = event.locals;
		const parsed = parseForm(confirmPasswordForm, await event.request.formData(), locale);
		if (!parsed.ok) return fail(400, { errors: parsed.errors });
		const ctx = await appContext();
		const record = await findUserById(ctx.db, user.id);
		if (
			!record?.passwordHash ||
			!(await verifyPassword(record.passwordHash, parsed.data.password))
		) {
			return fail(400, {
				errors: fieldError('password', messages(locale).accountWrongPassword)
			});
		}
		await ctx.db.transaction().execute((trx) => deleteAccount(trx, user.id));
		deleteSessionCookie(event.cookies, ctx.config);
		// Post/redirect/get to a page anyone may see: this page's own load sends visitors without
		// an account to the login, which would swallow the confirmation.
		redirect(303, localizePath('/konto/geloescht', locale));
	}
};
