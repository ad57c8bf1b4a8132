import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { localeFromPath, messages, type MessageKey } from '$lib/i18n/index.ts';
import { webApp } from '$lib/server/app.ts';
import {
	deleteSessionCookie,
	sessionCookieName,
	setSessionCookie
} from '$lib/server/auth/cookies.ts';
import { validateSessionToken } from '$lib/server/auth/sessions.ts';
import { config } from '$lib/server/config.ts';
import { log } from '$lib/server/log.ts';
import { startWorkers } from '../media-worker/src/worker.ts';

export const init: ServerInit = async () => {
	const app = await webApp();
	if (app.ctx.config.embeddedWorker) await startWorkers(app.ctx);
	// adapter-node closes the HTTP server and leaves the exit to an empty event loop, which never
	// comes in a cluster worker (its IPC channel stays open): exit once the queue and the
	// database are closed.
	process.once('sveltekit:shutdown', () => {
		app
			.stop()
			.catch((err) => log.error('Herunterfahren fehlgeschlagen', { err }))
			.finally(() => process.exit(0));
	});
	log.info(`Mitreden läuft auf ${app.ctx.config.origin}`, {
		database: app.database.kind,
		demo: app.ctx.config.demo,
		worker: app.ctx.config.embeddedWorker ? 'im Webprozess' : 'eigener Prozess (npm run worker)'
	});
};

const TEXT_FORM_LIMIT = 512 * 1024;
// The one exception: chunks of a resumable recording upload (src/lib/server/meetings/
// recording-upload.ts), PATCH only, raw bytes, at most 8 MiB each (below BODY_SIZE_LIMIT).
const CHUNK_ROUTE =
	/^(?:\/en)?\/sitzungsdienst\/sitzungen\/[0-9a-f-]{36}\/aufzeichnung\/upload\/[0-9a-f-]{36}$/i;
const CHUNK_LIMIT = 8 * 1024 * 1024;
const CHUNK_TYPE = 'application/offset+octet-stream';

function isUploadChunk(method: string, path: string, type: string | undefined): boolean {
	return method === 'PATCH' && type === CHUNK_TYPE && CHUNK_ROUTE.test(path);
}
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

const securityHeaders: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'x-frame-options': 'DENY',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
	'cross-origin-opener-policy': 'same-origin'
};

export const handle: Handle = async ({ event, resolve }) => {
	const cfg = config();
	event.locals.requestId = event.request.headers.get('x-request-id')?.slice(0, 64) || randomUUID();
	event.locals.locale = localeFromPath(event.url.pathname);
	event.locals.user = null;
	event.locals.sessionId = null;

	// Page form actions take only form encodings; answer anything else in the visitor's language
	// before it reaches a parser.
	const type = event.request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
	if (
		event.request.method === 'POST' &&
		!event.url.pathname.startsWith('/api/') &&
		!FORM_TYPES.includes(type ?? '')
	) {
		return new Response(messages(event.locals.locale).error415, {
			status: 415,
			headers: { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders }
		});
	}
	// BODY_SIZE_LIMIT (24M) exists for file uploads; every other form is text with per-field
	// limits, so it stays at adapter-node's usual 512 KiB, for every method that carries a body.
	const length = Number(event.request.headers.get('content-length') ?? 0);
	const method = event.request.method;
	const chunk = isUploadChunk(method, event.url.pathname, type);
	const limit = chunk ? CHUNK_LIMIT : TEXT_FORM_LIMIT;
	if (
		!['GET', 'HEAD', 'OPTIONS'].includes(method) &&
		!(method === 'POST' && type === 'multipart/form-data') &&
		length > limit
	) {
		return new Response(messages(event.locals.locale).error413, {
			status: 413,
			headers: { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders }
		});
	}

	const token = event.cookies.get(sessionCookieName(cfg));
	if (token) {
		const { db } = (await webApp()).ctx;
		const session = await validateSessionToken(db, token, cfg.session);
		if (session) {
			event.locals.user = session.user;
			event.locals.sessionId = session.sessionId;
			if (session.refreshed) setSessionCookie(event.cookies, cfg, token, session.expiresAt);
		} else {
			deleteSessionCookie(event.cookies, cfg);
		}
	}

	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
	for (const [name, value] of Object.entries(securityHeaders)) response.headers.set(name, value);
	response.headers.set('x-request-id', event.locals.requestId);
	// Pages with personal data must not sit in shared caches.
	if (event.locals.user && !response.headers.has('cache-control')) {
		response.headers.set('cache-control', 'private, no-store');
	}
	return response;
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const errorId = randomUUID().slice(0, 8);
	// SvelteKit's own 4xx answers (unknown address, body over BODY_SIZE_LIMIT, wrong method) are
	// not failures of ours: the visitor gets the message for the status, without id or error log.
	if (status < 500) {
		const m = messages(event.locals.locale ?? 'de');
		return { message: m[`error${status}` as MessageKey] ?? m.error400 };
	}
	log.error('Unerwarteter Fehler', {
		errorId,
		requestId: event.locals.requestId,
		path: event.url.pathname,
		status,
		message,
		err: error
	});
	return { message: messages(event.locals.locale ?? 'de').error500, errorId };
};
