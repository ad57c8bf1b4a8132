// The browser half of `npm run bench:map`: how long the map page takes in Chromium from the
// start of navigation until the clustered map is interactive, which the map component announces
// by setting data-map-state="ready" on its container. Each visit gets a fresh browser context (an
// empty cache, as a resident's first visit); the two pages take turns, after one warm-up each.
import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/browser.ts';

export interface Visit {
	/** ms from navigation start until data-map-state="ready". */
	ready: number;
	/** ms from navigation start until the first byte of the page. */
	ttfb: number;
	/** ms from navigation start until the markers for clustering had arrived (0: not asked). */
	markers: number;
}

export interface PageFigures {
	full: Visit;
	empty: Visit;
	/** Addresses of other origins the pages asked for (must stay empty). */
	offOrigin: string[];
}

const READY_TIMEOUT_MS = 60_000;

// Runs in the page before its own scripts: notes the moment any element first carries
// data-map-state="ready", on the page's own clock (0 = navigation start).
function watchReady() {
	const w = window as unknown as { mapReadyAt?: number };
	const check = () => {
		if (w.mapReadyAt === undefined && document.querySelector('[data-map-state="ready"]')) {
			w.mapReadyAt = performance.now();
			observer.disconnect();
		}
	};
	const observer = new MutationObserver(check);
	observer.observe(document, {
		subtree: true,
		childList: true,
		attributes: true,
		attributeFilter: ['data-map-state']
	});
}

async function visit(browser: Browser, url: string, offOrigin: Set<string>): Promise<Visit> {
	const origin = new URL(url).origin;
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		page.on('request', (r) => {
			const u = new URL(r.url());
			if (/^https?:$/.test(u.protocol) && u.origin !== origin) offOrigin.add(u.origin);
		});
		await page.addInitScript(watchReady);
		const response = await page.goto(url, { waitUntil: 'commit' }).catch((err: Error) => {
			throw new PageMissing(`${url}: ${err.message.split('\n')[0]}`);
		});
		if (response?.status() !== 200) {
			throw new PageMissing(`${url} antwortet mit HTTP ${response?.status() ?? 'nichts'}`);
		}
		await page
			.waitForFunction(() => (window as { mapReadyAt?: number }).mapReadyAt !== undefined, null, {
				timeout: READY_TIMEOUT_MS,
				polling: 50
			})
			.catch(() => {
				throw new PageMissing(
					`data-map-state="ready" kam nicht binnen ${READY_TIMEOUT_MS / 1000} s`
				);
			});
		return await page.evaluate(() => ({
			ready: (window as { mapReadyAt?: number }).mapReadyAt!,
			ttfb: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
				.responseStart,
			markers:
				(
					performance.getEntriesByType('resource').find((r) => r.name.includes('marker=1')) as
						PerformanceResourceTiming | undefined
				)?.responseEnd ?? 0
		}));
	} finally {
		await context.close();
	}
}

/** The page cannot be measured (missing route, never ready); the message says why. */
export class PageMissing extends Error {}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Measures both pages `runs` times, interleaved; a page that cannot be measured gives a reason. */
export async function measurePages(
	fullUrl: string,
	emptyUrl: string,
	runs: number
): Promise<PageFigures | string> {
	const browser = await chromium.launch(await chromiumLaunchOptions());
	const offOrigin = new Set<string>();
	try {
		await visit(browser, emptyUrl, offOrigin);
		await visit(browser, fullUrl, offOrigin);
		const full: Visit[] = [];
		const empty: Visit[] = [];
		for (let i = 0; i < runs; i++) {
			empty.push(await visit(browser, emptyUrl, offOrigin));
			full.push(await visit(browser, fullUrl, offOrigin));
		}
		const summary = (v: Visit[]) => ({
			ready: median(v.map((x) => x.ready)),
			ttfb: median(v.map((x) => x.ttfb)),
			markers: median(v.map((x) => x.markers))
		});
		return { full: summary(full), empty: summary(empty), offOrigin: [...offOrigin] };
	} catch (err) {
		if (err instanceof PageMissing) return err.message;
		throw err;
	} finally {
		await browser.close();
	}
}
