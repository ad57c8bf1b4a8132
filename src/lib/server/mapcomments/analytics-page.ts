import type { AppContext } from '../context.ts';
import { findConsultationById } from '../consultations/consultations.repository.ts';
import type {
	AnalyticsFilter,
	AnalyticsMarkers,
	MapAnalytics
} from '../../mapcomments/analytics.ts';
import type { MapStage } from '../../mapcomments/types.ts';
import { analyticsMarkers, mapAnalytics } from './analytics.ts';
import { parseAnalyticsQuery, type AnalyticsQueryError } from './analytics-query.ts';
import { findStageOfConsultation } from './stages.service.ts';

// What the analysis page needs, in one call: the consultation, its stage, the parsed selection,
// the counts and the chosen view's markers. The route only checks the role and renders.

export interface AnalyticsPage {
	consultation: { id: string; slug: string; title: string };
	/** null: the consultation has no map stage yet (the page says how to set one up). */
	analysis: {
		stage: MapStage;
		filter: AnalyticsFilter;
		analytics: MapAnalytics;
		view: AnalyticsMarkers;
		tiles: { attribution: string; maxZoom: number } | null;
	} | null;
}

export async function loadAnalyticsPage(
	ctx: Pick<AppContext, 'db' | 'config'>,
	consultationId: string,
	params: URLSearchParams
): Promise<
	{ ok: true; page: AnalyticsPage } | { ok: false; error: 'notFound' | AnalyticsQueryError }
> {
	const consultation = await findConsultationById(ctx.db, consultationId);
	if (!consultation) return { ok: false, error: 'notFound' };
	const head = { id: consultation.id, slug: consultation.slug, title: consultation.title };
	const stage = await findStageOfConsultation(ctx.db, consultation.id);
	if (!stage) return { ok: true, page: { consultation: head, analysis: null } };
	const query = parseAnalyticsQuery(stage, params);
	if (!query.ok) return query;
	const [analytics, view] = await Promise.all([
		mapAnalytics(ctx.db, stage, query.filter),
		analyticsMarkers(ctx.db, stage, query.filter)
	]);
	const tiles = ctx.config.map.tiles;
	return {
		ok: true,
		page: {
			consultation: head,
			analysis: {
				stage,
				filter: query.filter,
				analytics,
				view,
				tiles:
					stage.baseMap && tiles ? { attribution: tiles.attribution, maxZoom: tiles.maxZoom } : null
			}
		}
	};
}
