import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

// Playwright cannot download its own browsers on these machines, so the tests bring one:
// CHROME_PATH, Debian's chromium (apt), or the headless shell inside the npm package
// @sparticuz/chromium (which plays H.264/AAC through MSE, so hls.js playback is testable).
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

// The machines refuse outside connections: keep Chromium from trying to phone home (component
// updates, sync, field trials) and from stalling on QUIC. --no-sandbox because CI runs as root.
export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export async function resolveChromiumPath(): Promise<string> {
	const fromEnv = process.env.CHROME_PATH;
	if (fromEnv) {
		if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH points to a missing file: ${fromEnv}`);
		return fromEnv;
	}
	if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
	// Imported only when needed: the first call unpacks about 200 MB into os.tmpdir()
	// (/tmp/chromium), later calls reuse that file whatever version it is.
	const { default: sparticuz } = await import('@sparticuz/chromium');
	return sparticuz.executablePath();
}

export async function chromiumLaunchOptions(): Promise<LaunchOptions> {
	return { executablePath: await resolveChromiumPath(), args: chromiumArgs };
}
