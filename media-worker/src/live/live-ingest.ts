import { setTimeout as sleep } from 'node:timers/promises';
import type { AppContext } from '../../../src/lib/server/context.ts';
import { markStateUnknown } from '../../../src/lib/server/live/broadcast.service.ts';
import {
	findLiveStreamByKey,
	listRunningStreams,
	setIngestHealth
} from '../../../src/lib/server/live/live.repository.ts';
import {
	startRtmpServer,
	type Authorization,
	type IngestLimits,
	type IngestSession,
	type RtmpServer
} from '../../../src/lib/server/live/rtmp/server.ts';
import { mediaStore, type MediaStore } from '../../../src/lib/server/media/media-store.ts';
import type { LivePipeline } from './pipeline.ts';
import { MeetingPublisher, WORKER_RESTARTED } from './publisher.ts';

/**
 * The live part of the media worker: the RTMP ingest (keys checked before anything reaches
 * ffmpeg), one publisher per meeting with a running broadcast or a connected encoder, and the
 * fail-closed watchdog (a broadcast running when the worker starts becomes `unknown` until a
 * clerk confirms). Only the worker that holds the RTMP port publishes: every other one would
 * race it for the same slots.
 */

export interface LiveIngestOptions {
	pipeline: LivePipeline;
	host?: string;
	/** Defaults to config.live.rtmpPort; 0 picks a free port (tests). */
	port?: number;
	tickMs?: number;
	/** How often running broadcasts are looked for (the publisher loops start from there). */
	scanMs?: number;
	limits?: Partial<IngestLimits>;
	store?: MediaStore;
	/** The clock decisions are made with (tests move it). */
	now?: () => number;
}

export interface LiveIngestHandle {
	/** The RTMP port, null when the server could not start (the rest of the worker runs). */
	port: number | null;
	/** Hands an encoder session to its meeting's publisher (what the RTMP server does). */
	attach(session: IngestSession): Promise<void>;
	/** Runs one tick of every publisher now (tests). */
	tickAll(): Promise<void>;
	stop(): Promise<void>;
}

const DEFAULT_TICK_MS = 250;
const DEFAULT_SCAN_MS = 1_000;

export async function startLiveIngest(
	ctx: AppContext,
	opts: LiveIngestOptions
): Promise<LiveIngestHandle> {
	const log = ctx.log.child({ component: 'live' });
	const now = opts.now ?? Date.now;
	const store = opts.store ?? mediaStore(ctx.config);
	const tickMs = opts.tickMs ?? DEFAULT_TICK_MS;
	const env = { ctx, store, pipeline: opts.pipeline, log, now, startedAt: now() };
	const publishers = new Map<string, { publisher: MeetingPublisher; loop: Promise<void> }>();
	let stopped = false;
	const stopping = new AbortController();
	const pause = (ms: number) =>
		sleep(ms, undefined, { signal: stopping.signal }).catch(() => undefined);
	let server: RtmpServer | null = null;

	// One tick at a time per meeting; a failed tick is logged and tried again.
	const ticking = new Map<string, Promise<boolean>>();
	const tickOnce = (p: MeetingPublisher): Promise<boolean> => {
		const running = ticking.get(p.meetingId);
		if (running) return running;
		const next = p
			.tick()
			.catch((err: unknown) => {
				log.error('Veröffentlichung: Schritt fehlgeschlagen', { meetingId: p.meetingId, err });
				return true;
			})
			.finally(() => ticking.delete(p.meetingId));
		ticking.set(p.meetingId, next);
		return next;
	};

	const publisherFor = (meetingId: string): MeetingPublisher => {
		const known = publishers.get(meetingId);
		if (known) return known.publisher;
		const publisher = new MeetingPublisher(env, meetingId);
		const loop = (async () => {
			while (!stopped) {
				const more = await tickOnce(publisher);
				if (!more && !publisher.busy) break;
				await pause(tickMs);
			}
			publishers.delete(meetingId);
		})();
		publishers.set(meetingId, { publisher, loop });
		return publisher;
	};

	const authorize = async (key: string): Promise<Authorization> => {
		const stream = await findLiveStreamByKey(ctx.db, key);
		const meeting = stream
			? await ctx.db
					.selectFrom('meetings')
					.select('id')
					.where('id', '=', stream.meetingId)
					.where('deleted_at', 'is', null)
					.executeTakeFirst()
			: null;
		if (!stream || !meeting) {
			return { ok: false, code: 'badKey', message: 'Unbekannter Streamschlüssel.' };
		}
		if (stream.endedAt) {
			return {
				ok: false,
				code: 'notAllowed',
				message: 'Die Übertragung dieser Sitzung ist beendet.'
			};
		}
		return { ok: true, meetingId: stream.meetingId };
	};

	const attach = async (session: IngestSession) => {
		if (stopped) return session.close('Worker endet');
		await publisherFor(session.meetingId).attach(session);
	};

	try {
		server = await startRtmpServer({
			host: opts.host ?? ctx.config.live.rtmpHost,
			port: opts.port ?? ctx.config.live.rtmpPort,
			authorize,
			log,
			limits: opts.limits,
			onSession: (session) =>
				attach(session).catch((err: unknown) => {
					log.error('Encoder-Sitzung nicht angenommen', { err });
					session.close('Fehler');
				}),
			onRefused: (e) => {
				log.warn('Encoder abgewiesen', { meetingId: e.meetingId, code: e.code });
				if (!e.meetingId) return;
				void setIngestHealth(ctx.db, e.meetingId, {
					lastRefusal: { at: new Date(now()).toISOString(), code: e.code }
				}).catch((err: unknown) => log.error('Abweisung nicht vermerkt', { err }));
			}
		});
	} catch (err) {
		const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
		log.error(
			inUse
				? `Live-Eingang nicht gestartet: Port ${opts.port ?? ctx.config.live.rtmpPort} ist belegt (LIVE_RTMP_PORT). Übertragungen laufen über den Worker, der ihn hält.`
				: 'Live-Eingang nicht gestartet',
			{ err }
		);
		return {
			port: null,
			attach: async (s) => s.close('kein Live-Eingang'),
			tickAll: async () => undefined,
			stop: async () => undefined
		};
	}

	// Fail closed after a restart: what the clerk's console showed may have changed meanwhile.
	for (const stream of await listRunningStreams(ctx.db)) {
		await markStateUnknown(ctx.db, stream.meetingId, new Date(now()), WORKER_RESTARTED);
		publisherFor(stream.meetingId);
	}
	await resumeUnfinished(ctx, publisherFor);

	const scan = async () => {
		for (const stream of await listRunningStreams(ctx.db)) publisherFor(stream.meetingId);
		await resumeUnfinished(ctx, publisherFor);
	};
	const scanner = setInterval(() => {
		if (!stopped)
			void scan().catch((err: unknown) => log.error('Übertragungen nicht gelesen', { err }));
	}, opts.scanMs ?? DEFAULT_SCAN_MS);
	scanner.unref();
	log.info('Live-Eingang bereit', { port: server.port });

	return {
		port: server.port,
		attach,
		tickAll: async () => {
			await scan();
			for (const { publisher } of [...publishers.values()]) await tickOnce(publisher);
		},
		stop: async () => {
			const all = [...publishers.values()];
			stopped = true;
			stopping.abort();
			clearInterval(scanner);
			await server?.close();
			await Promise.all(all.map((p) => p.loop));
			for (const { publisher } of all) await publisher.shutdown();
		}
	};
}

/** Broadcasts that ended while no worker finished them (a restart between end and archive). */
async function resumeUnfinished(
	ctx: AppContext,
	publisherFor: (meetingId: string) => MeetingPublisher
): Promise<void> {
	const rows = await ctx.db
		.selectFrom('live_streams')
		.innerJoin('recordings', 'recordings.id', 'live_streams.recording_id')
		.select('live_streams.meeting_id')
		.where('live_streams.ended_at', 'is not', null)
		.where('recordings.origin', '=', 'live')
		.where('recordings.state', '=', 'processing')
		.where('recordings.deleted_at', 'is', null)
		.execute();
	for (const r of rows) publisherFor(r.meeting_id);
}
