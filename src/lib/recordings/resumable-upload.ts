// The browser half of the resumable upload (protocol: src/lib/server/meetings/recording-upload.ts).
// XMLHttpRequest rather than fetch: only it reports upload progress within a chunk.

export type UploadStatus =
	| { kind: 'starting' }
	| { kind: 'running'; resumed: boolean }
	| { kind: 'paused' }
	| { kind: 'retrying'; seconds: number }
	| { kind: 'checking' }
	| { kind: 'done' }
	| { kind: 'aborted' }
	| { kind: 'rejected'; message: string }
	| { kind: 'failed'; message: string; fields?: Record<string, string> };

export interface UploadOptions {
	/** …/aufzeichnung/upload */
	baseUrl: string;
	file: File;
	startedAt: string;
	replace: boolean;
	onProgress(sent: number, total: number, bytesPerSecond: number | null): void;
	onStatus(status: UploadStatus): void;
	/** Message for an answer without a readable error, e.g. "Fehler 500". */
	serverError(status: number): string;
}

interface Answer {
	status: number;
	offset: number | null;
	body: { error?: string; errors?: Record<string, string>; [k: string]: unknown } | null;
}

const MIN_CHUNK = 256 * 1024;
const MAX_RETRIES = 12;

function send(
	method: string,
	url: string,
	body: Blob | null,
	headers: Record<string, string>,
	onSent?: (bytes: number) => void
): { done: Promise<Answer>; abort(): void } {
	const xhr = new XMLHttpRequest();
	const done = new Promise<Answer>((resolve, reject) => {
		xhr.open(method, url);
		for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
		if (onSent) xhr.upload.onprogress = (e) => onSent(e.loaded);
		xhr.onload = () => {
			const offset = xhr.getResponseHeader('upload-offset');
			let parsed: Answer['body'];
			try {
				parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
			} catch {
				parsed = null;
			}
			resolve({
				status: xhr.status,
				offset: offset === null ? null : Number(offset),
				body: parsed
			});
		};
		xhr.onerror = () => reject(new Error('network'));
		xhr.onabort = () => reject(new Error('abort'));
		xhr.ontimeout = () => reject(new Error('timeout'));
		xhr.send(body);
	});
	return { done, abort: () => xhr.abort() };
}

/** Bytes per second over the last few seconds, so a pause or a slow patch shows quickly. */
function speedMeter() {
	const samples: [number, number][] = [];
	return (sent: number): number | null => {
		const now = performance.now();
		samples.push([now, sent]);
		while (samples.length > 2 && now - samples[0]![0] > 5000) samples.shift();
		const [t0, b0] = samples[0]!;
		return now - t0 > 500 ? ((sent - b0) * 1000) / (now - t0) : null;
	};
}

export function startResumableUpload(opts: UploadOptions) {
	const { file } = opts;
	let id: string | null = null;
	let offset = 0;
	let chunk = 8 * 1024 * 1024;
	let paused = false;
	let stopped = false;
	// Said for the whole upload, not only its first chunk: the clerk should know it continued.
	let resumed = false;
	let current: { abort(): void } | null = null;
	let wake: (() => void) | null = null;
	const speed = speedMeter();

	const sleep = (ms: number) =>
		new Promise<void>((resolve) => {
			const timer = setTimeout(resolve, ms);
			wake = () => {
				clearTimeout(timer);
				resolve();
			};
		});

	async function create(): Promise<boolean> {
		const form = new URLSearchParams({
			name: file.name,
			size: String(file.size),
			startedAt: opts.startedAt
		});
		if (opts.replace) form.set('replace', 'ja');
		const type = { 'content-type': 'application/x-www-form-urlencoded' };
		const a = await send('POST', opts.baseUrl, new Blob([form.toString()]), type).done;
		if (a.status !== 200 && a.status !== 201) {
			const fields = a.body?.errors ?? {};
			const message = Object.values(fields).join(' ') || opts.serverError(a.status);
			opts.onStatus({ kind: 'failed', message, fields });
			return false;
		}
		id = String(a.body?.id);
		offset = Number(a.body?.offset ?? 0);
		chunk = Number(a.body?.chunkBytes ?? chunk);
		resumed = a.status === 200;
		opts.onStatus({ kind: 'running', resumed });
		return true;
	}

	/** One PATCH; returns true when the upload is finished (either way). */
	async function patch(): Promise<boolean> {
		const end = Math.min(file.size, offset + chunk);
		const body = file.slice(offset, end);
		const last = end === file.size;
		const base = offset;
		const request = send(
			'PATCH',
			`${opts.baseUrl}/${id}`,
			body,
			{ 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) },
			(bytes) => {
				opts.onProgress(base + bytes, file.size, speed(base + bytes));
				if (last && bytes >= body.size) opts.onStatus({ kind: 'checking' });
			}
		);
		current = request;
		const a = await request.done;
		current = null;
		return handle(a);
	}

	function handle(a: Answer): boolean {
		if (a.offset !== null) offset = a.offset;
		if (a.status === 204 || a.status === 409) {
			opts.onProgress(offset, file.size, speed(offset));
			return false;
		}
		if (a.status === 413 && a.offset === null && chunk > MIN_CHUNK) {
			// A proxy or BODY_SIZE_LIMIT below our chunk size: smaller chunks still get through.
			chunk = Math.max(MIN_CHUNK, Math.floor(chunk / 2));
			return false;
		}
		if (a.status === 200) opts.onStatus({ kind: 'done' });
		else if (a.status === 422) opts.onStatus({ kind: 'rejected', message: a.body?.error ?? '' });
		else if (a.status >= 500 && a.status !== 503) throw new Error(`status ${a.status}`);
		else opts.onStatus({ kind: 'failed', message: a.body?.error ?? opts.serverError(a.status) });
		return true;
	}

	async function askOffset(): Promise<void> {
		const a = await send('HEAD', `${opts.baseUrl}/${id}`, null, {}).done;
		if (a.status === 200 && a.offset !== null) offset = a.offset;
		else if (a.status === 404) throw Object.assign(new Error('gone'), { gone: true });
	}

	async function run(): Promise<void> {
		opts.onStatus({ kind: 'starting' });
		if (!(await create())) return;
		let failures = 0;
		while (!stopped) {
			if (paused) {
				opts.onStatus({ kind: 'paused' });
				await sleep(60_000);
				continue;
			}
			try {
				if (failures > 0) await askOffset();
				if (await patch()) return;
				failures = 0;
				opts.onStatus({ kind: 'running', resumed });
			} catch (err) {
				if (stopped) return;
				if ((err as { gone?: boolean }).gone || ++failures > MAX_RETRIES) {
					opts.onStatus({ kind: 'failed', message: opts.serverError(0) });
					return;
				}
				if (paused) continue;
				const seconds = Math.min(30, 2 ** (failures - 1));
				opts.onStatus({ kind: 'retrying', seconds });
				await sleep(seconds * 1000);
			}
		}
	}

	const finished = run().catch((err: unknown) => {
		opts.onStatus({ kind: 'failed', message: String(err) });
	});

	return {
		finished,
		pause() {
			paused = true;
			current?.abort();
		},
		resume() {
			paused = false;
			wake?.();
		},
		async abort() {
			stopped = true;
			current?.abort();
			wake?.();
			if (id) {
				await send('DELETE', `${opts.baseUrl}/${id}`, null, {}).done.catch(() => null);
			}
			opts.onStatus({ kind: 'aborted' });
		}
	};
}
