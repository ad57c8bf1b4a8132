import path from 'node:path';
import { z } from 'zod';
import { LICENCE_IDS } from '../results/licences.ts';

/**
 * Every environment variable Mitreden reads, validated once. Defaults make `npm start` work with
 * nothing set (embedded database, demo data, mail to the local outbox); production refuses to
 * start on a default that would be unsafe there.
 */
const flag = z
	.enum(['0', '1', 'true', 'false', ''])
	.optional()
	.transform((v) => (v === undefined || v === '' ? undefined : v === '1' || v === 'true'));

const schema = z.object({
	NODE_ENV: z.string().optional(),
	DEMO: flag,
	ORIGIN: z
		.url({ message: 'ORIGIN muss eine URL sein, z. B. https://mitreden.hennef.de' })
		.optional(),
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'DATABASE_URL muss mit postgres:// beginnen')
		.optional(),
	DATA_DIR: z.string().default('./data'),
	SMTP_URL: z
		.string()
		.regex(/^smtps?:\/\//, 'SMTP_URL muss mit smtp:// oder smtps:// beginnen')
		.optional(),
	MAIL_FROM: z.string().default('Mitreden <mitreden@localhost>'),
	EMBEDDED_WORKER: flag,
	WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
	DEMO_PASSWORD: z.string().min(8, 'DEMO_PASSWORD braucht mindestens 8 Zeichen').optional(),
	LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
	LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
	SESSION_IDLE_HOURS: z.coerce
		.number()
		.int()
		.min(1)
		.max(24 * 90)
		.default(24 * 7),
	SESSION_ABSOLUTE_HOURS: z.coerce
		.number()
		.int()
		.min(1)
		.max(24 * 365)
		.default(24 * 30),
	RATE_LIMIT_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
	RATE_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).max(10_000).default(5),
	RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(30),
	MEDIA_MAX_UPLOAD_GB: z.coerce.number().min(0.001).max(1000).default(20),
	MEDIA_MAX_HOURS: z.coerce.number().min(0.01).max(48).default(12),
	OPARL_ALLOW_PRIVATE_HOSTS: flag,
	OPARL_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(300).default(15),
	// Live ingest (RTMP from OBS, vMix, hardware encoders). The worker that runs it listens on
	// LIVE_RTMP_HOST:LIVE_RTMP_PORT; LIVE_RTMP_URL is what clerks paste into the encoder (behind a
	// TLS proxy it is rtmps://…). Run the ingest in exactly one worker process (LIVE_INGEST).
	LIVE_INGEST: flag,
	LIVE_RTMP_HOST: z.string().default('0.0.0.0'),
	LIVE_RTMP_PORT: z.coerce.number().int().min(0).max(65_535).default(1935),
	LIVE_RTMP_URL: z
		.string()
		.regex(/^rtmps?:\/\/[^\s]+$/, 'LIVE_RTMP_URL muss mit rtmp:// oder rtmps:// beginnen')
		.optional(),
	LIVE_RECONNECT_GRACE_SECONDS: z.coerce.number().int().min(10).max(7200).default(600),
	LIVE_CONSOLE_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(600).default(45),
	LIVE_MIN_FREE_GB: z.coerce.number().min(0).max(10_000).default(5),
	RESULTS_MIN_CELL: z.coerce
		.number()
		.int('RESULTS_MIN_CELL muss eine ganze Zahl sein')
		.min(2, 'RESULTS_MIN_CELL muss mindestens 2 sein')
		.max(100, 'RESULTS_MIN_CELL darf höchstens 100 sein')
		.default(5),
	OPEN_DATA_LICENCE: z
		.enum(LICENCE_IDS, {
			message: `OPEN_DATA_LICENCE muss eine dieser Lizenzen sein: ${LICENCE_IDS.join(', ')}`
		})
		.default('CC-BY-4.0'),
	// A raster tile server the operator chose (XYZ template with {z}, {x}, {y}); pages never ask it
	// directly, the server fetches and caches tiles under /karten/kacheln (no third-party requests
	// from residents' browsers). Unset: no base map, plans only.
	MAP_TILE_URL: z
		.string()
		.regex(
			/^https?:\/\/[^\s]+$/,
			'MAP_TILE_URL muss eine http(s)-Adresse mit {z}, {x} und {y} sein, z. B. https://tiles.example.de/{z}/{x}/{y}.png'
		)
		.refine(
			(v) => ['{z}', '{x}', '{y}'].every((p) => v.includes(p)),
			'MAP_TILE_URL muss {z}, {x} und {y} enthalten'
		)
		.optional(),
	MAP_TILE_ATTRIBUTION: z.string().max(300).default(''),
	MAP_TILE_MAX_ZOOM: z.coerce.number().int().min(1).max(22).default(19),
	SITE_NAME: z.string().max(100).default('Mitreden Hennef'),
	OPERATOR_NAME: z.string().max(200).default('Stadt Hennef (Sieg)'),
	OPERATOR_ADDRESS: z.string().max(500).default('Frankfurter Straße 97, 53773 Hennef (Sieg)'),
	OPERATOR_EMAIL: z.email().default('mitreden@hennef.de'),
	PRIVACY_OFFICER_EMAIL: z.email().default('datenschutz@hennef.de')
});

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: Record<string, string | undefined> = process.env) {
	const parsed = schema.safeParse(env);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new Error(`Ungültige Konfiguration:\n${lines.join('\n')}`);
	}
	const e = parsed.data;
	const production = e.NODE_ENV === 'production' || e.DEMO === false;
	const demo = !production && e.DEMO !== false;
	if (production && !e.ORIGIN) {
		throw new Error(
			'ORIGIN fehlt: im Produktivbetrieb muss ORIGIN die öffentliche Adresse nennen, z. B. https://mitreden.hennef.de'
		);
	}
	if (production && !e.SMTP_URL) {
		throw new Error(
			'SMTP_URL fehlt: im Produktivbetrieb müssen Mails (Bestätigungs- und Passwort-Links) per SMTP versandt werden, z. B. smtp://user:pass@mail.hennef.de:587'
		);
	}
	const origin = e.ORIGIN ?? `http://localhost:${env.PORT ?? '3000'}`;
	return {
		production,
		demo,
		origin,
		secureCookies: origin.startsWith('https://'),
		databaseUrl: e.DATABASE_URL,
		dataDir: path.resolve(e.DATA_DIR),
		smtpUrl: e.SMTP_URL,
		mailFrom: e.MAIL_FROM,
		// PGlite serves one process, so the worker must live inside the web process there.
		demoPassword: e.DEMO_PASSWORD,
		embeddedWorker: e.DATABASE_URL ? (e.EMBEDDED_WORKER ?? false) : true,
		logLevel: e.LOG_LEVEL,
		logFormat: e.LOG_FORMAT ?? (production ? 'json' : 'pretty'),
		session: {
			idleMs: e.SESSION_IDLE_HOURS * 3_600_000,
			absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000
		},
		rateLimit: {
			windowMs: e.RATE_LIMIT_WINDOW_MINUTES * 60_000,
			perAccount: e.RATE_LIMIT_PER_ACCOUNT,
			perAddress: e.RATE_LIMIT_PER_ADDRESS
		},
		media: {
			// A 3-hour meeting from a council camera is a few GB; the limits stop absurd files early.
			maxUploadBytes: Math.round(e.MEDIA_MAX_UPLOAD_GB * 1024 ** 3),
			maxDurationSeconds: Math.round(e.MEDIA_MAX_HOURS * 3600)
		},
		oparl: {
			// The clerk types the import address: in production it must not reach the town's
			// internal network (SSRF); a test or demo setup imports from a server on this machine.
			allowPrivateHosts: e.OPARL_ALLOW_PRIVATE_HOSTS ?? !production,
			timeoutMs: Math.round(e.OPARL_TIMEOUT_SECONDS * 1000)
		},
		live: {
			ingest: e.LIVE_INGEST ?? true,
			rtmpHost: e.LIVE_RTMP_HOST,
			rtmpPort: e.LIVE_RTMP_PORT,
			rtmpUrl: e.LIVE_RTMP_URL ?? `rtmp://${new URL(origin).hostname}:${e.LIVE_RTMP_PORT}/live`,
			reconnectGraceMs: e.LIVE_RECONNECT_GRACE_SECONDS * 1000,
			consoleTimeoutMs: e.LIVE_CONSOLE_TIMEOUT_SECONDS * 1000,
			minFreeBytes: Math.round(e.LIVE_MIN_FREE_GB * 1024 ** 3)
		},
		results: {
			// k: published aggregates suppress every cell based on fewer than k responses.
			minCell: e.RESULTS_MIN_CELL,
			licence: e.OPEN_DATA_LICENCE
		},
		map: {
			tiles: e.MAP_TILE_URL
				? { url: e.MAP_TILE_URL, attribution: e.MAP_TILE_ATTRIBUTION, maxZoom: e.MAP_TILE_MAX_ZOOM }
				: null
		},
		site: {
			name: e.SITE_NAME,
			operatorName: e.OPERATOR_NAME,
			operatorAddress: e.OPERATOR_ADDRESS,
			operatorEmail: e.OPERATOR_EMAIL,
			privacyOfficerEmail: e.PRIVACY_OFFICER_EMAIL
		}
	};
}

let cached: Config | undefined;

export function config(): Config {
	cached ??= loadConfig();
	return cached;
}
