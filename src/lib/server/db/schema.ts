import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export const ROLES = ['resident', 'moderator', 'planner', 'clerk', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface UsersTable {
	id: Generated<string>;
	email: string | null;
	email_verified_at: Timestamp | null;
	password_hash: string | null;
	display_name: string | null;
	locale: Generated<string>;
	disabled_at: Timestamp | null;
	deleted_at: Timestamp | null;
	created_at: CreatedAt;
	updated_at: Timestamp;
}

export interface UserRolesTable {
	user_id: string;
	role: Role;
	granted_at: CreatedAt;
}

export interface SessionsTable {
	id: string;
	user_id: string;
	created_at: CreatedAt;
	expires_at: Timestamp;
	absolute_expires_at: Timestamp;
}

export type TokenPurpose = 'verify_email' | 'reset_password' | 'change_email';

export interface AuthTokensTable {
	id: string;
	user_id: string;
	purpose: TokenPurpose;
	new_email: string | null;
	created_at: CreatedAt;
	expires_at: Timestamp;
	used_at: Timestamp | null;
}

export interface RateLimitsTable {
	key: string;
	window_started_at: Timestamp;
	hits: number;
}

export interface AuditLogTable {
	id: Generated<string>;
	actor_id: string | null;
	action: string;
	target_type: string;
	target_id: string | null;
	details: JSONColumnType<Record<string, unknown>>;
	created_at: CreatedAt;
}

export interface OutboxMailsTable {
	id: Generated<string>;
	to_address: string;
	subject: string;
	body_text: string;
	created_at: CreatedAt;
}

export interface AccessibilityFeedbackTable {
	id: Generated<string>;
	name: string | null;
	email: string | null;
	page_url: string | null;
	message: string;
	created_at: CreatedAt;
	handled_at: Timestamp | null;
}

export interface ConsultationsTable {
	id: Generated<string>;
	slug: string;
	title: string;
	summary: Generated<string>;
	status: ColumnType<'draft' | 'published' | 'archived', string | undefined, string>;
	published_at: Timestamp | null;
	created_by: string | null;
	created_at: CreatedAt;
	updated_at: Timestamp;
}

export interface BodiesTable {
	id: Generated<string>;
	name: string;
	short_name: string | null;
	created_at: CreatedAt;
	updated_at: Timestamp;
}

export interface MeetingsTable {
	id: Generated<string>;
	body_id: string;
	name: string;
	starts_at: Timestamp;
	ends_at: Timestamp | null;
	location: string | null;
	state: ColumnType<'scheduled' | 'live' | 'held' | 'cancelled', string | undefined, string>;
	has_recording: Generated<boolean>;
	created_at: CreatedAt;
	updated_at: Timestamp;
}

export interface DB {
	users: UsersTable;
	user_roles: UserRolesTable;
	sessions: SessionsTable;
	auth_tokens: AuthTokensTable;
	rate_limits: RateLimitsTable;
	audit_log: AuditLogTable;
	outbox_mails: OutboxMailsTable;
	accessibility_feedback: AccessibilityFeedbackTable;
	consultations: ConsultationsTable;
	bodies: BodiesTable;
	meetings: MeetingsTable;
}
