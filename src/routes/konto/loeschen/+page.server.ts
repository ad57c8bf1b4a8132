import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { messages } from '$lib/i18n/index.ts';
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
		if (!parsed.ok) return fail(400, { errors: parsed.errors, deleted: false });
		const ctx = await appContext();
		const record = await findUserById(ctx.db, user.id);
		if (
			!record?.passwordHash ||
			!(await verifyPassword(record.passwordHash, parsed.data.password))
		) {
			return fail(400, {
				errors: fieldError('password', messages(locale).accountWrongPassword),
				deleted: false
			});
		}
		await ctx.db.transaction().execute((trx) => deleteAccount(trx, user.id));
		deleteSessionCookie(event.cookies, ctx.config);
		event.locals.user = null;
		return { deleted: true, errors: undefined };
	}
};
