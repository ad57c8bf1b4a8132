import { error, type RequestEvent } from '@sveltejs/kit';
import { messages } from '../../i18n/index.ts';
import { appContext } from '../app.ts';
import type { Publication } from './publications.repository.ts';
import { lookupPublished } from './published-results.ts';
import type { PublishedResults } from '../../results/publication.ts';

/**
 * What the page, the JSON and the CSV of published results share: 404 for a survey whose results
 * were never published (or an address that is no survey), 410 Gone once withdrawn.
 */
export async function requirePublished(
	event: RequestEvent
): Promise<{ publication: Publication; document: PublishedResults }> {
	const m = messages(event.locals.locale);
	const found = await lookupPublished(await appContext(), event.params.id ?? '');
	if (found.status === 'missing') error(404, m.error404);
	if (found.status === 'withdrawn') error(410, m.rpWithdrawnPage);
	return found;
}

// Published numbers change only when a planner updates them; a minute of caching spares the
// database when a link is shared, and an update or withdrawal shows within that minute.
export const PUBLIC_CACHE = 'public, max-age=60';
