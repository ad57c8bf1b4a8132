import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createConnection, type Socket } from 'node:net';
import type { Logger } from '../../log.ts';
import { testEncoderArgs, type TestEncoderOptions } from '../../media/ffmpeg-test-encoder.ts';
import { encodeAmf0 } from './amf0.ts';
import { MessageType, encodeMessage } from './chunks.ts';

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

/** ffmpeg as the encoder in the council chamber; it plays the outside world, so the test
 * spawns it directly (the arguments come from media/ffmpeg-test-encoder.ts). */
export function startEncoder(
	ffmpeg: string,
	url: string,
	opts: Omit<TestEncoderOptions, 'url'> = {}
): Encoder {
	const args = testEncoderArgs({
		url,
		logLevel: process.env.RTMP_DEBUG ? 'debug' : 'error',
		...opts
	});
	const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
	let stderr = '';
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
	const done = new Promise<EncoderRun>((resolve) =>
		child.on('close', (code, signal) => resolve({ code, signal, stderr }))
	);
	return { pid: child.pid, kill: (s) => child.kill(s), done };
}

/** A hand-driven RTMP client for the fault tests: exact bytes, nothing an encoder would fix up. */
export class RawClient {
	readonly received: Buffer[] = [];
	readonly closed: Promise<void>;

	readonly socket: Socket;

	private constructor(socket: Socket) {
		this.socket = socket;
		socket.on('data', (d: Buffer) => this.received.push(d));
		socket.on('error', () => {});
		this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
	}

	static connect(port: number): Promise<RawClient> {
		return new Promise((resolve, reject) => {
			const socket = createConnection({ host: '127.0.0.1', port }, () =>
				resolve(new RawClient(socket))
			);
			socket.once('error', reject);
		});
	}

	get bytesReceived() {
		return this.received.reduce((n, b) => n + b.length, 0);
	}

	write(data: Buffer | string) {
		this.socket.write(data);
	}

	/** C0+C1, wait for S0+S1+S2, then C2 echoing S1. */
	async handshake() {
		this.write(Buffer.concat([Buffer.from([3]), randomBytes(1536)]));
		const deadline = Date.now() + 5_000;
		while (this.bytesReceived < 1 + 2 * 1536) {
			if (Date.now() > deadline) throw new Error('Kein S0/S1/S2 vom Server');
			await new Promise((r) => setTimeout(r, 10));
		}
		const all = Buffer.concat(this.received);
		this.received.length = 0;
		this.received.push(all.subarray(1 + 2 * 1536));
		this.write(all.subarray(1, 1 + 1536));
	}

	send(
		typeId: number,
		payload: Buffer,
		opts: { csid?: number; streamId?: number; timestamp?: number } = {}
	) {
		const message = {
			csid: opts.csid ?? 3,
			typeId,
			streamId: opts.streamId ?? 0,
			timestamp: opts.timestamp ?? 0,
			payload
		};
		this.write(encodeMessage(message, 128));
	}

	/** connect, createStream and publish, without waiting for the answers (the server keeps order). */
	publish(key: string) {
		this.send(
			MessageType.commandAmf0,
			encodeAmf0('connect', 1, { app: 'live', type: 'nonprivate' })
		);
		this.send(MessageType.commandAmf0, encodeAmf0('createStream', 2, null));
		this.send(MessageType.commandAmf0, encodeAmf0('publish', 3, null, key, 'live'), {
			csid: 8,
			streamId: 1
		});
	}

	/** The received bytes as text, to look for onStatus codes and descriptions. */
	text() {
		return Buffer.concat(this.received).toString('latin1');
	}

	destroy() {
		this.socket.destroy();
	}
}
