import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/browser.ts';
import { E2E_ORIGIN } from './tests/constants.ts';

const baseURL = E2E_ORIGIN;

export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.e2e.ts',
	// One shared server (and database) on a 2-core machine: run tests one at a time.
	workers: 1,
	fullyParallel: false,
	retries: 0,
	forbidOnly: !!process.env.CI,
	reporter: [['list']],
	timeout: 60_000,
	use: {
		baseURL,
		browserName: 'chromium',
		launchOptions: await chromiumLaunchOptions(),
		trace: 'retain-on-failure'
	},
	webServer: {
		command: 'node scripts/e2e-server.js',
		url: `${baseURL}/healthz`,
		reuseExistingServer: false,
		timeout: 180_000,
		stdout: 'pipe',
		stderr: 'pipe',
		// SIGTERM (not the default SIGKILL) so e2e-server.js can stop the app and remove its
		// temporary data directory.
		gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 }
	}
});
