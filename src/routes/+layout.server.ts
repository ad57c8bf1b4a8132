import type { LayoutServerLoad } from './$types';
import { localeFromPath } from '$lib/i18n/index.ts';
import { config } from '$lib/server/config.ts';

// The locale comes from `url` rather than `locals`: a load that reads the URL reruns when a
// client-side navigation goes from / to /en (both reach the same routes through the reroute
// hook); one that reads only `locals` would keep showing the previous language.
export const load: LayoutServerLoad = ({ locals, url }) => ({
	locale: localeFromPath(url.pathname),
	demo: config().demo,
	user: locals.user && {
		email: locals.user.email,
		displayName: locals.user.displayName,
		roles: locals.user.roles,
		verified: locals.user.verified
	}
});
