import type { Reroute } from '@sveltejs/kit';
import { stripLocale } from '$lib/i18n/index.ts';

// /en/... serves the same routes as /..., in English.
export const reroute: Reroute = ({ url }) => stripLocale(url.pathname);
