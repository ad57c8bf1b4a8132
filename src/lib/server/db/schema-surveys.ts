import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type SurveyKind = 'survey' | 'poll';
export type ParticipationMode = 'account' | 'code' | 'open';
export type SurveyStatus = 'draft' | 'published' | 'archived';
export type ResultsVisibility = 'after_vote' | 'after_close' | 'planners';

export interface SurveysTable {
	id: Generated<string>;
	consultation_id: string;
	kind: SurveyKind;
	title: string;
	intro: Generated<string>;
	mode: ParticipationMode;
	status: ColumnType<SurveyStatus, SurveyStatus | undefined, SurveyStatus>;
	opens_at: Timestamp | null;
	closes_at: Timestamp | null;
	results_visibility: ColumnType<
		ResultsVisibility,
		ResultsVisibility | undefined,
		ResultsVisibility
	>;
	version: Generated<number>;
	previous_version_id: string | null;
	created_by: string | null;
	created_at: CreatedAt;
	updated_at: Timestamp;
}

export interface SurveyPagesTable {
	id: Generated<string>;
	survey_id: string;
	position: number;
	title: Generated<string>;
}

export interface SurveyQuestionsTable {
	id: Generated<string>;
	survey_id: string;
	page_id: string;
	position: number;
	type: string;
	title: string;
	help: Generated<string>;
	required: Generated<boolean>;
	config: JSONColumnType<Record<string, unknown>, string, string>;
	condition: JSONColumnType<
		{ questionId: string; optionIds: string[] } | null,
		string | null,
		string | null
	>;
}

export interface ParticipationCodesTable {
	id: Generated<string>;
	survey_id: string;
	code_hash: string;
	batch: Generated<number>;
	created_at: CreatedAt;
	first_used_at: Timestamp | null;
}

export interface SurveyResponsesTable {
	id: Generated<string>;
	survey_id: string;
	participant_key: string;
	user_id: string | null;
	status: 'draft' | 'submitted';
	answers: JSONColumnType<Record<string, unknown>, string, string>;
	submitted_answers: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
	resume_hash: string | null;
	current_page: Generated<number>;
	survey_version: number;
	created_at: CreatedAt;
	updated_at: Timestamp;
	submitted_at: Timestamp | null;
}

export interface SurveyTables {
	surveys: SurveysTable;
	survey_pages: SurveyPagesTable;
	survey_questions: SurveyQuestionsTable;
	participation_codes: ParticipationCodesTable;
	survey_responses: SurveyResponsesTable;
}
