import { isUuid } from '../db/ids.ts';
import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import type {
	ParticipationMode,
	ResultsVisibility,
	SurveyKind,
	SurveyStatus
} from '../db/schema-surveys.ts';
import type { Condition, Question, QuestionType, SurveyPage } from '../../surveys/types.ts';

export interface SurveySummary {
	id: string;
	consultationId: string;
	kind: SurveyKind;
	title: string;
	intro: string;
	mode: ParticipationMode;
	status: SurveyStatus;
	opensAt: Date | null;
	closesAt: Date | null;
	resultsVisibility: ResultsVisibility;
	version: number;
	previousVersionId: string | null;
}

export interface Survey extends SurveySummary {
	pages: SurveyPage[];
	/** In page order, then position. */
	questions: Question[];
}

type SurveyRow = {
	id: string;
	consultation_id: string;
	kind: SurveyKind;
	title: string;
	intro: string;
	mode: ParticipationMode;
	status: SurveyStatus;
	opens_at: Date | null;
	closes_at: Date | null;
	results_visibility: ResultsVisibility;
	version: number;
	previous_version_id: string | null;
};

const surveyColumns = [
	'id',
	'consultation_id',
	'kind',
	'title',
	'intro',
	'mode',
	'status',
	'opens_at',
	'closes_at',
	'results_visibility',
	'version',
	'previous_version_id'
] as const;

function toSummary(r: SurveyRow): SurveySummary {
	return {
		id: r.id,
		consultationId: r.consultation_id,
		kind: r.kind,
		title: r.title,
		intro: r.intro,
		mode: r.mode,
		status: r.status,
		opensAt: r.opens_at,
		closesAt: r.closes_at,
		resultsVisibility: r.results_visibility,
		version: r.version,
		previousVersionId: r.previous_version_id
	};
}

// Survey structure (pages and questions) changes rarely and is read on every answer, so it is
// cached per process and keyed by the survey row's updated_at, which every structural write
// bumps. The row itself (status, opening and closing times) is read fresh each time, so closing
// stays exact. Transactions never use the cache: they may be in the middle of changing it.
const structureCache = new Map<
	string,
	{ updatedAt: number; pages: SurveyPage[]; questions: Question[] }
>();
const CACHE_LIMIT = 500;

export async function findSurvey(db: Db, id: string): Promise<Survey | undefined> {
	if (!isUuid(id)) return undefined;
	const row = await db
		.selectFrom('surveys')
		.select([...surveyColumns, 'updated_at'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row) return undefined;
	const updatedAt = row.updated_at.getTime();
	const cached = db.isTransaction ? undefined : structureCache.get(id);
	if (cached && cached.updatedAt === updatedAt) {
		return { ...toSummary(row), pages: cached.pages, questions: cached.questions };
	}
	const structure = await loadStructure(db, id);
	if (!db.isTransaction) {
		if (structureCache.size >= CACHE_LIMIT) structureCache.clear();
		structureCache.set(id, { updatedAt, ...structure });
	}
	return { ...toSummary(row), ...structure };
}

async function loadStructure(
	db: Db,
	id: string
): Promise<{ pages: SurveyPage[]; questions: Question[] }> {
	const pages = await db
		.selectFrom('survey_pages')
		.select(['id', 'position', 'title'])
		.where('survey_id', '=', id)
		.orderBy('position')
		.execute();
	const questions = await db
		.selectFrom('survey_questions')
		.innerJoin('survey_pages', 'survey_pages.id', 'survey_questions.page_id')
		.select([
			'survey_questions.id',
			'survey_questions.page_id',
			'survey_questions.position',
			'survey_questions.type',
			'survey_questions.title',
			'survey_questions.help',
			'survey_questions.required',
			'survey_questions.config',
			'survey_questions.condition'
		])
		.where('survey_questions.survey_id', '=', id)
		.orderBy('survey_pages.position')
		.orderBy('survey_questions.position')
		.execute();
	return {
		pages,
		questions: questions.map(
			(q) =>
				({
					id: q.id,
					pageId: q.page_id,
					position: q.position,
					type: q.type as QuestionType,
					title: q.title,
					help: q.help,
					required: q.required,
					config: parseJson(q.config),
					condition: parseJson(q.condition) as Condition | null
				}) as unknown as Question
		)
	};
}

/** Every write to pages or questions goes through here, so cached structures are dropped. */
async function touch(db: Db, surveyId: string): Promise<void> {
	await db
		.updateTable('surveys')
		.set({ updated_at: new Date() })
		.where('id', '=', surveyId)
		.execute();
}

// node-postgres and PGlite both parse jsonb, but a driver setting could hand back text.
export function parseJson<T>(value: T | string): T {
	return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

export async function listSurveysForConsultation(
	db: Db,
	consultationId: string,
	opts: { includeDrafts: boolean }
): Promise<SurveySummary[]> {
	let q = db
		.selectFrom('surveys')
		.select(surveyColumns)
		.where('consultation_id', '=', consultationId);
	if (!opts.includeDrafts) q = q.where('status', '!=', 'draft');
	const rows = await q.orderBy('kind').orderBy('created_at').execute();
	return rows.map(toSummary);
}

export interface NewSurvey {
	consultationId: string;
	kind: SurveyKind;
	title: string;
	intro?: string;
	mode: ParticipationMode;
	opensAt?: Date | null;
	closesAt?: Date | null;
	resultsVisibility?: ResultsVisibility;
	createdBy: string | null;
	version?: number;
	previousVersionId?: string | null;
}

export async function insertSurvey(db: Db, s: NewSurvey): Promise<string> {
	const row = await db
		.insertInto('surveys')
		.values({
			consultation_id: s.consultationId,
			kind: s.kind,
			title: s.title,
			intro: s.intro ?? '',
			mode: s.mode,
			opens_at: s.opensAt ?? null,
			closes_at: s.closesAt ?? null,
			results_visibility: s.resultsVisibility,
			created_by: s.createdBy,
			version: s.version ?? 1,
			previous_version_id: s.previousVersionId ?? null,
			updated_at: new Date()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export interface SurveySettings {
	title: string;
	intro: string;
	mode: ParticipationMode;
	status: SurveyStatus;
	opensAt: Date | null;
	closesAt: Date | null;
	resultsVisibility: ResultsVisibility;
}

export async function updateSurveySettings(
	db: Db,
	id: string,
	s: Partial<SurveySettings>
): Promise<void> {
	await db
		.updateTable('surveys')
		.set({
			...(s.title !== undefined && { title: s.title }),
			...(s.intro !== undefined && { intro: s.intro }),
			...(s.mode !== undefined && { mode: s.mode }),
			...(s.status !== undefined && { status: s.status }),
			...(s.opensAt !== undefined && { opens_at: s.opensAt }),
			...(s.closesAt !== undefined && { closes_at: s.closesAt }),
			...(s.resultsVisibility !== undefined && { results_visibility: s.resultsVisibility }),
			updated_at: new Date()
		})
		.where('id', '=', id)
		.execute();
}

export async function insertPage(db: Db, surveyId: string, title = ''): Promise<string> {
	const row = await db
		.insertInto('survey_pages')
		.values({
			survey_id: surveyId,
			title,
			position: sql<number>`coalesce((select max(position) + 1 from survey_pages where survey_id = ${surveyId}), 0)`
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await touch(db, surveyId);
	return row.id;
}

export interface QuestionDefinition {
	type: QuestionType;
	title: string;
	help: string;
	required: boolean;
	config: object;
	condition: Condition | null;
}

export async function insertQuestion(
	db: Db,
	surveyId: string,
	pageId: string,
	q: QuestionDefinition
): Promise<string> {
	const row = await db
		.insertInto('survey_questions')
		.values({
			survey_id: surveyId,
			page_id: pageId,
			position: sql<number>`coalesce((select max(position) + 1 from survey_questions where page_id = ${pageId}), 0)`,
			type: q.type,
			title: q.title,
			help: q.help,
			required: q.required,
			config: JSON.stringify(q.config),
			condition: q.condition ? JSON.stringify(q.condition) : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await touch(db, surveyId);
	return row.id;
}

export async function updateQuestion(db: Db, id: string, q: QuestionDefinition): Promise<void> {
	const row = await db
		.updateTable('survey_questions')
		.set({
			type: q.type,
			title: q.title,
			help: q.help,
			required: q.required,
			config: JSON.stringify(q.config),
			condition: q.condition ? JSON.stringify(q.condition) : null
		})
		.where('id', '=', id)
		.returning('survey_id')
		.executeTakeFirst();
	if (row) await touch(db, row.survey_id);
}

export async function deleteQuestion(db: Db, id: string): Promise<void> {
	const row = await db
		.deleteFrom('survey_questions')
		.where('id', '=', id)
		.returning('survey_id')
		.executeTakeFirst();
	if (row) await touch(db, row.survey_id);
}

/** Any response, even a draft, holds answers to the current questions. */
export async function countResponses(
	db: Db,
	surveyId: string
): Promise<{ total: number; submitted: number }> {
	const row = await db
		.selectFrom('survey_responses')
		.select([
			sql<number>`count(*)::int`.as('total'),
			sql<number>`(count(*) filter (where status = 'submitted'))::int`.as('submitted')
		])
		.where('survey_id', '=', surveyId)
		.executeTakeFirstOrThrow();
	return { total: Number(row.total), submitted: Number(row.submitted) };
}

export interface ConsultationRef {
	id: string;
	slug: string;
	title: string;
	status: string;
}

export async function findConsultationRef(
	db: Db,
	id: string
): Promise<ConsultationRef | undefined> {
	return db
		.selectFrom('consultations')
		.select(['id', 'slug', 'title', 'status'])
		.where('id', '=', id)
		.executeTakeFirst();
}
