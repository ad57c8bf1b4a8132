import type { RequestHandler } from './$types';
import { exportDownload } from '$lib/server/mapcomments/export-download.ts';
import { commentsCsv } from '$lib/server/mapcomments/export.ts';

// `?trennzeichen=semikolon`: German Excel splits columns at semicolons (the comma is its decimal
// separator); anything else gives the standard comma (RFC 4180).
export const GET: RequestHandler = (event) => {
	const sep = event.url.searchParams.get('trennzeichen') === 'semikolon' ? ';' : ',';
	return exportDownload(event, {
		extension: 'csv',
		contentType: 'text/csv; charset=utf-8; header=present',
		body: (rows, origin, slug) => commentsCsv(rows, origin, slug, sep)
	});
};
