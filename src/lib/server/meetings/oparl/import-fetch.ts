import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

// Fetching from an OParl endpoint a clerk typed in: every request has a deadline, a size cap and
// a redirect limit, only http(s) is spoken, and (unless configured otherwise) no address in a
// private, loopback or link-local network is contacted. The address check runs in the socket's
// own DNS lookup, so a name that resolves differently on the second try cannot slip past it.

export interface FetchLimits {
	timeoutMs: number;
	maxBytes: number;
	maxRedirects: number;
	allowPrivateHosts: boolean;
}

/** A failure the clerk can act on; the message is shown on the import page as it is. */
export class OparlImportError extends Error {
	override name = 'OparlImportError';
}

const blocked = new net.BlockList();
for (const [address, prefix] of [
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['127.0.0.0', 8],
	['169.254.0.0', 16],
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['224.0.0.0', 3]
] as const) {
	blocked.addSubnet(address, prefix, 'ipv4');
}
for (const [address, prefix] of [
	['::', 128],
	['::1', 128],
	['64:ff9b::', 96],
	['fc00::', 7],
	['fe80::', 10],
	['ff00::', 8]
] as const) {
	blocked.addSubnet(address, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return blocked.check(mapped[1]!, 'ipv4');
	const family = net.isIP(address);
	if (family === 0) return true;
	return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const privateHost = (url: URL) =>
	new OparlImportError(
		`Die Adresse ${url.host} liegt in einem internen Netz; ein Import von dort ist nicht erlaubt.`
	);

type LookupCallback = (
	err: NodeJS.ErrnoException | null,
	address: string | dns.LookupAddress[],
	family?: number
) => void;

function guardedLookup(url: URL) {
	return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
		dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
			if (err) return callback(err, []);
			if (addresses.some((a) => isPrivateAddress(a.address))) return callback(privateHost(url), []);
			if (options.all) return callback(null, addresses);
			callback(null, addresses[0]!.address, addresses[0]!.family);
		});
	};
}

/** Only absolute http(s) URLs without credentials. */
export function checkUrl(raw: string): URL {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new OparlImportError(`„${raw.slice(0, 200)}“ ist keine gültige Adresse.`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new OparlImportError(
			`Nur http- und https-Adressen sind erlaubt: ${url.href.slice(0, 200)}`
		);
	}
	if (url.username || url.password) {
		throw new OparlImportError(
			'Die Adresse darf keinen Benutzernamen und kein Passwort enthalten.'
		);
	}
	return url;
}

interface Answer {
	status: number;
	location: string | null;
	contentType: string;
	body: Buffer;
}

function tooLarge(url: URL, limits: FetchLimits) {
	const mb = Math.round((limits.maxBytes / 1024 / 1024) * 10) / 10;
	return new OparlImportError(`Die Antwort von ${url.href} ist größer als ${mb} MB.`);
}

function request(url: URL, limits: FetchLimits, signal: AbortSignal): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const client = url.protocol === 'https:' ? https : http;
		const req = client.get(
			url,
			{
				signal,
				headers: { accept: 'application/json', 'user-agent': 'Mitreden-OParl-Import/1.0' },
				...(limits.allowPrivateHosts ? {} : { lookup: guardedLookup(url) })
			},
			(res) => {
				const status = res.statusCode ?? 0;
				const answer = {
					status,
					location: res.headers.location ?? null,
					contentType: res.headers['content-type'] ?? ''
				};
				if (status !== 200) {
					res.resume();
					return resolve({ ...answer, body: Buffer.alloc(0) });
				}
				if (Number(res.headers['content-length'] ?? 0) > limits.maxBytes) {
					req.destroy();
					return reject(tooLarge(url, limits));
				}
				const chunks: Buffer[] = [];
				let size = 0;
				res.on('data', (chunk: Buffer) => {
					size += chunk.length;
					if (size > limits.maxBytes) {
						req.destroy();
						reject(tooLarge(url, limits));
					} else chunks.push(chunk);
				});
				res.on('end', () => resolve({ ...answer, body: Buffer.concat(chunks) }));
				res.on('error', reject);
				// A connection dropped mid-body does not always emit 'error'; never wait forever.
				res.on('close', () => {
					if (!res.complete) reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
				});
			}
		);
		req.on('error', reject);
	});
}

function networkError(url: URL, err: unknown, limits: FetchLimits, signal: AbortSignal): Error {
	if (err instanceof OparlImportError) return err;
	if (signal.aborted) {
		const seconds = Math.round(limits.timeoutMs / 100) / 10;
		return new OparlImportError(
			`${url.host} hat nicht innerhalb von ${seconds} Sekunden geantwortet (${url.href}).`
		);
	}
	const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
	return new OparlImportError(`${url.host} ist nicht erreichbar (${code}).`);
}

async function fetchOnce(url: URL, limits: FetchLimits): Promise<Answer> {
	if (!limits.allowPrivateHosts && net.isIP(url.hostname.replace(/^\[|\]$/g, ''))) {
		if (isPrivateAddress(url.hostname.replace(/^\[|\]$/g, ''))) throw privateHost(url);
	}
	const signal = AbortSignal.timeout(limits.timeoutMs);
	try {
		return await request(url, limits, signal);
	} catch (err) {
		throw networkError(url, err, limits, signal);
	}
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

/** GETs one OParl document and parses it; every failure is an OparlImportError in German. */
export async function fetchJson(raw: string, limits: FetchLimits): Promise<unknown> {
	let url = checkUrl(raw);
	for (let hop = 0; ; hop++) {
		const answer = await fetchOnce(url, limits);
		if (REDIRECTS.has(answer.status) && answer.location) {
			if (hop >= limits.maxRedirects) {
				throw new OparlImportError(`Zu viele Weiterleitungen ab ${raw.slice(0, 200)}.`);
			}
			url = checkUrl(new URL(answer.location, url).href);
			continue;
		}
		if (answer.status !== 200) {
			throw new OparlImportError(`${url.href} antwortete mit dem HTTP-Status ${answer.status}.`);
		}
		if (!JSON_TYPE.test(answer.contentType)) {
			throw new OparlImportError(
				`Die Antwort von ${url.href} ist kein JSON (Inhaltstyp „${answer.contentType.slice(0, 100) || 'keiner'}“).`
			);
		}
		try {
			return JSON.parse(answer.body.toString('utf8'));
		} catch {
			throw new OparlImportError(`Die Antwort von ${url.href} ist kein gültiges JSON.`);
		}
	}
}
