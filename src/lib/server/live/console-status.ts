import type { BroadcastPhase, IngestHealth, LiveRangeKind } from '../../live/types.ts';
import type { Db } from '../db/index.ts';
import { listChapterItems } from '../meetings/chapters.repository.ts';
import {
	countViewers,
	ensureLiveStream,
	findLiveStream,
	listRanges,
	type LiveRange,
	type LiveStream
} from './live.repository.ts';
import { berlinClock } from './range-times.ts';

/**
 * What the clerk's console and the public live page show, as plain JSON (the console polls it
 * every two seconds, the live page every five). Times are ISO strings; the console words them.
 */

export const phaseOf = (stream: Pick<LiveStream, 'startedAt' | 'endedAt'>): BroadcastPhase =>
	stream.endedAt ? 'ended' : stream.startedAt ? 'live' : 'waiting';

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

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toConsoleRange(r: LiveRange): ConsoleRange {
	return {
		id: r.id,
		kind: r.kind,
		startsAt: r.startsAt.toISOString(),
		endsAt: iso(r.endsAt),
		start: berlinClock(r.startsAt),
		end: r.endsAt ? berlinClock(r.endsAt) : '',
		source: r.source,
		applied: r.appliedAt !== null
	};
}

const open = (ranges: LiveRange[], kind: LiveRangeKind) =>
	ranges.find((r) => r.kind === kind && r.endsAt === null) ?? null;

export function buildConsoleStatus(
	stream: LiveStream,
	ranges: LiveRange[],
	items: ConsoleItem[],
	viewers: number,
	ingestUrl: string,
	now = new Date()
): ConsoleStatus {
	const nonPublic = open(ranges, 'nonpublic');
	const consent = open(ranges, 'consent');
	const unknown = open(ranges, 'unknown');
	const last = stream.ingest.lastSegmentAt ? Date.parse(stream.ingest.lastSegmentAt) : NaN;
	return {
		phase: phaseOf(stream),
		startedAt: iso(stream.startedAt),
		endedAt: iso(stream.endedAt),
		ingestUrl,
		streamKey: stream.streamKey,
		keyCreatedAt: stream.keyCreatedAt.toISOString(),
		health: stream.ingest,
		lastSegmentAgeSeconds: Number.isNaN(last)
			? null
			: Math.max(0, Math.round((now.getTime() - last) / 1000)),
		currentItemId: stream.currentItemId,
		nonPublic: nonPublic
			? { since: nonPublic.startsAt.toISOString(), byItem: nonPublic.source === 'item' }
			: null,
		consent: consent ? { since: consent.startsAt.toISOString() } : null,
		unknown: unknown ? { since: unknown.startsAt.toISOString(), note: unknown.note } : null,
		consentSlateLive: stream.consentSlateLive,
		viewers,
		recordingId: stream.recordingId,
		items,
		ranges: ranges.map(toConsoleRange)
	};
}

/** The console's state from the database; creates the meeting's stream on first visit. */
export async function loadConsoleStatus(
	db: Db,
	meetingId: string,
	ingestUrl: string
): Promise<ConsoleStatus> {
	const stream = await ensureLiveStream(db, meetingId);
	const [ranges, items, viewers] = await Promise.all([
		listRanges(db, meetingId),
		listChapterItems(db, meetingId),
		countViewers(db, meetingId)
	]);
	const consoleItems = items.map((i) => ({
		id: i.id,
		number: i.number,
		title: i.title,
		public: i.public,
		chapterStartMs: i.chapterStartMs
	}));
	return buildConsoleStatus(stream, ranges, consoleItems, viewers, ingestUrl);
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

export function buildPublicLiveStatus(
	stream: Pick<LiveStream, 'startedAt' | 'endedAt' | 'currentItemId'>,
	ranges: Pick<LiveRange, 'kind' | 'endsAt'>[],
	items: Pick<ConsoleItem, 'id' | 'number' | 'title' | 'public'>[],
	viewers: number
): PublicLiveStatus {
	const phase = phaseOf(stream);
	const item = items.find((i) => i.id === stream.currentItemId) ?? null;
	const closed = ranges.some(
		(r) => r.endsAt === null && (r.kind === 'nonpublic' || r.kind === 'unknown')
	);
	const nonPublic = phase === 'live' && (closed || item?.public === false);
	return {
		phase,
		nonPublic,
		current:
			phase === 'live' && !nonPublic && item?.public
				? { id: item.id, number: item.number, title: item.title }
				: null,
		viewers: phase === 'live' ? viewers : 0
	};
}

/** The public live status, or null when the meeting has no live stream. */
export async function loadPublicLiveStatus(
	db: Db,
	meetingId: string
): Promise<PublicLiveStatus | null> {
	const stream = await findLiveStream(db, meetingId);
	if (!stream) return null;
	const [ranges, items, viewers] = await Promise.all([
		listRanges(db, meetingId),
		listChapterItems(db, meetingId),
		countViewers(db, meetingId)
	]);
	return buildPublicLiveStatus(stream, ranges, items, viewers);
}
