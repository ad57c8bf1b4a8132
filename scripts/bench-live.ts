// `npm run bench:live`: the live path from an RTMP encoder to a viewer, measured in one run.
//
// A stand-in encoder (ffmpeg, 1280x720 at 25 fps, test picture and tone, sent in real time with
// -re, x264 zerolatency, a keyframe every 2 s) publishes to our RTMP ingest; the live ladder,
// the fail-closed publisher and the database-built playlists run as in the worker. Measured:
//   - playlist delay: for every whole second of video, the time from that second arriving at the
//     ingest (its EXT-X-PROGRAM-DATE-TIME) until a playlist read lists the segment holding it.
//     Baseline, side by side in the same run: ffmpeg's own playlist in the work folder (what a
//     server that published the ladder's output directly, without the fail-closed decision,
//     would list);
//   - viewer delay: Chromium playing the live page's hls.js settings (LIVE_HLS_CONFIG), sampled
//     every 500 ms as now minus hls.playingDate;
//   - CPU seconds per second of video of the ladder's ffmpeg and of this Node process (ingest,
//     publisher, playlist building, the polling itself); the encoder stands for the camera and
//     is not counted;
//   - the time from "Sitzung beenden" until the archive is ready.
// BENCH_SECONDS (default 60) sets the length; DATABASE_URL the PostgreSQL server (default the
// local one; the bench creates and drops its own database).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startLiveIngest } from '../media-worker/src/live/live-ingest.ts';
import { livePipeline } from '../media-worker/src/live/default-pipeline.ts';
import { resolveArchiveFile } from '../src/lib/server/archive/archive-files.ts';
import { LIVE_HLS_CONFIG } from '../src/lib/live/player-config.ts';
import {
	endBroadcast,
	openConsole,
	startBroadcast
} from '../src/lib/server/live/broadcast.service.ts';
import { listLiveSessions, touchConsole } from '../src/lib/server/live/live.repository.ts';
import { testEncoderArgs } from '../src/lib/server/media/ffmpeg-test-encoder.ts';
import { requireFfmpeg } from '../src/lib/server/media/ffmpeg.ts';
import { mediaStore } from '../src/lib/server/media/media-store.ts';
import { findRecordingByMeeting } from '../src/lib/server/meetings/recordings.repository.ts';
import { createUser } from '../src/lib/server/testing/factories.ts';
import { createMeetingWithAgenda } from '../src/lib/server/testing/recording-fixtures.ts';
import { createTestApp } from '../src/lib/server/testing/test-app.ts';
import { chromiumArgs, resolveChromiumPath } from '../tests/browser.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const RTMP_PORT = Number(process.env.BENCH_RTMP_PORT ?? 19_390);
const HTTP_PORT = Number(process.env.BENCH_HTTP_PORT ?? 19_391);
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (values: number[], q: number) => {
	const s = [...values].sort((a, b) => a - b);
	return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
};
const fmt = (ms: number) => `${(ms / 1000).toFixed(2).replace('.', ',')} s`;

interface Listed {
	startsAt: number;
	endsAt: number;
	seenAt: number;
}

/** Segments of a media playlist with wall-clock windows (PDT, or `origin` + EXTINF sums). */
function parsePlaylist(
	text: string,
	origin: number | null
): { key: string; a: number; b: number }[] {
	const out: { key: string; a: number; b: number }[] = [];
	let pdt: number | null = null;
	let duration = 0;
	let elapsed = 0;
	for (const line of text.split('\n')) {
		if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) pdt = Date.parse(line.slice(25));
		else if (line.startsWith('#EXTINF:')) duration = Number.parseFloat(line.slice(8)) * 1000;
		else if (line && !line.startsWith('#')) {
			const a = pdt ?? (origin ?? 0) + elapsed;
			out.push({ key: line.split('?')[0]!, a, b: a + duration });
			elapsed += duration;
			pdt = null;
		}
	}
	return out;
}

/** Delay of every whole wall-clock second inside the listed segments' windows. */
function perSecondDelays(listed: Listed[]): number[] {
	const delays: number[] = [];
	for (const s of listed) {
		for (let x = Math.ceil(s.startsAt / 1000) * 1000; x < s.endsAt; x += 1000) {
			delays.push(s.seenAt - x);
		}
	}
	return delays;
}

/** CPU seconds (user + system) of a process from /proc, 0 when it is gone. */
function cpuSecondsOf(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
	} catch {
		return 0;
	}
}

/** The live ladder's ffmpeg: our child reading FLV from pipe:0. */
function ladderPid(): number | null {
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
			if (ppid === process.pid && cmd.includes('pipe:0')) return Number(name);
		} catch {
			// raced with an exiting process
		}
	}
	return null;
}

function playerPage(src: string): string {
	return `<!doctype html><html lang="de"><title>bench</title><video id="v" muted playsinline></video>
<script src="/hls.min.js"></script><script>
window.samples = [];
const hls = new Hls(${JSON.stringify(LIVE_HLS_CONFIG)});
hls.loadSource(${JSON.stringify(src)});
hls.attachMedia(v);
v.play().catch(() => {});
setInterval(() => {
	const d = hls.playingDate;
	if (d && !v.paused) samples.push({ at: Date.now(), delay: Date.now() - d.getTime() });
}, 500);
</script></html>`;
}

async function main(): Promise<void> {
	const { ffmpeg } = await requireFfmpeg();
	const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mitreden-bench-live-'));
	const app = await createTestApp({
		DATA_DIR: dataDir,
		LIVE_INGEST: '1',
		LIVE_RTMP_HOST: '127.0.0.1',
		LIVE_RTMP_PORT: String(RTMP_PORT)
	});
	const ctx = app.ctx;
	const deps = { db: ctx.db, config: ctx.config };
	const store = mediaStore(ctx.config);
	const ingest = await startLiveIngest(ctx, { pipeline: livePipeline() });
	const clerk = (await createUser(ctx.db, { roles: ['clerk'] })).id;
	const { meetingId } = await createMeetingWithAgenda(ctx.db, [{ number: 'Ö 1' }]);
	const { stream } = await openConsole(deps, meetingId);
	await startBroadcast(deps, clerk, meetingId);
	const recording = await findRecordingByMeeting(ctx.db, meetingId);
	if (!recording) throw new Error('Keine Aufzeichnung');
	const heartbeat = setInterval(() => void touchConsole(ctx.db, meetingId), 5_000);

	const server = http
		.createServer((req, res) => {
			const url = new URL(req.url ?? '/', `http://127.0.0.1:${HTTP_PORT}`);
			if (url.pathname === '/') {
				res.setHeader('content-type', 'text/html; charset=utf-8');
				res.end(playerPage(`/medien/aufzeichnungen/${recording.id}/master.m3u8`));
				return;
			}
			if (url.pathname === '/hls.min.js') {
				res.setHeader('content-type', 'text/javascript');
				res.end(readFileSync('node_modules/hls.js/dist/hls.min.js'));
				return;
			}
			const m = /^\/medien\/aufzeichnungen\/([^/]+)\/(.+)$/.exec(url.pathname);
			void (async () => {
				const rep = m
					? await resolveArchiveFile({ db: ctx.db, store }, m[1]!, m[2]!, url.searchParams.get('v'))
					: null;
				if (!rep) {
					res.statusCode = 404;
					res.end();
					return;
				}
				res.setHeader('content-type', rep.contentType);
				res.setHeader('cache-control', rep.cacheControl);
				const body = await rep.open();
				if (body instanceof Uint8Array) res.end(body);
				else {
					for await (const chunk of body as ReadableStream<Uint8Array>) res.write(chunk);
					res.end();
				}
			})().catch(() => {
				res.statusCode = 500;
				res.end();
			});
		})
		.listen(HTTP_PORT, '127.0.0.1');

	console.log(`bench:live: ${SECONDS} s 1280x720 über RTMP, PostgreSQL, ${os.cpus().length} Kerne`);
	const cpuBefore = process.cpuUsage();
	const encoder = spawn(
		ffmpeg,
		testEncoderArgs({
			url: `rtmp://127.0.0.1:${RTMP_PORT}/live/${stream.streamKey}`,
			seconds: SECONDS,
			size: '1280x720',
			fps: 25,
			keyframeSeconds: 2
		}),
		{ stdio: ['ignore', 'ignore', 'inherit'] }
	);
	const encoderDone = new Promise((r) => encoder.on('close', r));

	const browser = await chromium.launch({
		executablePath: await resolveChromiumPath(),
		args: [...chromiumArgs, '--autoplay-policy=no-user-gesture-required']
	});
	const page = await browser.newPage();
	let pageOpened = false;

	const published = new Map<string, Listed>();
	const raw = new Map<string, Listed>();
	let ladder: number | null = null;
	let ladderCpu = 0;
	const until = Date.now() + (SECONDS + 6) * 1000;
	while (Date.now() < until) {
		const now = Date.now();
		const rep = await resolveArchiveFile(
			{ db: ctx.db, store },
			recording.id,
			'720p/index.m3u8',
			null
		);
		if (rep) {
			const text = new TextDecoder().decode((await rep.open()) as Uint8Array);
			for (const s of parsePlaylist(text, null)) {
				if (!published.has(s.key))
					published.set(s.key, { startsAt: s.a, endsAt: s.b, seenAt: now });
			}
		}
		const [session] = await listLiveSessions(ctx.db, meetingId);
		if (session?.mediaStartedAt) {
			const file = path.join(store.workDir, 'live', meetingId, session.dir, '720p', 'index.m3u8');
			const text = await readFile(file, 'utf8').catch(() => '');
			for (const s of parsePlaylist(text, session.mediaStartedAt.getTime())) {
				if (!raw.has(s.key)) raw.set(s.key, { startsAt: s.a, endsAt: s.b, seenAt: now });
			}
			if (!pageOpened && published.size > 0) {
				pageOpened = true;
				await page.goto(`http://127.0.0.1:${HTTP_PORT}/`);
			}
		}
		ladder ??= ladderPid();
		if (ladder) ladderCpu = Math.max(ladderCpu, cpuSecondsOf(ladder));
		await sleep(100);
	}
	const samples = (await page.evaluate('window.samples')) as { at: number; delay: number }[];
	await browser.close();
	const nodeCpu = process.cpuUsage(cpuBefore);
	await encoderDone;

	const endedAt = Date.now();
	await endBroadcast(deps, clerk, meetingId);
	let readyMs = NaN;
	for (let i = 0; i < 1200; i++) {
		const r = await findRecordingByMeeting(ctx.db, meetingId);
		if (r?.state === 'ready') {
			readyMs = Date.now() - endedAt;
			break;
		}
		await sleep(100);
	}
	clearInterval(heartbeat);
	server.close();
	await ingest.stop();
	await app.close();
	await rm(dataDir, { recursive: true, force: true });

	const ours = perSecondDelays([...published.values()]);
	const base = perSecondDelays([...raw.values()]);
	// The first ten seconds of playback are the player filling its buffer.
	const viewer = samples.filter((s) => s.at > (samples[0]?.at ?? 0) + 10_000).map((s) => s.delay);
	const videoSeconds = Math.max(
		1,
		[...published.values()].reduce((a, s) => a + (s.endsAt - s.startsAt), 0) / 1000
	);
	const rows = [
		['Playlist (veröffentlicht)', ours],
		['Playlist (ffmpeg direkt, Basis)', base],
		['Zuschauer in Chromium (hls.js)', viewer]
	] as const;
	console.log('\nVerzögerung bis abspielbar    Median     p95      n');
	for (const [name, values] of rows) {
		console.log(
			`${name.padEnd(32)} ${fmt(quantile(values, 0.5)).padStart(7)}  ${fmt(quantile(values, 0.95)).padStart(7)}  ${String(values.length).padStart(4)}`
		);
	}
	console.log(
		`Verhältnis veröffentlicht / Basis (Median): ${(quantile(ours, 0.5) / quantile(base, 0.5)).toFixed(2)}`
	);
	console.log(
		`CPU je Videosekunde: ffmpeg-Leiter ${(ladderCpu / videoSeconds).toFixed(2)} s, Node (Eingang, Veröffentlichung, Messung) ${((nodeCpu.user + nodeCpu.system) / 1e6 / videoSeconds).toFixed(3)} s; ${os.cpus().length} Kerne = ${os.cpus().length.toFixed(2)} s je Sekunde verfügbar`
	);
	console.log(`Archiv bereit ${fmt(readyMs)} nach „Sitzung beenden“`);
	console.log('Ziele: Median ≤ 6 s (Zuschauer), Leiter in Echtzeit mit Reserve');
}

await main();
process.exit(0);
