import { spawn, type ChildProcess } from 'node:child_process';
import type { TranscodeProgress } from './ffmpeg-types.ts';

// Enough of ffmpeg's stderr to show the failing filter or demuxer without flooding the job log.
const STDERR_TAIL_LINES = 20;
// ffmpeg gets this long after SIGTERM to flush and exit before it is killed outright.
const KILL_GRACE_MS = 5_000;

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderrTail: string[];
	aborted: boolean;
}

export interface RunOptions {
	signal?: AbortSignal;
	/** Each complete stdout line; when set, stdout is not collected. */
	onStdoutLine?: (line: string) => void;
	maxStdoutBytes?: number;
	timeoutMs?: number;
	/** 'pipe' leaves the child's stdin open for the caller to feed (live input); default closed. */
	stdin?: 'ignore' | 'pipe';
	/** Called right after spawning, e.g. to feed stdin or note the pid. */
	onSpawn?: (child: ChildProcess) => void;
}

/** Spawns a program with an argument array (never a shell) and keeps the tail of its stderr. */
export function runProcess(command: string, args: string[], opts: RunOptions = {}) {
	return new Promise<RunResult>((resolve, reject) => {
		if (opts.signal?.aborted) {
			resolve({ code: null, signal: null, stdout: '', stderrTail: [], aborted: true });
			return;
		}
		const child =
			opts.stdin === 'pipe'
				? spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], shell: false })
				: spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
		const tail: string[] = [];
		let stderrRest = '';
		let stdout = '';
		let stdoutRest = '';
		let aborted = false;
		let killTimer: NodeJS.Timeout | undefined;

		const stop = () => {
			aborted = true;
			child.kill('SIGTERM');
			killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
		};
		opts.signal?.addEventListener('abort', stop, { once: true });
		const timeout = opts.timeoutMs ? setTimeout(stop, opts.timeoutMs) : undefined;
		opts.onSpawn?.(child);

		child.stderr.setEncoding('utf8');
		child.stderr.on('data', (chunk: string) => {
			const lines = (stderrRest + chunk).split(/\r?\n/);
			stderrRest = lines.pop() ?? '';
			for (const line of lines) if (line.trim()) tail.push(line);
			if (tail.length > STDERR_TAIL_LINES) tail.splice(0, tail.length - STDERR_TAIL_LINES);
		});
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (chunk: string) => {
			if (opts.onStdoutLine) {
				const lines = (stdoutRest + chunk).split(/\r?\n/);
				stdoutRest = lines.pop() ?? '';
				for (const line of lines) opts.onStdoutLine(line);
			} else if (stdout.length < (opts.maxStdoutBytes ?? 10 * 1024 * 1024)) {
				stdout += chunk;
			}
		});
		child.on('error', (err) => {
			clearTimeout(killTimer);
			clearTimeout(timeout);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearTimeout(killTimer);
			clearTimeout(timeout);
			opts.signal?.removeEventListener('abort', stop);
			if (stderrRest.trim()) tail.push(stderrRest);
			if (stdoutRest && opts.onStdoutLine) opts.onStdoutLine(stdoutRest);
			resolve({ code, signal, stdout, stderrTail: tail.slice(-STDERR_TAIL_LINES), aborted });
		});
	});
}

/** The command as one line for a debug log; quoting is for reading only, it is never executed. */
export function formatCommand(command: string, args: string[]): string {
	const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
	return [command, ...args].map(quote).join(' ');
}

/** Reads ffmpeg's `-progress pipe:1` key=value lines into progress reports. */
export function progressReader(durationSeconds: number, report?: (p: TranscodeProgress) => void) {
	let seconds = 0;
	let speed: number | null = null;
	return (line: string) => {
		const [key, value = ''] = line.trim().split('=', 2);
		if (key === 'out_time_us' && /^\d+$/.test(value)) seconds = Number(value) / 1e6;
		else if (key === 'speed') speed = Number.parseFloat(value) || null;
		else if (key === 'progress') {
			const done = value === 'end';
			const fraction = done ? 1 : Math.min(1, seconds / Math.max(durationSeconds, 0.001));
			report?.({ seconds: done ? Math.max(seconds, durationSeconds) : seconds, fraction, speed });
		}
	};
}
