import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { assignRoles, setAccountDisabled } from '$lib/server/auth/admin.ts';
import { rolesForm } from '$lib/server/auth/forms.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { findUserById } from '$lib/server/auth/users.repository.ts';
import { listAudit } from '$lib/server/audit/audit.repository.ts';
import { ROLES } from '$lib/server/db/schema.ts';
import { translateIssue } from '$lib/server/http/forms.ts';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db } = await appContext();
	const user = await findUserById(db, event.params.id);
	if (!user || user.deletedAt) error(404, messages(event.locals.locale).error404);
	const audit = await listAudit(db, { limit: 20, offset: 0, actorOrTargetId: user.id });
	return {
		account: {
			id: user.id,
			email: user.email,
			displayName: user.displayName,
			roles: user.roles,
			verified: user.emailVerifiedAt !== null,
			disabled: user.disabledAt !== null,
			createdAt: user.createdAt
		},
		audit: audit.items,
		allRoles: ROLES
	};
};

type Outcome = Awaited<ReturnType<typeof assignRoles>>;

function answer(outcome: Outcome, locale: 'de' | 'en', success: string) {
	const m = messages(locale);
	if (outcome.ok) return { message: success };
	if (outcome.reason === 'notFound') error(404, m.error404);
	return fail(409, { error: m.adminLastAdmin });
}

export const actions: Actions = {
	roles: async (event) => {
		const admin = requireRole(event, 'admin');
		const { locale } = event.locals;
		const form = await event.request.formData();
		const parsed = rolesForm.safeParse({ roles: form.getAll('roles') });
		if (!parsed.success)
			return fail(400, { error: translateIssue(parsed.error.issues[0]!.message, locale) });
		const { db } = await appContext();
		const outcome = await db
			.transaction()
			.execute((trx) => assignRoles(trx, admin.id, event.params.id, parsed.data.roles));
		return answer(outcome, locale, messages(locale).adminRolesSaved);
	},
	disable: async (event) => {
		const admin = requireRole(event, 'admin');
		const { db } = await appContext();
		const outcome = await db
			.transaction()
			.execute((trx) => setAccountDisabled(trx, admin.id, event.params.id, true));
		return answer(outcome, event.locals.locale, messages(event.locals.locale).adminDisabled);
	},
	enable: async (event) => {
		const admin = requireRole(event, 'admin');
		const { db } = await appContext();
		const outcome = await db
			.transaction()
			.execute((trx) => setAccountDisabled(trx, admin.id, event.params.id, false));
		return answer(outcome, event.locals.locale, messages(event.locals.locale).adminEnabled);
	}
};
