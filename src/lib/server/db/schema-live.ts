import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type {
	IngestHealth,
	LiveRangeKind,
	LiveRangeSource,
	RetentionMode,
	SlotKind
} from '../../live/types.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type BigIntColumn = ColumnType<string | number, string | number, string | number>;

/** Migration 202612061530_live_streaming. */
export interface LiveStreamsTable {
	meeting_id: string;
	stream_key: string;
	key_created_at: Timestamp;
	started_at: Timestamp | null;
	ended_at: Timestamp | null;
	end_reason: string | null;
	current_item_id: string | null;
	recording_id: string | null;
	console_seen_at: Timestamp | null;
	ingest: JSONColumnType<Partial<IngestHealth>, string | undefined, string>;
	ingest_updated_at: Timestamp | null;
	consent_slate_live: Generated<boolean>;
	created_at: CreatedAt;
	updated_at: Timestamp;
}

export interface LiveSessionsTable {
	id: Generated<string>;
	meeting_id: string;
	recording_id: string | null;
	dir: string;
	media_started_at: Timestamp | null;
	ended_at: Timestamp | null;
	end_reason: string | null;
	renditions: JSONColumnType<string[], string | undefined, string>;
	created_at: CreatedAt;
}

export interface LiveRangesTable {
	id: Generated<string>;
	meeting_id: string;
	kind: LiveRangeKind;
	starts_at: Timestamp;
	ends_at: Timestamp | null;
	person_id: string | null;
	source: ColumnType<LiveRangeSource, LiveRangeSource | undefined, LiveRangeSource>;
	note: string | null;
	applied_at: Timestamp | null;
	created_by: string | null;
	created_at: CreatedAt;
	updated_at: Timestamp;
	deleted_at: Timestamp | null;
}

export interface RecordingSlotsTable {
	recording_id: string;
	seq: number;
	start_ms: BigIntColumn;
	duration_ms: number;
	kind: SlotKind;
	dir: string;
	file: string;
	created_at: CreatedAt;
}

export interface LiveViewersTable {
	meeting_id: string;
	token: string;
	seen_at: Timestamp;
}

export interface LiveTables {
	live_streams: LiveStreamsTable;
	live_sessions: LiveSessionsTable;
	live_ranges: LiveRangesTable;
	recording_slots: RecordingSlotsTable;
	live_viewers: LiveViewersTable;
}

export type { RetentionMode };
