import { copyFile, mkdir, readFile, rename, rm, statfs } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../../src/lib/server/context.ts';
import type { RenditionInfo } from '../../../src/lib/server/db/schema.ts';
import { endBroadcast, markStateUnknown } from '../../../src/lib/server/live/broadcast.service.ts';
import { decideSlot, type DecisionState } from '../../../src/lib/server/live/decide.ts';
import {
	appendSlots,
	createLiveSession,
	findLiveStream,
	lastSlot,
	listLiveSessions,
	listRanges,
	listSlots,
	setIngestHealth,
	updateLiveSession,
	type LiveSession,
	type LiveStream,
	type RecordingSlot
} from '../../../src/lib/server/live/live.repository.ts';
import type { IngestSession } from '../../../src/lib/server/live/rtmp/server.ts';
import type { Logger } from '../../../src/lib/server/log.ts';
import { avcCodecString } from '../../../src/lib/server/media/hls-master.ts';
import type { MediaStore } from '../../../src/lib/server/media/media-store.ts';
import {
	findRecording,
	markRecordingReady,
	markLiveRecordingEmpty,
	setLiveRenditions,
	type Recording
} from '../../../src/lib/server/meetings/recordings.repository.ts';
import { queueCuts, queueThumbnails } from '../../../src/lib/server/meetings/transcode-jobs.ts';
import type { LiveWarning } from '../../../src/lib/live/types.ts';
import { isCutRange } from '../../../src/lib/server/live/cuts.ts';
import type { LivePipeline, LiveRenditionPlan, LiveSegment, LiveTranscoder } from './pipeline.ts';

/**
 * The publisher of one meeting: takes the complete segments of the meeting's encoder sessions
 * in order, asks decideSlot() what each may become, and appends the recording's slots. It is
 * the only writer of recording_slots while the broadcast runs, ticks one tick at a time, and
 * moves a segment into the media store only when it is allowed there: a non-public segment is
 * deleted, a consent segment is held privately for the archive's precise cut.
 *
 * The recording's time axis is wall clock (design.md): a segment's window is the session's first
 * media instant plus its offset, and gaps (before the first segment, while the encoder is gone)
 * are filled with `gap` slate slots, so slots stay contiguous from the clerk's start.
 */

/** Slates are 2 s; gaps are cut into pieces no longer than that. */
const SLATE_MS = 2_000;
/** A session's segments may lie this far off the slot end (clock drift, rounding) without a gap. */
const GAP_TOLERANCE_MS = 500;
/** While no encoder is connected, gap slots are appended up to this long before now. */
const LIVE_GAP_LAG_MS = 3_000;
/** No new segment for this long while connected: the console warns. */
const STALLED_MS = 8_000;
const HEALTH_EVERY_MS = 2_000;
/** After the end, a transcoder that has not flushed within this long is stopped. */
const END_DRAIN_MS = 20_000;
const AUDIO_CODECS = 'mp4a.40.2';
const NO_PICTURE =
	'Die Übertragung wurde beendet, ohne dass ein Bild des Encoders ankam. Es gibt keine Aufzeichnung; eine Datei kann hochgeladen werden.';
/**
 * A segment's window is stamped from when its first frame ARRIVED (the session's first media
 * instant plus the encoder's timestamps), which is later than when it was filmed by the
 * encoder's and the network's delay. A range's start is safe with that (frames filmed after the
 * click arrive later still), its end is not: what was filmed just before "Nichtöffentlicher Teil
 * endet" arrives after it. So every range is taken to end this much later (fail closed).
 */
export const ENCODER_DELAY_MS = 2_000;

export interface PublisherEnv {
	ctx: AppContext;
	store: MediaStore;
	pipeline: LivePipeline;
	log: Logger;
	now: () => number;
	/** When this worker began (a broadcast running then lost its encoder with the old worker). */
	startedAt: number;
}

/** One encoder connection: its row, transcoder and the segments not yet placed. */
interface Run {
	ingest: IngestSession;
	row: LiveSession;
	outDir: string;
	mediaStartedAt: number | null;
	transcoder: LiveTranscoder | null;
	queue: LiveSegment[];
	/** The transcoder's segment iterable ended (or it never started). */
	drained: boolean;
	connected: boolean;
	initsPublished: boolean;
	initsHeld: boolean;
	lastSegmentAt: number | null;
	startedTranscoderAt: number | null;
}

const pad = (n: number) => String(n).padStart(5, '0');
const errCode = (err: unknown) => (err as NodeJS.ErrnoException | null)?.code;

export class MeetingPublisher {
	private runs: Run[] = [];
	/** Slot end on the recording's axis (ms), cached per recording; null: read from the DB. */
	private slotEnd: { recordingId: string; endMs: number } | null = null;
	private disconnectedSince: number | null = null;
	private lastHealthAt = 0;
	private endSeenAt: number | null = null;
	private attaching = 0;
	private slates: { recordingId: string; done: Promise<string> } | null = null;
	finished = false;

	private readonly env: PublisherEnv;
	readonly meetingId: string;

	constructor(env: PublisherEnv, meetingId: string) {
		this.env = env;
		this.meetingId = meetingId;
	}

	get connected(): boolean {
		return this.runs.some((r) => r.connected);
	}

	/** An encoder session is being taken on, or one is still running or draining. */
	get busy(): boolean {
		return this.attaching > 0 || this.runs.length > 0;
	}

	private get db() {
		return this.env.ctx.db;
	}

	private get log() {
		return this.env.log.child({ meetingId: this.meetingId });
	}

	// -------------------------------------------------------------------------------------------
	// Encoder sessions

	/** A new encoder connection for this meeting: a session row, a folder, the transcoder. */
	async attach(ingest: IngestSession): Promise<void> {
		this.attaching += 1;
		try {
			await this.takeOn(ingest);
		} finally {
			this.attaching -= 1;
		}
	}

	private async takeOn(ingest: IngestSession): Promise<void> {
		const stream = await findLiveStream(this.db, this.meetingId);
		const running = stream?.startedAt && !stream.endedAt ? stream.recordingId : null;
		const existing = await listLiveSessions(this.db, this.meetingId);
		const dir = `s${existing.length + 1}`;
		const row = await createLiveSession(this.db, {
			meetingId: this.meetingId,
			recordingId: running,
			dir,
			renditions: []
		});
		const outDir = path.join(this.env.store.workDir, 'live', this.meetingId, dir);
		await mkdir(outDir, { recursive: true });
		const run: Run = {
			ingest,
			row,
			outDir,
			mediaStartedAt: null,
			transcoder: null,
			queue: [],
			drained: false,
			connected: true,
			initsPublished: false,
			initsHeld: false,
			lastSegmentAt: null,
			startedTranscoderAt: null
		};
		this.runs.push(run);
		this.disconnectedSince = null;
		this.log.info('Encoder verbunden', { dir, sessionId: row.id });
		const connectedAt = ingest.stats().connectedAt.toISOString();
		await setIngestHealth(this.db, this.meetingId, {
			connected: true,
			sessionId: row.id,
			connectedAt,
			lastSegmentAt: null,
			warnings: []
		});
		ingest.once('close', (reason) => {
			void this.closed(run, reason).catch((err: unknown) =>
				this.log.error('Encoder-Ende nicht vermerkt', { err })
			);
		});
		void this.startTranscoder(run).catch((err: unknown) => {
			this.log.error('Transcoder nicht gestartet', { err });
			run.drained = true;
			ingest.close('transcoder');
		});
	}

	private async closed(run: Run, reason: string): Promise<void> {
		if (!run.connected) return;
		run.connected = false;
		if (!this.connected) this.disconnectedSince = this.env.now();
		this.log.info('Encoder getrennt', { dir: run.row.dir, reason });
		await updateLiveSession(this.db, run.row.id, {
			endedAt: new Date(this.env.now()),
			...(run.row.endReason ? {} : { endReason: reason })
		});
		if (!this.connected) {
			await setIngestHealth(this.db, this.meetingId, { connected: false, warnings: [] });
		}
		if (!run.transcoder) run.drained = true;
	}

	/** Waits for the stream's first media and size (the ladder depends on them), then starts. */
	private async startTranscoder(run: Run): Promise<void> {
		const begun = Date.now();
		for (;;) {
			if (!run.connected) {
				run.drained = true;
				return;
			}
			const s = run.ingest.stats();
			const waited = s.firstMediaAt ? Date.now() - s.firstMediaAt.getTime() : 0;
			// The keyframe interval decides whether 1080p can be copied: wait a little for it.
			if (
				s.firstMediaAt &&
				(s.width || !s.videoCodec) &&
				(s.keyframeIntervalSeconds || waited > 4_500)
			)
				break;
			if (Date.now() - begun > 30_000) {
				throw new Error('Keine Bild- oder Tondaten vom Encoder');
			}
			await new Promise((r) => setTimeout(r, 100));
		}
		const stats = run.ingest.stats();
		run.mediaStartedAt = stats.firstMediaAt!.getTime();
		const transcoder = await this.env.pipeline.startTranscoder(
			run.ingest.flv,
			run.outDir,
			stats,
			this.log.child({ dir: run.row.dir })
		);
		run.transcoder = transcoder;
		run.startedTranscoderAt = this.env.now();
		const names = transcoder.renditions.map((r) => r.name);
		await updateLiveSession(this.db, run.row.id, {
			mediaStartedAt: new Date(run.mediaStartedAt),
			renditions: names
		});
		run.row = { ...run.row, mediaStartedAt: new Date(run.mediaStartedAt), renditions: names };
		try {
			for await (const segment of transcoder.segments) {
				run.queue.push(segment);
				run.lastSegmentAt = this.env.now();
			}
		} finally {
			run.drained = true;
		}
	}

	// -------------------------------------------------------------------------------------------
	// The tick

	/** One publishing step; returns false when this publisher has nothing left to do. */
	async tick(): Promise<boolean> {
		const stream = await findLiveStream(this.db, this.meetingId);
		if (!stream) {
			for (const run of this.runs) run.ingest.close('gelöscht');
			await this.dropAll();
			return false;
		}
		const now = this.env.now();
		const running = Boolean(stream.startedAt && !stream.endedAt);
		let state = await this.decisionState(stream, now);
		const unknownOpen = state.ranges.some((r) => r.kind === 'unknown' && r.endsAt === null);
		if (running && !unknownOpen && (await this.watchConsole(stream, now))) {
			state = await this.decisionState(stream, now);
		}
		const recording = stream.recordingId ? await findRecording(this.db, stream.recordingId) : null;
		if (recording && running) {
			await this.claimSessions(recording.id);
			const ladder = this.runs.find((r) => r.transcoder)?.transcoder;
			if (recording.renditions.length === 0 && ladder) void this.startSlates(recording.id, ladder);
		}

		await this.placeQueued(state, recording);
		if (recording && running) await this.fillLiveGap(recording, now);
		if (running) await this.watchReconnect(stream, now);
		if (now - this.lastHealthAt >= HEALTH_EVERY_MS) {
			this.lastHealthAt = now;
			await this.writeHealth(now);
		}
		if (stream.endedAt && recording) return this.finishWhenDrained(recording, now);
		// Drop runs that are over (their folder goes at the end of the broadcast).
		this.runs = this.runs.filter((r) => r.connected || !r.drained || r.queue.length > 0);
		// Before the start an encoder may be connected (the console shows its health).
		return running || this.busy;
	}

	private async decisionState(stream: LiveStream, now: number): Promise<DecisionState> {
		const ranges = await listRanges(this.db, this.meetingId);
		return {
			startedAt: stream.startedAt?.getTime() ?? null,
			endedAt: stream.endedAt?.getTime() ?? null,
			ranges: ranges.map((r) => ({
				kind: r.kind,
				startsAt: r.startsAt.getTime(),
				endsAt: r.endsAt === null ? null : r.endsAt.getTime() + ENCODER_DELAY_MS
			})),
			consentSlateLive: stream.consentSlateLive,
			now
		};
	}

	/** Sessions that connected before "Sitzung beginnen" belong to the recording from then on. */
	private async claimSessions(recordingId: string): Promise<void> {
		for (const run of this.runs) {
			if (run.row.recordingId === recordingId) continue;
			await updateLiveSession(this.db, run.row.id, { recordingId });
			run.row = { ...run.row, recordingId };
		}
	}

	private async placeQueued(state: DecisionState, recording: Recording | null): Promise<void> {
		for (const run of this.runs) {
			while (run.queue.length > 0) {
				const segment = run.queue[0]!;
				let placed: boolean;
				try {
					placed = await this.place(run, segment, state, recording);
				} catch (err) {
					if (errCode(err) === 'ENOSPC') {
						await this.diskFull(run);
						return;
					}
					if (errCode(err) !== 'ENOENT') throw err;
					// A file of the segment vanished (ffmpeg killed mid-write, a cleaned work
					// folder): it is dropped rather than holding up every later segment; the next
					// one that is placed fills the hole with gap slates.
					this.log.warn('Segment unvollständig, verworfen', { dir: run.row.dir, err });
					await deleteFiles(segment);
					placed = true;
				}
				if (!placed) return;
				run.queue.shift();
			}
			// Segments are placed in order across sessions: a later session waits for this one.
			if (!run.drained) return;
		}
	}

	/** Places one segment; false: decide again next tick. */
	private async place(
		run: Run,
		segment: LiveSegment,
		state: DecisionState,
		recording: Recording | null
	): Promise<boolean> {
		const startsAt = run.mediaStartedAt! + Math.round(segment.startSeconds * 1000);
		const durationMs = Math.round(segment.durationSeconds * 1000);
		const decision = decideSlot({ startsAt, endsAt: startsAt + durationMs }, state);
		if (decision === 'wait') return false;
		if (decision === 'before' || decision === 'after' || !recording?.outputPrefix) {
			await deleteFiles(segment);
			return true;
		}
		if (durationMs <= 0) {
			await deleteFiles(segment);
			return true;
		}
		await this.ensureSlates(run, recording);
		const startMs = startsAt - recording.startedAt.getTime();
		let end = await this.endOf(recording.id);
		if (startMs - end >= GAP_TOLERANCE_MS) {
			await this.appendGap(recording, end, startMs, run.transcoder);
			end = await this.endOf(recording.id);
		} else if (startMs + durationMs <= end) {
			// Entirely before the slot end (gap slots reached past it): nothing left to show.
			await deleteFiles(segment);
			return true;
		}
		const prefix = recording.outputPrefix;
		const file = `segment-${pad(segment.index)}.m4s`;
		if (decision === 'media') {
			if (!run.initsPublished) {
				for (const r of run.row.renditions) {
					const init = run.transcoder!.initPath(r);
					const copy = `${init}.publish`;
					await copyFile(init, copy);
					await this.env.store.publishFile(copy, `${prefix}/${run.row.dir}/${r}/init.mp4`);
				}
				run.initsPublished = true;
			}
			for (const [r, from] of Object.entries(segment.files)) {
				await this.env.store.publishFile(from, `${prefix}/${run.row.dir}/${r}/${file}`);
			}
			await this.append(recording.id, end, durationMs, 'media', run.row.dir, file);
		} else if (decision === 'nonpublic') {
			await deleteFiles(segment);
			await this.append(recording.id, end, durationMs, 'nonpublic', 'slates/nonpublic');
		} else {
			await this.hold(run, recording.id, segment, file);
			await this.append(recording.id, end, durationMs, 'consent', 'slates/consent');
		}
		return true;
	}

	/** Consent segments are kept outside the public store for the archive's precise cut. */
	private async hold(run: Run, recordingId: string, segment: LiveSegment, file: string) {
		const base = path.join(this.env.store.workDir, 'live-held', recordingId, run.row.dir);
		for (const [r, from] of Object.entries(segment.files)) {
			const dir = path.join(base, r);
			await mkdir(dir, { recursive: true });
			if (!run.initsHeld) await copyFile(run.transcoder!.initPath(r), path.join(dir, 'init.mp4'));
			await rename(from, path.join(dir, file));
		}
		run.initsHeld = true;
	}

	private async endOf(recordingId: string): Promise<number> {
		if (this.slotEnd?.recordingId !== recordingId) {
			const last = await lastSlot(this.db, recordingId);
			this.slotEnd = { recordingId, endMs: last ? last.startMs + last.durationMs : 0 };
		}
		return this.slotEnd.endMs;
	}

	private async append(
		recordingId: string,
		startMs: number,
		durationMs: number,
		kind: RecordingSlot['kind'],
		dir: string,
		file = 'segment.m4s'
	): Promise<void> {
		await appendSlots(this.db, recordingId, [{ startMs, durationMs, kind, dir, file }]);
		this.slotEnd = { recordingId, endMs: startMs + durationMs };
	}

	/**
	 * Gap slates from `fromMs` up to `toMs`: 2 s pieces, then one slate made for the rest, whole
	 * frames long. A slate's picture lasts as long as its file, whatever the playlist says, so a
	 * 2 s slate listed as 1.2 s would push everything after it 0.8 s later in the player. What is
	 * left (less than a frame, or everything when the ladder is unknown) the next segment absorbs.
	 */
	private async appendGap(
		recording: Recording,
		fromMs: number,
		toMs: number,
		transcoder: LiveTranscoder | null = null
	): Promise<void> {
		const slots: Omit<RecordingSlot, 'seq'>[] = [];
		let at = fromMs;
		for (; toMs - at >= SLATE_MS; at += SLATE_MS) {
			slots.push({
				startMs: at,
				durationMs: SLATE_MS,
				kind: 'gap',
				dir: 'slates/gap',
				file: 'segment.m4s'
			});
		}
		const frames = transcoder ? Math.floor(((toMs - at) * transcoder.fps) / 1000) : 0;
		if (frames > 0 && transcoder && recording.outputPrefix) {
			const dir = await this.shortSlate(recording, transcoder, frames);
			const durationMs = Math.round((frames * 1000) / transcoder.fps);
			slots.push({ startMs: at, durationMs, kind: 'gap', dir, file: 'segment.m4s' });
			at += durationMs;
		}
		await appendSlots(this.db, recording.id, slots);
		this.slotEnd = { recordingId: recording.id, endMs: at };
	}

	/** `slates/gap-<frames>f` of the recording, encoded on first use (a fraction of a second). */
	private async shortSlate(
		recording: Recording,
		transcoder: LiveTranscoder,
		frames: number
	): Promise<string> {
		const dir = `slates/gap-${frames}f`;
		const probe = transcoder.renditions[0]?.name;
		if (
			probe &&
			(await this.env.store.stat(`${recording.outputPrefix}/${dir}/${probe}/init.mp4`))
		) {
			return dir;
		}
		const work = path.join(
			this.env.store.workDir,
			'live',
			this.meetingId,
			`gap-${frames}f-${Date.now()}`
		);
		try {
			await this.env.pipeline.prepareSlates(work, transcoder.renditions, transcoder.fps, {
				kind: 'gap',
				frames
			});
			await this.env.store.publishFolder(
				path.join(work, 'gap'),
				`${recording.outputPrefix}/${dir}`
			);
		} finally {
			await rm(work, { recursive: true, force: true });
		}
		return dir;
	}

	/**
	 * While no encoder sends, the live playlist keeps growing with gap slates (whole 2 s pieces up
	 * to a little before now); the reconnecting session fills the rest up to its first segment.
	 */
	private async fillLiveGap(recording: Recording, now: number): Promise<void> {
		if (this.runs.length > 0 || recording.renditions.length === 0) return;
		const end = await this.endOf(recording.id);
		const target = now - LIVE_GAP_LAG_MS - recording.startedAt.getTime();
		const pieces = Math.floor((target - end) / SLATE_MS);
		if (pieces <= 0) return;
		await this.appendGap(recording, end, end + pieces * SLATE_MS);
	}

	/**
	 * The first session of a recording measures the renditions (codecs from its init segments)
	 * and prepares the slates in them; a later session records its own rendition names.
	 */
	private async ensureSlates(run: Run, recording: Recording): Promise<void> {
		if (recording.renditions.length > 0) return;
		const transcoder = run.transcoder!;
		const renditions: RenditionInfo[] = [];
		for (const plan of transcoder.renditions) {
			renditions.push(await this.measure(plan, transcoder));
		}
		const work = await this.startSlates(recording.id, transcoder);
		try {
			await this.env.store.publishFolder(work, `${recording.outputPrefix}/slates`);
		} finally {
			this.slates = null;
			await rm(work, { recursive: true, force: true });
		}
		await setLiveRenditions(this.db, recording.id, renditions);
		recording.renditions = renditions;
		this.log.info('Aufzeichnung vorbereitet', { renditions: renditions.map((r) => r.name) });
	}

	/**
	 * Slates are encoded as soon as a recording and an encoder's ladder exist, in the background,
	 * so the first segment after "Sitzung beginnen" does not wait for them; a failed run is
	 * forgotten and tried again.
	 */
	private startSlates(recordingId: string, transcoder: LiveTranscoder): Promise<string> {
		if (this.slates?.recordingId === recordingId) return this.slates.done;
		const work = path.join(this.env.store.workDir, 'live', this.meetingId, `slates-${Date.now()}`);
		const done = this.env.pipeline
			.prepareSlates(work, transcoder.renditions, transcoder.fps)
			.then(() => work)
			.catch(async (err: unknown) => {
				this.slates = null;
				await rm(work, { recursive: true, force: true });
				throw err;
			});
		done.catch(() => undefined);
		this.slates = { recordingId, done };
		return done;
	}

	private async measure(plan: LiveRenditionPlan, t: LiveTranscoder): Promise<RenditionInfo> {
		let codecs = AUDIO_CODECS;
		if (plan.kind === 'video') {
			const init = await readFile(t.initPath(plan.name));
			codecs = avcCodecString(init) ?? 'avc1.640028';
		}
		return {
			name: plan.name,
			width: plan.width ?? 0,
			height: plan.height ?? 0,
			bandwidth: plan.bandwidth,
			codecs,
			passthrough: plan.passthrough
		};
	}

	// -------------------------------------------------------------------------------------------
	// Watchdogs

	/** A console that stopped asking makes the state unknown; true when a range was opened. */
	private async watchConsole(stream: LiveStream, now: number): Promise<boolean> {
		const seen = Math.max(stream.consoleSeenAt?.getTime() ?? 0, stream.startedAt!.getTime());
		if (now - seen <= this.env.ctx.config.live.consoleTimeoutMs) return false;
		await markStateUnknown(this.db, this.meetingId, new Date(now), CONSOLE_LOST);
		return true;
	}

	/** No encoder back within the grace period while the broadcast runs: it ends by itself. */
	private async watchReconnect(stream: LiveStream, now: number): Promise<void> {
		if (this.connected) return;
		if (this.disconnectedSince === null) {
			// The worker restarted during a broadcast that had an encoder: the grace runs from now.
			const sessions = await listLiveSessions(this.db, this.meetingId);
			if (!sessions.some((s) => s.recordingId === stream.recordingId)) return;
			this.disconnectedSince = Math.max(this.env.startedAt, stream.startedAt!.getTime());
		}
		if (now - this.disconnectedSince < this.env.ctx.config.live.reconnectGraceMs) return;
		this.log.warn('Kein Signal: Übertragung endet', { since: new Date(this.disconnectedSince) });
		await endBroadcast(this.env.ctx, null, this.meetingId, new Date(now), NO_SIGNAL);
	}

	private async writeHealth(now: number): Promise<void> {
		const run = this.runs.find((r) => r.connected);
		if (!run) return;
		const s = run.ingest.stats();
		const free = await freeBytes(this.env.store.workDir);
		const warnings: LiveWarning[] = [];
		if (free !== null && free < this.env.ctx.config.live.minFreeBytes) warnings.push('lowDisk');
		if (s.keyframeIntervalSeconds !== null && Math.abs(s.keyframeIntervalSeconds - 2) > 0.25) {
			warnings.push('keyframeInterval');
		}
		if (s.firstMediaAt && !s.audioCodec) warnings.push('noAudio');
		if (s.firstMediaAt && !s.videoCodec) warnings.push('noVideo');
		const speed = run.transcoder?.speed() ?? null;
		if (speed !== null && speed < 0.9) warnings.push('slowTranscode');
		const since = run.lastSegmentAt ?? run.startedTranscoderAt;
		if (since !== null && now - since > STALLED_MS) warnings.push('stalled');
		await setIngestHealth(this.db, this.meetingId, {
			connected: true,
			sessionId: run.row.id,
			connectedAt: s.connectedAt.toISOString(),
			bitrateKbps: Math.round(s.bitrateKbps),
			width: s.width,
			height: s.height,
			fps: s.fps,
			videoCodec: s.videoCodec,
			audioCodec: s.audioCodec,
			keyframeIntervalSeconds: s.keyframeIntervalSeconds,
			lastSegmentAt: run.lastSegmentAt ? new Date(run.lastSegmentAt).toISOString() : null,
			freeBytes: free,
			warnings
		});
	}

	/** A write failed for lack of space: what is published stays, this session ends ('disk'). */
	private async diskFull(run: Run): Promise<void> {
		this.log.error('Speicher voll: Encoder-Sitzung beendet', { dir: run.row.dir });
		await updateLiveSession(this.db, run.row.id, { endReason: 'disk' });
		run.row = { ...run.row, endReason: 'disk' };
		for (const segment of run.queue.splice(0)) await deleteFiles(segment).catch(() => undefined);
		await setIngestHealth(this.db, this.meetingId, {
			warnings: ['lowDisk'],
			lastRefusal: { at: new Date(this.env.now()).toISOString(), code: 'disk' }
		});
		run.ingest.close('disk');
		await run.transcoder?.stop().catch(() => undefined);
	}

	// -------------------------------------------------------------------------------------------
	// The end

	/**
	 * After "Sitzung beenden": the encoder is let go (ffmpeg flushes its last segment), what began
	 * before the end is placed, then the recording becomes the archive.
	 */
	private async finishWhenDrained(recording: Recording, now: number): Promise<boolean> {
		this.endSeenAt ??= now;
		for (const run of this.runs) {
			if (run.connected) run.ingest.close('Sitzung beendet');
			if (!run.drained && now - this.endSeenAt > END_DRAIN_MS) {
				await run.transcoder?.stop().catch(() => undefined);
			}
		}
		if (this.runs.some((r) => !r.drained || r.queue.length > 0)) return true;
		await this.finish(recording);
		return false;
	}

	async finish(recording: Recording): Promise<void> {
		if (recording.state !== 'ready' && recording.outputPrefix) {
			await this.archive(recording, recording.outputPrefix);
		}
		await setIngestHealth(this.db, this.meetingId, { connected: false, warnings: [] });
		await this.dropAll();
		this.finished = true;
	}

	/** The slots become the archive; without a single picture there is none. */
	private async archive(recording: Recording, outputPrefix: string): Promise<void> {
		const slots = await listSlots(this.db, recording.id);
		if (!slots.some((s) => s.kind !== 'gap')) {
			// No picture ever reached the recording: not an archive, nothing to list as recorded.
			await markLiveRecordingEmpty(this.db, recording.id, NO_PICTURE);
			await this.env.store.deletePrefix(outputPrefix);
			this.log.info('Übertragung ohne Bild beendet', { slots: slots.length });
			return;
		}
		const durationMs = slots.reduce((a, s) => a + s.durationMs, 0);
		const current = (await findRecording(this.db, recording.id)) ?? recording;
		await markRecordingReady(this.db, recording.id, {
			outputPrefix,
			durationMs,
			width: current.width,
			height: current.height,
			renditions: current.renditions
		});
		await queueThumbnails(this.env.ctx, recording.id);
		const ranges = await listRanges(this.db, this.meetingId);
		if (ranges.some(isCutRange)) await queueCuts(this.env.ctx, recording.id);
		this.log.info('Aufzeichnung aus der Übertragung fertig', { durationMs, slots: slots.length });
	}

	/** Stops every transcoder and removes the meeting's work folder (held consent files stay). */
	async dropAll(): Promise<void> {
		for (const run of this.runs) await run.transcoder?.stop().catch(() => undefined);
		this.runs = [];
		await rm(path.join(this.env.store.workDir, 'live', this.meetingId), {
			recursive: true,
			force: true
		});
	}

	/** Worker shutdown: transcoders stop, files stay for nobody (a new worker starts afresh). */
	async shutdown(): Promise<void> {
		for (const run of this.runs) {
			run.ingest.close('Worker endet');
			await run.transcoder?.stop().catch(() => undefined);
		}
	}
}

export const CONSOLE_LOST = 'Sitzungsdienst-Konsole nicht erreichbar';
export const WORKER_RESTARTED = 'Worker neu gestartet';
export const NO_SIGNAL = 'Kein Signal';

async function deleteFiles(segment: LiveSegment): Promise<void> {
	await Promise.all(Object.values(segment.files).map((f) => rm(f, { force: true })));
}

async function freeBytes(dir: string): Promise<number | null> {
	try {
		await mkdir(dir, { recursive: true });
		const s = await statfs(dir);
		return s.bavail * s.bsize;
	} catch {
		return null;
	}
}
