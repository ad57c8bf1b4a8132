import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import { findExportSource, listExportRows } from '$lib/server/mapcomments/export.repository.ts';
import { commentsCsv } from '$lib/server/mapcomments/export.ts';

// `?trennzeichen=semikolon`: German Excel splits columns at semicolons (the comma is its decimal
// separator); anything else gives the standard comma (RFC 4180).
export const GET: RequestHandler = async (event) => {
	requireRole(event, 'planner');
	const m = messages(event.locals.locale);
	if (!isUuid(event.params.id)) error(404, m.error404);
	const { db, config } = await appContext();
	const source = await findExportSource(db, event.params.id);
	if (!source) error(404, m.error404);
	const sep = event.url.searchParams.get('trennzeichen') === 'semikolon' ? ';' : ',';
	const rows = await listExportRows(db, source.stageId);
	return new Response(commentsCsv(rows, config.origin, source.slug, sep), {
		headers: {
			'content-type': 'text/csv; charset=utf-8; header=present',
			'content-disposition': `attachment; filename="kartenhinweise-${source.slug}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
