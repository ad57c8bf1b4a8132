import { error, type RequestEvent } from '@sveltejs/kit';
import { messages } from '../../i18n/index.ts';
import { appContext } from '../app.ts';
import { requireRole } from '../auth/guards.ts';
import { isUuid } from '../db/ids.ts';
import { findExportSource, listExportRows, type ExportRow } from './export.repository.ts';

/** One export format: its file name extension, media type and how the rows are written. */
export interface ExportFormat {
	extension: string;
	contentType: string;
	body: (rows: ExportRow[], origin: string, slug: string) => string;
}

/**
 * What both export routes share: planners only, 404 for an unknown consultation or one without a
 * map stage, then the stage's visible comments as a download that no cache keeps.
 */
export async function exportDownload(event: RequestEvent, format: ExportFormat): Promise<Response> {
	requireRole(event, 'planner');
	const m = messages(event.locals.locale);
	const consultationId = event.params.id ?? '';
	if (!isUuid(consultationId)) error(404, m.error404);
	const { db, config } = await appContext();
	const source = await findExportSource(db, consultationId);
	if (!source) error(404, m.error404);
	const rows = await listExportRows(db, source.stageId);
	return new Response(format.body(rows, config.origin, source.slug), {
		headers: {
			'content-type': format.contentType,
			'content-disposition': `attachment; filename="kartenhinweise-${source.slug}.${format.extension}"`,
			'cache-control': 'no-store'
		}
	});
}
