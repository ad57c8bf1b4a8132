import { createHash, randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import {
	expect,
	test as base,
	type BrowserContext,
	type BrowserContextOptions,
	type Page,
	type Response
} from '@playwright/test';
import { DEMO_PASSWORD, E2E_ORIGIN } from './constants.ts';

export { expect } from '@playwright/test';
export * from './constants.ts';

/** A password no list of common passwords contains, for the accounts the tests register. */
export const TEST_PASSWORD = 'Siegauen-Fahrrad-2026';

// WCAG 2.1 A and AA: what BITV 2.0 and EN 301 549 require of a German public body's website.
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** What the fixture knows about one browser page: documents shown and scanned, requests, errors. */
interface PageLedger {
	visited: Set<string>;
	scanned: Set<string>;
	requests: string[];
	/** Uncaught exceptions, and requests the Content-Security-Policy had to refuse. */
	errors: string[];
}

const ledgers = new WeakMap<Page, PageLedger>();

/** A page's identity for the scan bookkeeping: the address without its fragment. */
function pageKey(url: string): string {
	const u = new URL(url);
	u.hash = '';
	return u.href;
}

function isLocal(url: string): boolean {
	return url.startsWith(`${E2E_ORIGIN}/`) || url.startsWith('data:') || url.startsWith('blob:');
}

function track(page: Page): void {
	const ledger: PageLedger = { visited: new Set(), scanned: new Set(), requests: [], errors: [] };
	ledgers.set(page, ledger);
	page.on('pageerror', (error) => ledger.errors.push(`${page.url()}: ${error.stack}`));
	// Most requests the CSP blocks never show up as requests; Chromium only logs them.
	page.on('console', (message) => {
		if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
			ledger.errors.push(`${page.url()}: ${message.text()}`);
		}
	});
	page.on('framenavigated', (frame) => {
		if (frame === page.mainFrame() && frame.url().startsWith('http')) {
			ledger.visited.add(pageKey(frame.url()));
		}
	});
	page.on('request', (request) => ledger.requests.push(request.url()));
}

/** Starts tracking every page `context` opens; the list fills as pages open. */
function watch(context: BrowserContext): Page[] {
	const pages: Page[] = [];
	context.on('page', (page) => {
		pages.push(page);
		track(page);
	});
	return pages;
}

function checkPages(pages: Page[]): void {
	for (const page of pages) {
		const ledger = ledgers.get(page)!;
		const unscanned = [...ledger.visited].filter((url) => !ledger.scanned.has(url));
		expect(unscanned, 'pages shown without an accessibility scan (expectAccessible)').toEqual([]);
		expect(
			ledger.requests.filter((url) => !isLocal(url)),
			'requests that left the app'
		).toEqual([]);
		expect(ledger.errors, 'script errors and CSP refusals').toEqual([]);
	}
}

// Contexts opened with `javaScriptEnabled: false`; see scanTwin.
const scriptless = new WeakSet<BrowserContext>();

/** Opens another browser context: a second person, or the same person on another device. */
export type NewContext = (options?: BrowserContextOptions) => Promise<BrowserContext>;

/**
 * Every page a test opens through the `context` fixture (or a context from `newContext`) is
 * tracked. When the test has passed so far, its teardown fails it if a page showed a document
 * that was never scanned with expectAccessible, if any request left the app's origin or was
 * refused by the CSP (no third-party requests at all: DESIGN.md, GDPR), or if a script threw.
 */
export const test = base.extend<{ newContext: NewContext }>({
	context: async ({ context }, use, testInfo) => {
		const pages = watch(context);
		await use(context);
		if (testInfo.status !== testInfo.expectedStatus) return;
		checkPages(pages);
	},
	newContext: async ({ browser }, use, testInfo) => {
		const opened: { context: BrowserContext; pages: Page[] }[] = [];
		await use(async (options) => {
			// Playwright gives it the config's `use` options (baseURL and the like), as the default one.
			const context = await browser.newContext(options);
			if (options?.javaScriptEnabled === false) scriptless.add(context);
			opened.push({ context, pages: watch(context) });
			return context;
		});
		try {
			if (testInfo.status === testInfo.expectedStatus) {
				for (const { pages } of opened) checkPages(pages);
			}
		} finally {
			for (const { context } of opened) await context.close();
		}
	}
});

// Digests of documents (markup, viewport, focus) that axe passed in this worker. Axe answers the
// same for the same document, and a scan costs most of a second, so the login form every other
// test starts from is scanned once, not twenty times.
const passedDocuments = new Set<string>();

/**
 * Scans the page as it is now with axe-core (WCAG 2.1 A and AA) and fails with a readable list
 * of violations. Call it after every navigation and every change of state worth seeing.
 */
export async function expectAccessible(page: Page): Promise<void> {
	await page.waitForLoadState('load');
	const snapshot = await page.evaluate(() =>
		JSON.stringify([
			document.documentElement.outerHTML,
			innerWidth,
			innerHeight,
			document.activeElement?.outerHTML.slice(0, 500)
		])
	);
	const digest = createHash('sha256').update(snapshot).digest('hex');
	if (!passedDocuments.has(digest)) {
		await (scriptless.has(page.context()) ? scanTwin(page) : scan(page));
	}
	passedDocuments.add(digest);
	ledgers.get(page)?.scanned.add(pageKey(page.url()));
}

async function scan(page: Page): Promise<void> {
	const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
	const readable = violations.map((v) =>
		[
			`${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}`,
			`  ${v.helpUrl}`,
			...v.nodes.map(
				(node) =>
					`  - ${node.target.join(' ')}\n    ${(node.failureSummary ?? '').replace(/\n/g, '\n    ')}`
			)
		].join('\n')
	);
	expect(readable, `accessibility violations on ${page.url()}`).toEqual([]);
}

/**
 * Axe is script in the page, and where script is off not even its promise callbacks run. So a
 * page of a scriptless context is scanned as a twin: its markup, served at the same address to a
 * page with script on, minus the <script> elements that never ran in the original.
 */
async function scanTwin(page: Page): Promise<void> {
	const url = page.url();
	const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
	const context = await page.context().browser()!.newContext({ viewport: page.viewportSize() });
	try {
		const twin = await context.newPage();
		await twin.route(
			(address) => address.href === url,
			(route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html })
		);
		await twin.goto(url);
		await scan(twin);
	} finally {
		await context.close();
	}
}

/**
 * Opens `path`, checks the HTTP status, waits for SvelteKit's router to start (it marks the
 * history entry before hydrating) and scans the page.
 */
export async function visit(page: Page, path: string, status = 200): Promise<Response> {
	const response = await page.goto(path);
	expect(response, `no response for ${path}`).not.toBeNull();
	expect(response!.status(), `HTTP status of ${path}`).toBe(status);
	try {
		await page.waitForFunction(() => history.state?.['sveltekit:history'] !== undefined, null, {
			timeout: 10_000
		});
	} catch {
		const errors = ledgers.get(page)?.errors ?? [];
		throw new Error(`SvelteKit did not start on ${path}\n${errors.join('\n')}`);
	}
	await expectAccessible(page);
	return response!;
}

/**
 * Runs `submit` and returns the status the form action answered with, whether the form was
 * enhanced (SvelteKit then answers 200 with the action's status in a JSON body) or not.
 */
export async function submitStatus(page: Page, submit: () => Promise<void>): Promise<number> {
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		submit()
	]);
	const enhanced = (await response.request().headerValue('x-sveltekit-action')) === 'true';
	if (!enhanced) return response.status();
	const body = (await response.json()) as { type: string; status?: number };
	return body.type === 'error' ? response.status() : (body.status ?? response.status());
}

/** Lets the server see input the browser's own checks (required, maxlength, type) would stop. */
export async function skipBrowserValidation(page: Page): Promise<void> {
	await page.locator('main form').evaluateAll((forms) => {
		for (const form of forms as HTMLFormElement[]) {
			form.noValidate = true;
			for (const field of form.querySelectorAll('[maxlength],[minlength]')) {
				field.removeAttribute('maxlength');
				field.removeAttribute('minlength');
			}
		}
	});
}

/** A fresh address per call, so runs against a reused PostgreSQL database do not collide. */
export function uniqueEmail(label: string): string {
	return `${label}-${randomBytes(5).toString('hex')}@e2e.mitreden.example`;
}

/** Fills and submits the login form; the caller checks where it lands. */
export async function submitLogin(page: Page, email: string, password: string): Promise<number> {
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort', { exact: true }).fill(password);
	return submitStatus(page, () => page.getByRole('button', { name: 'Anmelden' }).click());
}

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await visit(page, '/anmelden');
	await submitLogin(page, email, password);
	await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
	await expectAccessible(page);
}

/** logIn for a page without JavaScript: SvelteKit never starts there, so visit() cannot wait for it. */
export async function logInWithoutScript(page: Page, email: string): Promise<void> {
	await page.goto('/anmelden');
	await expectAccessible(page);
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort', { exact: true }).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
	await expectAccessible(page);
}

export async function logOut(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Abmelden' }).click();
	await expect(page.getByRole('link', { name: 'Anmelden' })).toBeVisible();
	await expectAccessible(page);
}

/** Registers through the form and checks the confirmation message. */
export async function register(
	page: Page,
	account: { email: string; password?: string; displayName?: string }
): Promise<void> {
	await visit(page, '/registrieren');
	await page.getByLabel('E-Mail-Adresse').fill(account.email);
	await page.getByLabel('Passwort', { exact: true }).fill(account.password ?? TEST_PASSWORD);
	if (account.displayName) await page.getByLabel('Anzeigename').fill(account.displayName);
	expect(
		await submitStatus(page, () => page.getByRole('button', { name: 'Konto anlegen' }).click())
	).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fast geschafft');
	await expectAccessible(page);
}

/**
 * Polls /dev/outbox until a mail to `to` whose subject contains `subject` (and whose text
 * contains `text`) arrives (the worker sends within a second or two), scans the outbox and
 * returns the first link in the mail.
 */
export async function mailLink(
	page: Page,
	to: string,
	subject: string,
	text?: string
): Promise<string> {
	let mail = page
		.locator('article')
		.filter({ has: page.locator('.to', { hasText: to }) })
		.filter({ has: page.getByRole('heading', { name: subject }) });
	if (text) mail = mail.filter({ hasText: text });
	await expect
		.poll(
			async () => {
				await page.goto('/dev/outbox');
				return mail.count();
			},
			{ message: `mail "${subject}" to ${to} in the outbox`, timeout: 20_000 }
		)
		.toBeGreaterThan(0);
	await expectAccessible(page);
	const href = await mail.first().getByRole('link').first().getAttribute('href');
	expect(href).toMatch(new RegExp(`^${E2E_ORIGIN}/`));
	return href!;
}

/** Registers, confirms the address through the mailed link and returns the account. */
export async function registerVerified(
	page: Page,
	label: string
): Promise<{ email: string; password: string }> {
	const email = uniqueEmail(label);
	await register(page, { email });
	await visit(page, await mailLink(page, email, 'Bitte bestätigen'));
	await page.getByRole('button', { name: 'E-Mail-Adresse bestätigen' }).click();
	await expect(page.getByRole('status')).toContainText('Ihre E-Mail-Adresse ist bestätigt');
	await expectAccessible(page);
	return { email, password: TEST_PASSWORD };
}

/** Headers for a form POST sent with page.request that passes SvelteKit's CSRF check. */
export const sameOriginForm = {
	origin: E2E_ORIGIN,
	accept: 'text/html',
	'content-type': 'application/x-www-form-urlencoded'
};
