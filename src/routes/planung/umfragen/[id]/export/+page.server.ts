import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { localizePath, messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import {
	EXPORT_FORMATS,
	exportPage,
	exportQuery,
	parseExportQuery,
	type ExportFormat
} from '$lib/server/results/export.service.ts';

// The page's GET form comes back here with `format`, and is sent on to the file's own address,
// so the download keeps a readable URL that planners can bookmark or give to a script.
export const load: PageServerLoad = async (event) => {
	requireRole(event, 'planner');
	const { locale } = event.locals;
	const m = messages(locale);
	const query = event.url.searchParams;
	if (query.has('format')) {
		const format = query.get('format') as ExportFormat;
		if (!EXPORT_FORMATS.includes(format)) error(400, m.reBadFormat);
		const parsed = parseExportQuery(query, locale);
		if (!parsed.ok) error(400, parsed.message);
		const base = localizePath(`/planung/umfragen/${event.params.id}/export.${format}`, locale);
		redirect(303, `${base}?${exportQuery(parsed.options)}`);
	}
	const page = await exportPage((await appContext()).db, event.params.id, locale);
	if (!page) error(404, m.error404);
	return page;
};
