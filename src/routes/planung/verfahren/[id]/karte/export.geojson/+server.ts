import type { RequestHandler } from './$types';
import { exportDownload } from '$lib/server/mapcomments/export-download.ts';
import { commentsGeoJson } from '$lib/server/mapcomments/export.ts';

export const GET: RequestHandler = (event) =>
	exportDownload(event, {
		extension: 'geojson',
		// RFC 7946 section 12: the registered media type.
		contentType: 'application/geo+json; charset=utf-8',
		body: (rows, origin, slug) => JSON.stringify(commentsGeoJson(rows, origin, slug))
	});
