import type { BroadcastPhase, IngestHealth, LiveRangeKind } from './types.ts';

/** What the clerk's console shows (its page data and its status poll). */
export interface ConsoleItem {
	id: string;
	number: string;
	title: string;
	public: boolean;
	/** Chapter mark in ms on the recording's axis; null: not reached yet. */
	chapterStartMs: number | null;
}

export interface ConsoleRange {
	id: string;
	kind: LiveRangeKind;
	startsAt: string;
	endsAt: string | null;
	/** HH:MM:SS in Berlin, what the correction fields show. */
	start: string;
	end: string;
	source: string;
	applied: boolean;
}

export interface ConsoleStatus {
	phase: BroadcastPhase;
	startedAt: string | null;
	endedAt: string | null;
	ingestUrl: string;
	streamKey: string;
	keyCreatedAt: string;
	health: IngestHealth;
	/** Seconds since the newest segment; null before the first one. */
	lastSegmentAgeSeconds: number | null;
	currentItemId: string | null;
	/** Open ranges: non-public (by item or by the button), consent, unknown. */
	nonPublic: { since: string; byItem: boolean } | null;
	consent: { since: string } | null;
	unknown: { since: string; note: string | null } | null;
	consentSlateLive: boolean;
	viewers: number;
	recordingId: string | null;
	items: ConsoleItem[];
	ranges: ConsoleRange[];
}

/**
 * What residents may know while a meeting is streamed: no key, no health, no names. During a
 * non-public item, a non-public range or an unknown state the current item is withheld.
 */
export interface PublicLiveStatus {
	phase: BroadcastPhase;
	nonPublic: boolean;
	current: { id: string; number: string; title: string } | null;
	viewers: number;
}
