import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { findConsultationRef, findSurvey } from '../surveys/surveys.repository.ts';
import { LICENCES, type LicenceId } from '../../results/licences.ts';
import type { LicenceRef, PublishedResults } from '../../results/publication.ts';
import { findPublication, type Publication } from './publications.repository.ts';
import {
	buildSnapshot,
	publishableDashboard,
	visibilityBlocks,
	type PublishRefusal
} from './publish.service.ts';

export type PublishedLookup =
	| { status: 'missing' }
	| { status: 'withdrawn'; withdrawnAt: Date }
	| { status: 'published'; publication: Publication; document: PublishedResults };

/** A licence as the catalogue and the page name it; an id the list does not know stays as is. */
export function licenceRef(id: string): LicenceRef & { govdata: string | null } {
	const known = id in LICENCES ? LICENCES[id as LicenceId] : undefined;
	return known
		? { id, name: known.name, url: known.url, govdata: known.govdata }
		: { id, name: id, url: '', govdata: null };
}

/** The credit a re-user owes: operator and licence, as CC BY and DL-DE BY ask for. */
export const attributionText = (operator: string, licence: LicenceRef) =>
	`Quelle: ${operator}, ${licence.name}`;

/** Addresses of a publication: the page and its two machine-readable distributions. */
export function resultAddresses(origin: string, surveyId: string) {
	const html = `${origin}/umfragen/${surveyId}/ergebnisse`;
	return { html, json: `${html}.json`, csv: `${html}.csv` };
}

function toDocument(
	p: Publication,
	site: Config['site'],
	origin: string,
	consultation: PublishedResults['consultation']
): PublishedResults {
	const { id, name, url } = licenceRef(p.licence);
	const s = p.snapshot;
	return {
		version: s.version,
		title: p.title,
		description: p.description,
		feedback: p.feedbackMd,
		publisher: { name: site.operatorName, email: site.operatorEmail },
		issued: p.firstPublishedAt.toISOString(),
		modified: p.publishedAt.toISOString(),
		licence: { id, name, url },
		attribution: attributionText(site.operatorName, { id, name, url }),
		minCell: p.minCell,
		survey: { id: p.surveyId, kind: s.kind, url: `${origin}/umfragen/${p.surveyId}` },
		consultation,
		computedAt: s.computedAt,
		responses: s.responses,
		questions: s.questions,
		crossTabs: s.crossTabs,
		distributions: resultAddresses(origin, p.surveyId)
	};
}

async function consultationOf(
	db: Db,
	origin: string,
	consultationId: string
): Promise<PublishedResults['consultation']> {
	const ref = await findConsultationRef(db, consultationId);
	return ref && ref.status !== 'draft'
		? { title: ref.title, url: `${origin}/beteiligung/${ref.slug}` }
		: null;
}

/** What the public addresses of a survey's results answer: missing (404), withdrawn (410) or the data. */
export async function lookupPublished(
	deps: { db: Db; config: Config },
	surveyId: string
): Promise<PublishedLookup> {
	const publication = await findPublication(deps.db, surveyId);
	if (!publication) return { status: 'missing' };
	if (publication.withdrawnAt) return { status: 'withdrawn', withdrawnAt: publication.withdrawnAt };
	const survey = await findSurvey(deps.db, surveyId);
	if (!survey || visibilityBlocks(survey)) return { status: 'missing' };
	const { origin, site } = deps.config;
	const consultation = await consultationOf(deps.db, origin, survey.consultationId);
	const document = toDocument(publication, site, origin, consultation);
	return { status: 'published', publication, document };
}

/**
 * The public page as it would look if published now: today's numbers, the chosen cross-tabs and
 * texts of the last publication (or the survey's title). For planners; nothing is stored.
 */
export async function previewPublished(
	deps: { db: Db; config: Config },
	surveyId: string
): Promise<PublishedResults | PublishRefusal> {
	const source = await publishableDashboard(deps.db, surveyId);
	if ('ok' in source) return source;
	const stored = await findPublication(deps.db, surveyId);
	const k = deps.config.results.minCell;
	const specs = stored?.crossTabs ?? [];
	const now = new Date();
	const publication: Publication = {
		surveyId,
		title: stored?.title ?? source.survey.title,
		description: stored?.description ?? '',
		feedbackMd: stored?.feedbackMd ?? '',
		licence: deps.config.results.licence,
		minCell: k,
		crossTabs: specs,
		snapshot: await buildSnapshot(deps.db, source.dashboard, specs, k),
		publishedBy: null,
		firstPublishedAt: stored?.firstPublishedAt ?? now,
		publishedAt: now,
		withdrawnAt: null
	};
	const { origin, site } = deps.config;
	const consultation = await consultationOf(deps.db, origin, source.survey.consultationId);
	return toDocument(publication, site, origin, consultation);
}
