import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const PRODUCTION = {
	NODE_ENV: 'production',
	ORIGIN: 'https://mitreden.hennef.de',
	SMTP_URL: 'smtp://mitreden:geheim@mail.hennef.de:587'
};

describe('loadConfig', () => {
	it('starts with nothing set: demo mode, embedded database and worker, local origin', () => {
		const config = loadConfig({});
		expect(config).toMatchObject({
			production: false,
			demo: true,
			origin: 'http://localhost:3000',
			secureCookies: false,
			databaseUrl: undefined,
			embeddedWorker: true,
			smtpUrl: undefined,
			logFormat: 'pretty',
			rateLimit: { windowMs: 15 * 60_000, perAccount: 5, perAddress: 30 }
		});
		expect(config.dataDir).toBe(path.resolve('data'));
	});

	it('takes the local origin from PORT', () => {
		expect(loadConfig({ PORT: '4173' }).origin).toBe('http://localhost:4173');
	});

	it.each([{ NODE_ENV: 'production' }, { DEMO: '0' }, { DEMO: 'false' }])(
		'refuses production (%o) without ORIGIN, naming ORIGIN',
		(env) => {
			expect(() => loadConfig({ SMTP_URL: PRODUCTION.SMTP_URL, ...env })).toThrow(/^ORIGIN fehlt/);
		}
	);

	it('refuses production without SMTP_URL, naming SMTP_URL', () => {
		expect(() => loadConfig({ ...PRODUCTION, SMTP_URL: undefined })).toThrow(/^SMTP_URL fehlt/);
		expect(() => loadConfig({ DEMO: '0', ORIGIN: PRODUCTION.ORIGIN })).toThrow(/SMTP_URL/);
	});

	it('runs production with ORIGIN and SMTP_URL: no demo, secure cookies, JSON logs', () => {
		expect(loadConfig(PRODUCTION)).toMatchObject({
			production: true,
			demo: false,
			origin: 'https://mitreden.hennef.de',
			secureCookies: true,
			logFormat: 'json'
		});
	});

	it.each([
		['DATABASE_URL', 'mysql://root@localhost/mitreden'],
		['ORIGIN', 'mitreden.hennef.de'],
		['SMTP_URL', 'mail.hennef.de'],
		['RATE_LIMIT_PER_ACCOUNT', 'fünf'],
		['LOG_LEVEL', 'verbose']
	])('names %s when its value %s is invalid', (name, value) => {
		expect(() => loadConfig({ [name]: value })).toThrow(
			new RegExp(`^Ungültige Konfiguration:\\n  ${name}: `)
		);
	});

	it('runs the worker as its own process with PostgreSQL unless told otherwise', () => {
		const url = 'postgres://mitreden@db.hennef.de/mitreden';
		expect(loadConfig({ DATABASE_URL: url })).toMatchObject({
			databaseUrl: url,
			embeddedWorker: false
		});
		expect(loadConfig({ DATABASE_URL: url, EMBEDDED_WORKER: '1' }).embeddedWorker).toBe(true);
		// PGlite serves one process, so the worker stays embedded whatever the flag says.
		expect(loadConfig({ EMBEDDED_WORKER: '0' }).embeddedWorker).toBe(true);
	});

	it('turns rate limit and session settings into milliseconds', () => {
		const config = loadConfig({
			RATE_LIMIT_WINDOW_MINUTES: '5',
			RATE_LIMIT_PER_ADDRESS: '3',
			SESSION_IDLE_HOURS: '2',
			SESSION_ABSOLUTE_HOURS: '48'
		});
		expect(config.rateLimit).toEqual({ windowMs: 300_000, perAccount: 5, perAddress: 3 });
		expect(config.session).toEqual({ idleMs: 7_200_000, absoluteMs: 172_800_000 });
	});
});
