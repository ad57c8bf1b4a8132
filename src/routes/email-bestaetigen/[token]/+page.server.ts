import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { appContext } from '$lib/server/app.ts';
import { confirmEmailChange, verifyEmail } from '$lib/server/auth/accounts.ts';

// The link opens a page with a button rather than confirming on GET: mail scanners and link
// previews fetch links, and must not use up a single-use token.
export const load: PageServerLoad = ({ url }) => ({ change: url.searchParams.has('aenderung') });

export const actions: Actions = {
	default: async ({ params, url }) => {
		const ctx = await appContext();
		const change = url.searchParams.has('aenderung');
		const ok = change
			? await confirmEmailChange(ctx, params.token)
			: await verifyEmail(ctx, params.token);
		if (!ok) return fail(400, { ok: false, change });
		return { ok: true, change };
	}
};
