import type {
	ConsoleItem,
	ConsoleRange,
	ConsoleStatus,
	PublicLiveStatus
} from '../../live/console.ts';
import type { BroadcastPhase, LiveRangeKind } from '../../live/types.ts';
import type { Db } from '../db/index.ts';
import { listChapterItems } from '../meetings/chapters.repository.ts';
import { archiveBase } from '../meetings/replay.ts';
import {
	countViewers,
	ensureLiveStream,
	findLiveStream,
	listRanges,
	type LiveRange,
	type LiveStream
} from './live.repository.ts';
import { berlinClock } from './range-times.ts';

export type { ConsoleItem, ConsoleRange, ConsoleStatus, PublicLiveStatus };

/**
 * What the clerk's console and the public live page show, as plain JSON (the console polls it
 * every two seconds, the live page every five). Times are ISO strings; the console words them.
 */

export const phaseOf = (stream: Pick<LiveStream, 'startedAt' | 'endedAt'>): BroadcastPhase =>
	stream.endedAt ? 'ended' : stream.startedAt ? 'live' : 'waiting';

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

async function publicStatusOf(db: Db, stream: LiveStream): Promise<PublicLiveStatus> {
	const [ranges, items, viewers] = await Promise.all([
		listRanges(db, stream.meetingId),
		listChapterItems(db, stream.meetingId),
		countViewers(db, stream.meetingId)
	]);
	return buildPublicLiveStatus(stream, ranges, items, viewers);
}

/** The public live status, or null when the meeting has no live stream. */
export async function loadPublicLiveStatus(
	db: Db,
	meetingId: string
): Promise<PublicLiveStatus | null> {
	const stream = await findLiveStream(db, meetingId);
	return stream ? publicStatusOf(db, stream) : null;
}

/** The live part of the public meeting page: the status and, once recording, the playlist. */
export async function loadLivePage(
	db: Db,
	meetingId: string
): Promise<{ status: PublicLiveStatus; masterUrl: string | null } | null> {
	const stream = await findLiveStream(db, meetingId);
	if (!stream) return null;
	const masterUrl = stream.recordingId ? `${archiveBase(stream.recordingId)}/master.m3u8` : null;
	return { status: await publicStatusOf(db, stream), masterUrl };
}
