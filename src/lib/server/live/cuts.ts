import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renditionIn } from '../archive/slot-playlist.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/index.ts';
import type { RenditionInfo } from '../db/schema.ts';
import type { Logger } from '../log.ts';
import { cutSegment, probeSegment } from '../media/ffmpeg-cut.ts';
import { mediaStore, type MediaStore } from '../media/media-store.ts';
import { findRecording, type Recording } from '../meetings/recordings.repository.ts';
import { convertArchiveToSlots } from './archive-slots.ts';
import {
	listLiveSessions,
	listRanges,
	listSlots,
	markRangeApplied,
	replaceSlots,
	type LiveRange,
	type LiveSession,
	type RecordingSlot
} from './live.repository.ts';

/**
 * Consent cuts and later non-public marks in the archive (issue #6): the slots a range overlaps
 * are re-encoded with the range blanked (black picture, silence) at the same length, so every
 * later time, chapter and OParl start/end stays valid; the rest of the recording is untouched.
 * Files are written first, the slots switched, the range marked applied and the cut audited in
 * one transaction, and the replaced originals deleted only after the commit.
 */

// The AAC encoder's delay and frame size shift sound by up to ~21 ms against the picture; the
// issue asks for at least 50 ms on both sides so no syllable of the cut range survives.
export const CUT_WIDEN_MS = 60;

export type CutReason = 'consent' | 'nonpublic';

/** Whether a range is cut in the archive: consent ranges, and non-public ones marked afterwards. */
export function isCutRange(r: LiveRange): boolean {
	return r.kind === 'consent' || (r.kind === 'nonpublic' && r.source === 'edit');
}

/** The range on the recording's axis (ms from started_at), widened, or null while it is open. */
export function cutWindow(r: LiveRange, startedAt: Date): { fromMs: number; toMs: number } | null {
	if (!r.endsAt) return null;
	return {
		fromMs: r.startsAt.getTime() - startedAt.getTime() - CUT_WIDEN_MS,
		toMs: r.endsAt.getTime() - startedAt.getTime() + CUT_WIDEN_MS
	};
}

const SLATES = new Set(['nonpublic', 'consent', 'gap']);
const overlapsSlot = (s: RecordingSlot, w: { fromMs: number; toMs: number }) =>
	s.startMs < w.toMs && s.startMs + s.durationMs > w.fromMs;

interface CutContext {
	db: AppContext['db'];
	store: MediaStore;
	recording: Recording & { outputPrefix: string };
	sessions: LiveSession[];
	log: Logger;
	signal?: AbortSignal;
}

const slotKey = (c: CutContext, dir: string, r: string, file: string) =>
	[c.recording.outputPrefix, dir, r, file].filter(Boolean).join('/');
const heldRoot = (c: CutContext) => path.join(c.store.workDir, 'live-held', c.recording.id);

/** Whether the prepared slate of a kind exists for every rendition of the recording. */
async function hasSlates(c: CutContext, kind: 'consent' | 'nonpublic'): Promise<boolean> {
	for (const r of c.recording.renditions) {
		if (!(await c.store.stat(slotKey(c, `slates/${kind}`, r.name, 'segment.m4s')))) return false;
	}
	return c.recording.renditions.length > 0;
}

/**
 * The original of a consent slot shown as a slate live: the publisher kept it under
 * live-held/<recordingId>/<sessionDir>/<R>/. Which held segment belongs to the slot is read from
 * its timestamps (session media start + segment start = the slot's place on the axis).
 */
async function heldOriginal(
	c: CutContext,
	slot: RecordingSlot,
	rendition: string
): Promise<{ init: string; segment: string } | null> {
	for (const session of c.sessions) {
		if (!session.mediaStartedAt) continue;
		const folder = path.join(heldRoot(c), session.dir, rendition);
		const files = await readdir(folder).catch(() => [] as string[]);
		const init =
			(await c.store.localPath(slotKey(c, session.dir, rendition, 'init.mp4'))) ??
			(files.includes('init.mp4') ? path.join(folder, 'init.mp4') : null);
		if (!init) continue;
		const offsetMs = session.mediaStartedAt.getTime() - c.recording.startedAt.getTime();
		const guess = Math.round((slot.startMs - offsetMs) / 2000);
		for (const n of [guess, guess - 1, guess + 1, guess + 2]) {
			const name = `segment-${String(n).padStart(5, '0')}.m4s`;
			if (n < 0 || !files.includes(name)) continue;
			const segment = path.join(folder, name);
			const at = await startOf(c, init, segment);
			if (at !== null && Math.abs(offsetMs + at * 1000 - slot.startMs) < 500) {
				return { init, segment };
			}
		}
	}
	return null;
}

async function startOf(c: CutContext, init: string, segment: string): Promise<number | null> {
	const tmp = path.join(c.store.workDir, `cut-probe-${process.pid}-${Date.now()}`);
	await mkdir(tmp, { recursive: true });
	try {
		const joined = path.join(tmp, 'probe.mp4');
		await copyFile(init, joined);
		await writeFile(joined, await readFile(segment), { flag: 'a' });
		return (await probeSegment(joined)).startSeconds;
	} catch {
		return null;
	} finally {
		await rm(tmp, { recursive: true, force: true });
	}
}

/** Where the current content of a slot's rendition is (published file, or a held original). */
async function sourceOf(
	c: CutContext,
	slot: RecordingSlot,
	rendition: string
): Promise<{ init: string; segment: string } | null> {
	if (slot.kind === 'consent') return heldOriginal(c, slot, rendition);
	const init = await c.store.localPath(slotKey(c, slot.dir, rendition, 'init.mp4'));
	const segment = await c.store.localPath(slotKey(c, slot.dir, rendition, slot.file));
	return init && segment ? { init, segment } : null;
}

/**
 * A session after a reconnect may lack a rendition; the playlist then serves the next smaller
 * one for it (renditionIn), so that is what the cut re-encodes under the rendition's name.
 */
async function smallerSource(c: CutContext, slot: RecordingSlot, rendition: string) {
	const ladder = c.recording.renditions.map((r) => r.name).filter((n) => n !== 'audio');
	const available = new Map(c.sessions.map((s) => [s.dir, s.renditions]));
	const other = renditionIn(slot.dir, rendition, { ladder, available });
	return other === rendition ? null : sourceOf(c, slot, other);
}

interface Replacement {
	slot: RecordingSlot;
	next: { seq: number; kind: RecordingSlot['kind']; dir: string; file: string };
	/** What to delete after the commit. */
	obsolete: { keys: string[]; files: string[] };
}

async function obsoleteOf(c: CutContext, slot: RecordingSlot): Promise<Replacement['obsolete']> {
	const names = c.recording.renditions.map((r) => r.name);
	if (slot.kind === 'cut') return { keys: [slotKey(c, slot.dir, '', '')], files: [] };
	if (slot.kind === 'media') {
		return { keys: names.map((r) => slotKey(c, slot.dir, r, slot.file)), files: [] };
	}
	if (slot.kind === 'consent') {
		const files: string[] = [];
		for (const r of names) {
			const held = await heldOriginal(c, slot, r);
			if (held) files.push(held.segment);
		}
		return { keys: [], files };
	}
	return { keys: [], files: [] };
}

/** Re-encodes every rendition of one slot with the window blanked into cuts/<rangeId>-<seq>. */
async function reencodeSlot(
	c: CutContext,
	range: LiveRange,
	slot: RecordingSlot,
	w: { fromMs: number; toMs: number }
): Promise<Replacement['next']> {
	const dir = `cuts/${range.id}-${slot.seq}`;
	for (const r of c.recording.renditions) {
		const source = (await sourceOf(c, slot, r.name)) ?? (await smallerSource(c, slot, r.name));
		if (!source) throw new Error(`Original fehlt: Slot ${slot.seq}, ${r.name}`);
		await cutRendition(c, r, source, dir, {
			fromSeconds: (w.fromMs - slot.startMs) / 1000,
			toSeconds: (w.toMs - slot.startMs) / 1000
		});
	}
	return { seq: slot.seq, kind: 'cut', dir, file: 'segment.m4s' };
}

async function cutRendition(
	c: CutContext,
	r: RenditionInfo,
	source: { init: string; segment: string },
	dir: string,
	span: { fromSeconds: number; toSeconds: number }
): Promise<void> {
	const local = path.join(c.store.workDir, 'cuts', c.recording.id, dir.replace('/', '_'), r.name);
	await cutSegment({ ...source, ...span, outDir: local, bandwidth: r.bandwidth, signal: c.signal });
	await c.store.publishFolder(local, slotKey(c, dir, r.name, ''));
}

/** The new content of every slot a range overlaps (files written, nothing switched yet). */
async function planRange(c: CutContext, range: LiveRange, slots: RecordingSlot[]) {
	const w = cutWindow(range, c.recording.startedAt)!;
	const reason: CutReason = range.kind === 'consent' ? 'consent' : 'nonpublic';
	const slate = (await hasSlates(c, reason)) ? `slates/${reason}` : null;
	const out: Replacement[] = [];
	try {
		await planSlots(c, range, slots, { w, reason, slate }, out);
	} catch (err) {
		// Nothing half-written: the cuts already encoded for this range are not referenced yet.
		for (const o of out)
			if (o.next.kind === 'cut') await c.store.deletePrefix(slotKey(c, o.next.dir, '', ''));
		throw err;
	}
	return { w, out };
}

async function planSlots(
	c: CutContext,
	range: LiveRange,
	slots: RecordingSlot[],
	plan: { w: { fromMs: number; toMs: number }; reason: CutReason; slate: string | null },
	out: Replacement[]
): Promise<void> {
	const { w, reason, slate } = plan;
	for (const slot of slots.filter((s) => overlapsSlot(s, w))) {
		// Already a slate that hides everything (gap, nonpublic): nothing of the camera is in it.
		if (SLATES.has(slot.kind) && slot.kind !== 'consent') continue;
		const inside = slot.startMs >= w.fromMs && slot.startMs + slot.durationMs <= w.toMs;
		// Non-public after the fact fails closed: the whole slot goes, no partial re-encode.
		const whole = inside || reason === 'nonpublic';
		const next =
			whole && slate
				? { seq: slot.seq, kind: reason, dir: slate, file: 'segment.m4s' }
				: await reencodeSlot(
						c,
						range,
						slot,
						whole ? { fromMs: slot.startMs, toMs: slot.startMs + slot.durationMs } : w
					);
		out.push({ slot, next, obsolete: await obsoleteOf(c, slot) });
	}
}

async function commitRange(
	c: CutContext,
	range: LiveRange,
	w: { fromMs: number; toMs: number },
	out: Replacement[]
): Promise<void> {
	await c.db.transaction().execute(async (trx: Db) => {
		await replaceSlots(
			trx,
			c.recording.id,
			out.map((o) => o.next)
		);
		await markRangeApplied(trx, range.id);
		await recordAudit(trx, {
			actorId: null,
			action: 'recording.cut',
			targetType: 'recording',
			targetId: c.recording.id,
			details: {
				rangeId: range.id,
				reason: range.kind,
				startsAt: range.startsAt.toISOString(),
				endsAt: range.endsAt?.toISOString() ?? null,
				fromMs: w.fromMs,
				toMs: w.toMs,
				slots: out.map((o) => o.slot.seq)
			}
		});
	});
	for (const o of out) {
		// A corrected range cut again writes to the same folder: that one is the new content.
		const current = slotKey(c, o.next.dir, '', '');
		for (const key of o.obsolete.keys) if (key !== current) await c.store.deletePrefix(key);
		for (const file of o.obsolete.files) await rm(file, { force: true });
	}
}

export type CutsOutcome =
	{ ok: true; applied: string[] } | { ok: false; reason: 'noRecording' | 'notSlots' };

/**
 * Applies every closed, unapplied cut range of the recording's meeting. Safe to run twice:
 * applied ranges are skipped; a failing ffmpeg throws before any slot changed.
 */
export async function applyCuts(
	ctx: Pick<AppContext, 'db' | 'config' | 'log'>,
	recordingId: string,
	signal?: AbortSignal
): Promise<CutsOutcome> {
	const recording = await findRecording(ctx.db, recordingId);
	if (!recording?.outputPrefix || recording.expiredAt) return { ok: false, reason: 'noRecording' };
	const store = mediaStore(ctx.config);
	const log = ctx.log.child({ recordingId });
	const ranges = (await listRanges(ctx.db, recording.meetingId)).filter(
		(r) => isCutRange(r) && r.endsAt && !r.appliedAt
	);
	if (ranges.length === 0) return { ok: true, applied: [] };
	if (recording.origin === 'upload') {
		const converted = await convertArchiveToSlots(ctx.db, store, recording);
		if (!converted.ok) {
			log.warn('Schnitt nicht möglich: Archiv lässt sich nicht in Slots fassen', converted);
			return { ok: false, reason: 'notSlots' };
		}
	}
	const c: CutContext = {
		db: ctx.db,
		store,
		recording: { ...recording, outputPrefix: recording.outputPrefix },
		sessions: await listLiveSessions(ctx.db, recording.meetingId),
		log,
		signal
	};
	const applied: string[] = [];
	for (const range of ranges) {
		const { w, out } = await planRange(c, range, await listSlots(ctx.db, recording.id));
		await commitRange(c, range, w, out);
		applied.push(range.id);
		log.info('Ausschnitt entfernt', { rangeId: range.id, slots: out.map((o) => o.slot.seq) });
	}
	await cleanHeld(c);
	return { ok: true, applied };
}

/** Held originals are only kept until every consent range of the recording is cut. */
async function cleanHeld(c: CutContext): Promise<void> {
	const open = (await listRanges(c.db, c.recording.meetingId)).some(
		(r) => r.kind === 'consent' && !r.appliedAt
	);
	if (!open) await rm(heldRoot(c), { recursive: true, force: true });
}
