import { isUuid } from '../db/ids.ts';
import { sql } from 'kysely';
import type { Condition } from '../../surveys/types.ts';
import type { Db } from '../db/index.ts';
import { type SurveySummary } from './surveys.repository.ts';

// SQL the survey builder needs beyond what surveys.repository.ts offers. The caller owns the
// transaction; ids handed in here have been checked to belong to the survey being edited.

/** A SurveySummary with its consultation's title and the count of submitted responses. */
export interface SurveyListItem extends SurveySummary {
	consultationTitle: string;
	responses: number;
}

export async function listAllSurveys(db: Db): Promise<SurveyListItem[]> {
	const rows = await db
		.selectFrom('surveys')
		.innerJoin('consultations', 'consultations.id', 'surveys.consultation_id')
		.select([
			'surveys.id',
			'surveys.kind',
			'surveys.title',
			'surveys.intro',
			'surveys.mode',
			'surveys.status',
			'surveys.opens_at',
			'surveys.closes_at',
			'surveys.results_visibility',
			'surveys.version',
			'surveys.previous_version_id',
			'surveys.consultation_id',
			'consultations.title as consultation_title',
			sql<number>`(select count(*) from survey_responses r
				where r.survey_id = surveys.id and r.status = 'submitted')::int`.as('responses')
		])
		.orderBy('consultations.title')
		.orderBy('surveys.created_at', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		title: r.title,
		intro: r.intro,
		mode: r.mode,
		status: r.status,
		opensAt: r.opens_at,
		closesAt: r.closes_at,
		resultsVisibility: r.results_visibility,
		version: r.version,
		previousVersionId: r.previous_version_id,
		consultationId: r.consultation_id,
		consultationTitle: r.consultation_title,
		responses: Number(r.responses)
	}));
}

export interface ConsultationChoice {
	id: string;
	title: string;
}

/** Consultations a new survey can belong to: every one that is not archived. */
export async function listConsultationChoices(db: Db): Promise<ConsultationChoice[]> {
	return db
		.selectFrom('consultations')
		.select(['id', 'title'])
		.where('status', '!=', 'archived')
		.orderBy('title')
		.execute();
}

/**
 * Takes the survey's row lock for the rest of the transaction, so two planners' edits (and the
 * checks that guard them) run one after the other.
 */
export async function lockSurvey(db: Db, id: string): Promise<boolean> {
	if (!isUuid(id)) return false;
	const row = await db
		.selectFrom('surveys')
		.select('id')
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirst();
	return row !== undefined;
}

export async function touchSurvey(db: Db, id: string): Promise<void> {
	await db.updateTable('surveys').set({ updated_at: new Date() }).where('id', '=', id).execute();
}

export async function renamePage(db: Db, pageId: string, title: string): Promise<void> {
	await db.updateTable('survey_pages').set({ title }).where('id', '=', pageId).execute();
}

export async function deletePage(db: Db, pageId: string): Promise<void> {
	await db.deleteFrom('survey_pages').where('id', '=', pageId).execute();
}

export async function setQuestionPosition(db: Db, id: string, position: number): Promise<void> {
	await db.updateTable('survey_questions').set({ position }).where('id', '=', id).execute();
}

/** Puts the question at the end of another page. */
export async function moveQuestionToPageEnd(db: Db, id: string, pageId: string): Promise<void> {
	await db
		.updateTable('survey_questions')
		.set({
			page_id: pageId,
			position: sql<number>`coalesce((select max(position) + 1 from survey_questions where page_id = ${pageId}), 0)`
		})
		.where('id', '=', id)
		.execute();
}

export async function setQuestionText(
	db: Db,
	id: string,
	text: { title: string; help: string }
): Promise<void> {
	await db
		.updateTable('survey_questions')
		.set({ title: text.title, help: text.help })
		.where('id', '=', id)
		.execute();
}

export async function setQuestionCondition(
	db: Db,
	id: string,
	condition: Condition | null
): Promise<void> {
	await db
		.updateTable('survey_questions')
		.set({ condition: condition ? JSON.stringify(condition) : null })
		.where('id', '=', id)
		.execute();
}

/** The version made from this survey, if there is one already. */
export async function findNextVersion(
	db: Db,
	id: string
): Promise<{ id: string; version: number } | undefined> {
	return db
		.selectFrom('surveys')
		.select(['id', 'version'])
		.where('previous_version_id', '=', id)
		.orderBy('version', 'desc')
		.executeTakeFirst();
}
