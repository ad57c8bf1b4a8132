import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import { isUuid } from '../db/ids.ts';
import type { CrossTabSpec, ResultsSnapshot } from '../../results/publication.ts';

export interface Publication {
	surveyId: string;
	title: string;
	description: string;
	feedbackMd: string;
	licence: string;
	minCell: number;
	crossTabs: CrossTabSpec[];
	snapshot: ResultsSnapshot;
	publishedBy: string | null;
	/** dct:issued: the first publication, kept across updates. */
	firstPublishedAt: Date;
	/** dct:modified: the last publication or update. */
	publishedAt: Date;
	withdrawnAt: Date | null;
}

export interface PublicationWrite {
	surveyId: string;
	title: string;
	description: string;
	feedbackMd: string;
	licence: string;
	minCell: number;
	crossTabs: CrossTabSpec[];
	snapshot: ResultsSnapshot;
	publishedBy: string;
}

const columns = [
	'survey_id',
	'title',
	'description',
	'feedback_md',
	'licence',
	'min_cell',
	'cross_tabs',
	'snapshot',
	'published_by',
	'first_published_at',
	'published_at',
	'withdrawn_at'
] as const;

// jsonb comes back parsed from pg, as text from some drivers: accept both.
const parsed = <T>(value: unknown): T =>
	(typeof value === 'string' ? JSON.parse(value) : value) as T;

type Row = {
	survey_id: string;
	title: string;
	description: string;
	feedback_md: string;
	licence: string;
	min_cell: number;
	cross_tabs: unknown;
	snapshot: unknown;
	published_by: string | null;
	first_published_at: Date;
	published_at: Date;
	withdrawn_at: Date | null;
};

function toPublication(r: Row): Publication {
	return {
		surveyId: r.survey_id,
		title: r.title,
		description: r.description,
		feedbackMd: r.feedback_md,
		licence: r.licence,
		minCell: r.min_cell,
		crossTabs: parsed<CrossTabSpec[]>(r.cross_tabs),
		snapshot: parsed<ResultsSnapshot>(r.snapshot),
		publishedBy: r.published_by,
		firstPublishedAt: r.first_published_at,
		publishedAt: r.published_at,
		withdrawnAt: r.withdrawn_at
	};
}

/** The survey's publication, withdrawn or not; undefined when it was never published. */
export async function findPublication(db: Db, surveyId: string): Promise<Publication | undefined> {
	if (!isUuid(surveyId)) return undefined;
	const row = await db
		.selectFrom('result_publications')
		.select(columns)
		.where('survey_id', '=', surveyId)
		.executeTakeFirst();
	return row && toPublication(row);
}

/**
 * First publication inserts; every later one (also after a withdrawal) replaces the content,
 * sets published_at (modified) and keeps first_published_at (issued).
 */
export async function savePublication(db: Db, p: PublicationWrite): Promise<void> {
	const content = {
		title: p.title,
		description: p.description,
		feedback_md: p.feedbackMd,
		licence: p.licence,
		min_cell: p.minCell,
		cross_tabs: JSON.stringify(p.crossTabs),
		snapshot: JSON.stringify(p.snapshot),
		published_by: p.publishedBy
	};
	await db
		.insertInto('result_publications')
		.values({ survey_id: p.surveyId, ...content })
		.onConflict((oc) =>
			oc
				.column('survey_id')
				.doUpdateSet({ ...content, published_at: sql`now()`, withdrawn_at: null })
		)
		.execute();
}

/** Marks the publication withdrawn; false when there was none or it already was. */
export async function markWithdrawn(db: Db, surveyId: string): Promise<boolean> {
	const result = await db
		.updateTable('result_publications')
		.set({ withdrawn_at: sql`now()` })
		.where('survey_id', '=', surveyId)
		.where('withdrawn_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

export interface DatasetRow {
	surveyId: string;
	title: string;
	description: string;
	licence: string;
	issued: Date;
	modified: Date;
	consultationTitle: string | null;
	consultationSlug: string | null;
}

/**
 * A poll's results visibility lets the public see them now: the SQL twin of visibilityBlocks
 * in publish.service.ts (closed = archived or past its closing time, as surveyState says).
 */
const visibleNow = sql<boolean>`(s.kind <> 'poll' or (s.results_visibility <> 'planners' and (s.results_visibility <> 'after_close' or s.status = 'archived' or s.closes_at <= now())))`;

/** Every publication that is not withdrawn, newest update first, for the open-data index. */
export async function listPublished(db: Db): Promise<DatasetRow[]> {
	const rows = await db
		.selectFrom('result_publications as p')
		.innerJoin('surveys as s', 's.id', 'p.survey_id')
		.leftJoin('consultations as c', (j) =>
			j.onRef('c.id', '=', 's.consultation_id').on('c.status', '!=', 'draft')
		)
		.select([
			'p.survey_id',
			'p.title',
			'p.description',
			'p.licence',
			'p.first_published_at',
			'p.published_at',
			'c.title as consultation_title',
			'c.slug as consultation_slug'
		])
		.where('p.withdrawn_at', 'is', null)
		.where(visibleNow)
		.orderBy('p.published_at', 'desc')
		.orderBy('p.survey_id')
		.execute();
	return rows.map((r) => ({
		surveyId: r.survey_id,
		title: r.title,
		description: r.description,
		licence: r.licence,
		issued: r.first_published_at,
		modified: r.published_at,
		consultationTitle: r.consultation_title,
		consultationSlug: r.consultation_slug
	}));
}

/** Of the given surveys, those with results published now (for links from public pages). */
export async function publishedSurveyIds(db: Db, surveyIds: string[]): Promise<Set<string>> {
	if (!surveyIds.length) return new Set();
	const rows = await db
		.selectFrom('result_publications as p')
		.innerJoin('surveys as s', 's.id', 'p.survey_id')
		.select('p.survey_id')
		.where('p.survey_id', 'in', surveyIds)
		.where('p.withdrawn_at', 'is', null)
		.where(visibleNow)
		.execute();
	return new Set(rows.map((r) => r.survey_id));
}
