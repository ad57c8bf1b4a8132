import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface ResultThemesTable {
	id: Generated<string>;
	survey_id: string;
	question_id: string;
	label: string;
	created_at: CreatedAt;
}

export interface ResultCodingsTable {
	theme_id: string;
	response_id: string;
	coded_by: string | null;
	created_at: CreatedAt;
}

export interface ResultFlagsTable {
	response_id: string;
	question_id: string;
	reason: Generated<string>;
	flagged_by: string | null;
	created_at: CreatedAt;
}

export interface ResultPublicationsTable {
	id: Generated<string>;
	survey_id: string;
	title: string;
	description: Generated<string>;
	feedback_md: Generated<string>;
	licence: string;
	min_cell: number;
	cross_tabs: JSONColumnType<unknown[], string | undefined, string>;
	snapshot: JSONColumnType<object, string, string>;
	published_by: string | null;
	first_published_at: CreatedAt;
	published_at: Timestamp;
	withdrawn_at: Timestamp | null;
}

export interface ResultTables {
	result_themes: ResultThemesTable;
	result_codings: ResultCodingsTable;
	result_flags: ResultFlagsTable;
	result_publications: ResultPublicationsTable;
}
