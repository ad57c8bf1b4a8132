import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { PUBLIC_CACHE, requirePublished } from '$lib/server/results/published-route.ts';

// The open-data document: metadata and every published (suppressed) number; its shape is
// PublishedResults in src/lib/results/publication.ts.
export const GET: RequestHandler = async (event) => {
	const { document } = await requirePublished(event);
	return json(document, {
		headers: {
			'cache-control': PUBLIC_CACHE,
			'access-control-allow-origin': '*',
			'content-disposition': `inline; filename="ergebnisse-${document.survey.id}.json"`
		}
	});
};
