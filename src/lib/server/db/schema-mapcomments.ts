import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type {
	AreaPolygon,
	CommentGeometry,
	CommentStatus,
	GeometryType,
	HiddenKind,
	StageStatus
} from '../../mapcomments/types.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface MapStagesTable {
	id: Generated<string>;
	consultation_id: string;
	title: string;
	intro: Generated<string>;
	status: ColumnType<StageStatus, StageStatus | undefined, StageStatus>;
	base_map: Generated<boolean>;
	area_of_interest: JSONColumnType<AreaPolygon> | null;
	geometry_types: ColumnType<GeometryType[], GeometryType[] | undefined, GeometryType[]>;
	report_threshold: Generated<number>;
	created_by: string | null;
	created_at: CreatedAt;
	updated_at: Timestamp;
}

export interface MapCategoriesTable {
	id: Generated<string>;
	stage_id: string;
	name: string;
	color: string;
	position: number;
}

export interface MapPlansTable {
	id: Generated<string>;
	stage_id: string;
	title: string;
	description: Generated<string>;
	file_id: string;
	width: number;
	height: number;
	south: number | null;
	west: number | null;
	north: number | null;
	east: number | null;
	position: number;
	created_at: CreatedAt;
}

export interface MapPlacesTable {
	id: Generated<string>;
	stage_id: string;
	plan_id: string | null;
	name: string;
	x: number;
	y: number;
	position: number;
}

export interface MapCommentsTable {
	id: Generated<string>;
	stage_id: string;
	plan_id: string | null;
	category_id: string;
	author_id: string | null;
	title: string;
	body: string;
	geometry: JSONColumnType<CommentGeometry>;
	geometry_type: GeometryType;
	min_x: number;
	min_y: number;
	max_x: number;
	max_y: number;
	anchor_x: number;
	anchor_y: number;
	photo_file_id: string | null;
	photo_alt: Generated<string>;
	status: ColumnType<CommentStatus, CommentStatus | undefined, CommentStatus>;
	answer: Generated<string>;
	answered_at: Timestamp | null;
	answered_by: string | null;
	support_count: Generated<number>;
	reply_count: Generated<number>;
	report_count: Generated<number>;
	hidden_kind: HiddenKind | null;
	hidden_reason: Generated<string>;
	hidden_at: Timestamp | null;
	hidden_by: string | null;
	created_at: CreatedAt;
	updated_at: Timestamp;
}

export interface MapCommentRepliesTable {
	id: Generated<string>;
	comment_id: string;
	author_id: string | null;
	body: string;
	report_count: Generated<number>;
	hidden_kind: HiddenKind | null;
	hidden_reason: Generated<string>;
	hidden_at: Timestamp | null;
	hidden_by: string | null;
	created_at: CreatedAt;
}

export interface MapCommentSupportsTable {
	comment_id: string;
	user_id: string;
	created_at: CreatedAt;
}

export interface MapReportsTable {
	id: Generated<string>;
	comment_id: string | null;
	reply_id: string | null;
	reporter_id: string | null;
	reason: string;
	created_at: CreatedAt;
	resolved_at: Timestamp | null;
	resolved_by: string | null;
}

export interface MapCommentTables {
	map_stages: MapStagesTable;
	map_categories: MapCategoriesTable;
	map_plans: MapPlansTable;
	map_places: MapPlacesTable;
	map_comments: MapCommentsTable;
	map_comment_replies: MapCommentRepliesTable;
	map_comment_supports: MapCommentSupportsTable;
	map_reports: MapReportsTable;
}
