import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { importOptions } from './import.ts';

const production = {
	NODE_ENV: 'production',
	ORIGIN: 'https://mitreden.example',
	SMTP_URL: 'smtp://mail.example:587'
};

describe('OParl import settings', () => {
	it('refuses private hosts in production unless the operator allows them', () => {
		expect(importOptions(loadConfig(production)).fetch.allowPrivateHosts).toBe(false);
		const allowed = loadConfig({ ...production, OPARL_ALLOW_PRIVATE_HOSTS: '1' });
		expect(importOptions(allowed).fetch.allowPrivateHosts).toBe(true);
	});

	it('allows them in demo and development, where the endpoint is often on this machine', () => {
		expect(importOptions(loadConfig({})).fetch.allowPrivateHosts).toBe(true);
		expect(
			importOptions(loadConfig({ OPARL_ALLOW_PRIVATE_HOSTS: '0' })).fetch.allowPrivateHosts
		).toBe(false);
	});

	it('takes the per-request timeout in seconds and rejects nonsense', () => {
		expect(importOptions(loadConfig({ OPARL_TIMEOUT_SECONDS: '2.5' })).fetch.timeoutMs).toBe(2500);
		expect(importOptions(loadConfig({})).fetch.timeoutMs).toBe(15_000);
		expect(() => loadConfig({ OPARL_TIMEOUT_SECONDS: 'lang' })).toThrow(/OPARL_TIMEOUT_SECONDS/);
	});
});
