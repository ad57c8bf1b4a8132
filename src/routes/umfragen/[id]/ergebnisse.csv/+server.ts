import type { RequestHandler } from './$types';
import { attachment } from '$lib/server/http/download.ts';
import { snapshotCsv } from '$lib/server/results/published-csv.ts';
import { PUBLIC_CACHE, requirePublished } from '$lib/server/results/published-route.ts';

// `?trennzeichen=semikolon`: German Excel splits columns at semicolons (the comma is its decimal
// separator); anything else gives the standard comma (RFC 4180).
export const GET: RequestHandler = async (event) => {
	const { publication } = await requirePublished(event);
	const sep = event.url.searchParams.get('trennzeichen') === 'semikolon' ? ';' : ',';
	const name = `ergebnisse-${publication.surveyId}.csv`;
	return new Response(snapshotCsv(publication.snapshot, sep), {
		headers: {
			'content-type': 'text/csv; charset=utf-8; header=present',
			'content-disposition': attachment(name, name),
			'cache-control': PUBLIC_CACHE,
			'access-control-allow-origin': '*'
		}
	});
};
