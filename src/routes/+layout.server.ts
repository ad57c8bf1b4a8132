import type { LayoutServerLoad } from './$types';
import { config } from '$lib/server/config.ts';

export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	demo: config().demo,
	user: locals.user && {
		email: locals.user.email,
		displayName: locals.user.displayName,
		roles: locals.user.roles,
		verified: locals.user.verified
	}
});
