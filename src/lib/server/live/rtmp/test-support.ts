import { spawn } from 'node:child_process';
import type { Logger } from '../../log.ts';

/** Test helpers for the RTMP specs: a logger that records, and ffmpeg as the outside encoder. */

export function recordingLogger(lines: string[] = []): Logger & { lines: string[] } {
	const make = (base: Record<string, unknown>): Logger => {
		const write = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
			lines.push(`${level} ${msg} ${JSON.stringify({ ...base, ...fields })}`);
		};
		return {
			debug: write('debug'),
			info: write('info'),
			warn: write('warn'),
			error: write('error'),
			child: (fields) => make({ ...base, ...fields })
		};
	};
	return Object.assign(make({}), { lines });
}

export interface EncoderRun {
	code: number | null;
	signal: NodeJS.Signals | null;
	stderr: string;
}

export interface Encoder {
	pid: number | undefined;
	kill(signal: NodeJS.Signals): void;
	done: Promise<EncoderRun>;
}

/** ffmpeg publishing a generated test picture and tone, the way an encoder in the council
 * chamber would. Spawned directly: it plays the outside world, not our media pipeline. */
export function startEncoder(
	ffmpeg: string,
	url: string,
	opts: { seconds?: number; video?: string[]; audio?: string[] | null } = {}
): Encoder {
	const audioIn =
		opts.audio === null ? [] : ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100'];
	const audioOut = opts.audio === null ? ['-an'] : (opts.audio ?? ['-c:a', 'aac', '-b:a', '64k']);
	const args = [
		'-hide_banner',
		'-loglevel',
		process.env.RTMP_DBG ? 'debug' : 'error',
		'-re',
		'-f',
		'lavfi',
		'-i',
		'testsrc2=size=320x180:rate=25',
		...audioIn,
		...(opts.video ?? [
			'-c:v',
			'libx264',
			'-preset',
			'ultrafast',
			'-tune',
			'zerolatency',
			'-g',
			'50'
		]),
		...audioOut,
		'-t',
		String(opts.seconds ?? 4),
		'-rtmp_live',
		'live',
		'-f',
		'flv',
		url
	];
	const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
	let stderr = '';
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
	const done = new Promise<EncoderRun>((resolve) =>
		child.on('close', (code, signal) => resolve({ code, signal, stderr }))
	);
	return { pid: child.pid, kill: (s) => child.kill(s), done };
}
