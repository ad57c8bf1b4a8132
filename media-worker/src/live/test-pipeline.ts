import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import type {
	IngestCloseReason,
	IngestSession,
	IngestStats
} from '../../../src/lib/server/live/rtmp/server.ts';
import {
	generateTestRecording,
	probeMedia,
	transcodeToHls
} from '../../../src/lib/server/media/ffmpeg.ts';
import type { MediaStore } from '../../../src/lib/server/media/media-store.ts';
import type { LivePipeline, LiveRenditionPlan, LiveSegment, LiveTranscoder } from './pipeline.ts';

/**
 * Test doubles for the publisher specs: a segment source that writes small real fMP4 files (cut
 * once by the archive's own ffmpeg ladder from a generated recording) and an encoder session
 * whose stats the test sets. The segments decode, so playlists built from them can be played.
 */

export interface SampleLadder {
	renditions: LiveRenditionPlan[];
	/** Per rendition: its init segment and its media segments (2 s each). */
	files: Record<string, { init: string; segments: string[] }>;
}

/** A 320x180 test recording cut into 2 s fMP4 segments by the archive transcoder. */
export async function sampleLadder(dir: string): Promise<SampleLadder> {
	const source = path.join(dir, 'sample.mp4');
	await generateTestRecording(source, { seconds: 6, width: 320, height: 180, gopSeconds: 2 });
	const probe = await probeMedia(source, { maxBytes: 50e6, maxDurationSeconds: 60 });
	const out = path.join(dir, 'ladder');
	await transcodeToHls(source, out, { probe });
	const files: SampleLadder['files'] = {};
	const renditions: LiveRenditionPlan[] = [];
	for (const name of (await readdir(out, { withFileTypes: true }))
		.filter((e) => e.isDirectory())
		.map((e) => e.name)
		.sort()) {
		const all = await readdir(path.join(out, name));
		const segments = all.filter((f) => f.endsWith('.m4s')).sort();
		files[name] = {
			init: path.join(out, name, 'init.mp4'),
			segments: segments.map((f) => path.join(out, name, f))
		};
		const audio = name === 'audio';
		renditions.push({
			name,
			kind: audio ? 'audio' : 'video',
			width: audio ? null : 320,
			height: audio ? null : 180,
			passthrough: false,
			bandwidth: audio ? 128_000 : 800_000
		});
	}
	renditions.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'video' ? -1 : 1));
	return { renditions, files };
}

/** A transcoder the test drives: emit(index) writes segment `index` (2 s at 2*index). */
export class FakeTranscoder implements LiveTranscoder {
	renditions: LiveRenditionPlan[];
	fps = 25;
	private pending: LiveSegment[] = [];
	private waiting: (() => void) | null = null;
	private ended = false;
	stopped = false;
	readonly outDir: string;
	private readonly ladder: SampleLadder;

	constructor(ladder: SampleLadder, outDir: string, flv: Readable) {
		this.ladder = ladder;
		this.outDir = outDir;
		this.renditions = ladder.renditions;
		flv.resume();
		flv.once('end', () => this.end());
		flv.once('close', () => this.end());
	}

	initPath(rendition: string): string {
		return path.join(this.outDir, rendition, 'init.mp4');
	}

	speed(): number | null {
		return 1.5;
	}

	async emit(index: number, durationSeconds = 2): Promise<void> {
		const files: Record<string, string> = {};
		for (const r of this.renditions) {
			const src = this.ladder.files[r.name]!;
			await mkdir(path.join(this.outDir, r.name), { recursive: true });
			await copyFile(src.init, this.initPath(r.name));
			const file = path.join(this.outDir, r.name, `segment-${String(index).padStart(5, '0')}.m4s`);
			await copyFile(src.segments[index % src.segments.length]!, file);
			files[r.name] = file;
		}
		this.pending.push({ index, startSeconds: index * 2, durationSeconds, files });
		this.waiting?.();
	}

	end(): void {
		this.ended = true;
		this.waiting?.();
	}

	async stop(): Promise<void> {
		this.stopped = true;
		this.end();
	}

	get segments(): AsyncIterable<LiveSegment> {
		return {
			[Symbol.asyncIterator]: () => ({
				next: async (): Promise<IteratorResult<LiveSegment>> => {
					for (;;) {
						const next = this.pending.shift();
						if (next) return { value: next, done: false };
						if (this.ended) return { value: undefined, done: true };
						await new Promise<void>((resolve) => (this.waiting = resolve));
						this.waiting = null;
					}
				}
			})
		};
	}
}

/** The pipeline with fake transcoders (kept in `started`) and slates copied from the sample. */
export function fakePipeline(ladder: SampleLadder): LivePipeline & { started: FakeTranscoder[] } {
	const started: FakeTranscoder[] = [];
	return {
		started,
		async startTranscoder(flv, outDir) {
			const t = new FakeTranscoder(ladder, outDir, flv);
			started.push(t);
			return t;
		},
		async prepareSlates(outDir, renditions, _fps, short) {
			for (const kind of short ? [short.kind] : ['nonpublic', 'consent', 'gap']) {
				for (const r of renditions) {
					const dir = path.join(outDir, kind, r.name);
					await mkdir(dir, { recursive: true });
					const src = ladder.files[r.name]!;
					await copyFile(src.init, path.join(dir, 'init.mp4'));
					await copyFile(src.segments[0]!, path.join(dir, 'segment.m4s'));
				}
			}
		}
	};
}

/** An encoder session as the RTMP server hands it over, with the first media at `firstMediaAt`. */
export function fakeSession(
	meetingId: string,
	firstMediaAt: Date
): IngestSession & { closeReason: string | null; drop(): void } {
	const events = new EventEmitter();
	const flv = new PassThrough();
	let closed: IngestCloseReason | null = null;
	const stats: IngestStats = {
		connectedAt: firstMediaAt,
		publishedAt: firstMediaAt,
		firstMediaAt,
		bytesReceived: 1000,
		bitrateKbps: 900,
		videoCodec: 'h264',
		audioCodec: 'aac',
		width: 320,
		height: 180,
		fps: 25,
		keyframeIntervalSeconds: 2,
		lastMediaAt: firstMediaAt,
		bufferedBytes: 0
	};
	const session = {
		id: Math.random().toString(36).slice(2),
		meetingId,
		flv,
		closeReason: null as string | null,
		stats: () => stats,
		close(reason?: string) {
			if (closed) return;
			closed = 'closed';
			session.closeReason = reason ?? 'closed';
			flv.end();
			events.emit('close', closed);
		},
		/** The encoder went away by itself. */
		drop() {
			if (closed) return;
			closed = 'dropped';
			flv.end();
			events.emit('close', closed);
		},
		once(_event: 'close', fn: (reason: IngestCloseReason) => void) {
			if (closed) fn(closed);
			else events.once('close', fn);
		}
	};
	return session;
}

/** Every camera segment file published under a recording's prefix: session dir, rendition, index. */
export async function publishedFiles(
	store: MediaStore,
	prefix: string
): Promise<{ dir: string; r: string; index: number }[]> {
	const root = path.join(path.dirname(store.workDir), ...prefix.split('/'));
	const out: { dir: string; r: string; index: number }[] = [];
	for (const d of existsSync(root) ? await readdir(root) : []) {
		if (!/^s\d+$/.test(d)) continue;
		for (const r of await readdir(path.join(root, d))) {
			for (const f of await readdir(path.join(root, d, r))) {
				const m = /^segment-(\d+)\.m4s$/.exec(f);
				if (m) out.push({ dir: d, r, index: Number(m[1]) });
			}
		}
	}
	return out;
}
