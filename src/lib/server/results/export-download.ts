import { error, type RequestEvent } from '@sveltejs/kit';
import { messages } from '../../i18n/index.ts';
import { appContext } from '../app.ts';
import { requireRole } from '../auth/guards.ts';
import { attachment } from '../http/download.ts';
import {
	parseExportQuery,
	surveyCodebook,
	surveyExport,
	type ExportFile,
	type ExportFormat
} from './export.service.ts';

/**
 * What every export route shares: planners only, a clear 400 for a bad query, 404 for an unknown
 * survey, then the file as a stream that no cache keeps (it holds what residents wrote).
 */
export async function exportDownload(
	event: RequestEvent,
	format: ExportFormat | 'codebook'
): Promise<Response> {
	requireRole(event, 'planner');
	const { locale } = event.locals;
	const parsed = parseExportQuery(event.url.searchParams, locale);
	if (!parsed.ok) error(400, parsed.message);
	const { db } = await appContext();
	const surveyId = event.params.id ?? '';
	const file =
		format === 'codebook'
			? await surveyCodebook(db, surveyId, parsed.options, locale)
			: await surveyExport(db, surveyId, format, parsed.options, locale);
	if (!file) error(404, messages(locale).error404);
	return downloadResponse(file);
}

export function downloadResponse(file: ExportFile): Response {
	return new Response(file.body, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': attachment(file.asciiName, file.name),
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
