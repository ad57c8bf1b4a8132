import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import { findExportSource, listExportRows } from '$lib/server/mapcomments/export.repository.ts';
import { commentsGeoJson } from '$lib/server/mapcomments/export.ts';

export const GET: RequestHandler = async (event) => {
	requireRole(event, 'planner');
	const m = messages(event.locals.locale);
	if (!isUuid(event.params.id)) error(404, m.error404);
	const { db, config } = await appContext();
	const source = await findExportSource(db, event.params.id);
	if (!source) error(404, m.error404);
	const rows = await listExportRows(db, source.stageId);
	const body = JSON.stringify(commentsGeoJson(rows, config.origin, source.slug));
	return new Response(body, {
		headers: {
			// RFC 7946 section 12: the registered media type.
			'content-type': 'application/geo+json; charset=utf-8',
			'content-disposition': `attachment; filename="kartenhinweise-${source.slug}.geojson"`,
			'cache-control': 'no-store'
		}
	});
};
