import type { Page } from '@playwright/test';
import {
	DEMO_RESIDENT,
	E2E_ORIGIN,
	expect,
	expectAccessible,
	logIn,
	logInWithoutScript,
	test,
	visit
} from './fixtures.ts';

// The planners' analysis of a map stage, on the demo's Marktplatz Stadt Blankenberg stage. Other
// tests add and hide comments there, so every expected number is counted in this test from the
// planners' GeoJSON export (visible comments only) taken right before the page is read.

const SLUG = 'marktplatz-stadt-blankenberg';
const PLANNER = 'planung@demo.mitreden.example';
const MODERATOR = 'moderation@demo.mitreden.example';
const CATEGORIES = ['Verkehr', 'Grün', 'Aufenthalt', 'Sonstiges'];
const STATUSES = ['new', 'in_review', 'accepted', 'rejected'];

interface Exported {
	category: string;
	status: string;
	supports: number;
	title: string;
	plan_id?: string;
}

async function consultationId(page: Page): Promise<string> {
	await visit(page, `/beteiligung/${SLUG}`);
	const edit = await page
		.getByRole('link', { name: /bearbeiten/i })
		.first()
		.getAttribute('href');
	return edit!.split('/').pop()!;
}

async function exported(page: Page, id: string): Promise<Exported[]> {
	const response = await page.request.get(`/planung/verfahren/${id}/karte/export.geojson`);
	expect(response.status()).toBe(200);
	const body = (await response.json()) as { features: { properties: Exported }[] };
	return body.features.map((f) => f.properties);
}

/** The category × status table as numbers: one row per category, then the totals row. */
async function tableNumbers(page: Page): Promise<number[][]> {
	const rows = page.getByTestId('ma-category-table').locator('tbody tr, tfoot tr');
	const texts = await rows.evaluateAll((trs) =>
		trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()))
	);
	return texts.map((r) => r.map(Number));
}

function expectedTable(rows: Exported[]): number[][] {
	const table = CATEGORIES.map((c) => {
		const counts = STATUSES.map(
			(s) => rows.filter((r) => r.category === c && r.status === s).length
		);
		return [...counts, counts.reduce((a, b) => a + b, 0)];
	});
	const totals = STATUSES.map((_, i) => table.reduce((s, r) => s + r[i]!, 0));
	return [...table, [...totals, totals.reduce((a, b) => a + b, 0)]];
}

test('a planner opens the analysis, reads the numbers, filters, and sees the map by category', async ({
	page
}) => {
	// Six scans of a long page with a map, on a machine shared by several test runs.
	test.setTimeout(180_000);
	await logIn(page, PLANNER);
	const id = await consultationId(page);
	await visit(page, `/planung/verfahren/${id}`);
	await page.getByRole('link', { name: 'Kartenhinweise auswerten' }).click();
	await expect(page).toHaveURL(new RegExp(`/planung/verfahren/${id}/karte/auswertung$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText(
		'Auswertung der Kartenhinweise'
	);
	await expectAccessible(page);

	const rows = await exported(page, id);
	expect(rows.length).toBeGreaterThanOrEqual(20);
	expect(await tableNumbers(page)).toEqual(expectedTable(rows));
	const figures = page.getByTestId('ma-figures');
	await expect(figures.locator('div').first()).toHaveText(
		new RegExp(`^Sichtbare Hinweise\\s*${rows.length}$`)
	);
	await expect(page.getByTestId('ma-category-summary')).toContainText(
		`Von ${rows.length} sichtbaren Hinweisen`
	);
	const timeTotal = await page
		.getByTestId('ma-time-table')
		.locator('tbody td')
		.evaluateAll((tds) => tds.reduce((s, td) => s + Number(td.textContent), 0));
	expect(timeTotal).toBe(rows.length);

	// The top list: most supports first, as many as there are supported comments (up to 10).
	const supported = rows.filter((r) => r.supports > 0).sort((a, b) => b.supports - a.supports);
	const topRows = page.getByTestId('ma-top-table').locator('tbody tr');
	await expect(topRows).toHaveCount(Math.min(10, supported.length));
	const topSupports = await topRows.evaluateAll((trs) =>
		trs.map((tr) => Number(tr.querySelectorAll('td')[3]!.textContent))
	);
	expect(topSupports).toEqual(supported.slice(0, 10).map((r) => r.supports));
	await expect(topRows.first().getByRole('link')).toHaveAttribute(
		'href',
		new RegExp(`^/beteiligung/${SLUG}/karte/hinweise/[0-9a-f-]{36}$`)
	);

	// The map: markers in their category's colour with its number, and a legend with counts.
	const map = page.getByRole('region', { name: /Karte/ }).locator('[data-map-state]');
	await expect(map).toHaveAttribute('data-map-state', 'ready');
	await expect(page.locator('.mv-marker, .mv-cluster').first()).toBeVisible();
	const legend = page.getByTestId('ma-legend');
	const onMap = rows.filter((r) => !r.plan_id);
	for (const c of CATEGORIES) {
		await expect(legend).toContainText(
			`${c}: ${onMap.filter((r) => r.category === c).length} in dieser Ansicht`
		);
	}
	await expectAccessible(page);

	// Filter to one category: every table, figure and marker follows.
	await page.getByRole('checkbox', { name: '2. Grün' }).check();
	await page.getByRole('button', { name: 'Auswahl anwenden' }).click();
	await expect(page).toHaveURL(/\?kategorie=[0-9a-f-]{36}/);
	await expect(page.getByTestId('ma-selection')).toHaveText(
		'Gezählt werden Hinweise mit Kategorie „Grün“.'
	);
	const green = rows.filter((r) => r.category === 'Grün');
	expect(await tableNumbers(page)).toEqual(expectedTable(green));
	await expect(map).toHaveAttribute('data-map-state', 'ready');
	const markers = page.locator('.mv-marker');
	await expect(markers.first()).toBeVisible();
	// Numbers on the markers: only category 2 is left, in its green.
	for (const mark of await page.locator('.mv-marker .mv-mark').allTextContents())
		expect(mark).toBe('2');
	await expect(page.locator('.mv-marker .mv-dot').first()).toHaveCSS(
		'background-color',
		'rgb(27, 110, 32)'
	);
	await expect(legend).toContainText('Verkehr: 0 in dieser Ansicht');
	await expectAccessible(page);

	// A marker chosen on the map links to the comment's page.
	await markers.first().focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status').filter({ hasText: 'Ausgewählt:' })).toBeVisible();
	await expectAccessible(page);

	// The detail plan without geo reference is a view of its own.
	await page.getByLabel('Ansicht der Karte').selectOption({ index: 1 });
	await page.getByRole('button', { name: 'Auswahl anwenden' }).click();
	await expect(page).toHaveURL(/ansicht=[0-9a-f-]{36}/);
	await expect(map).toHaveAttribute('data-map-state', 'ready');
	await expect(page.getByRole('region', { name: /Plan/ })).toBeVisible();
	await expectAccessible(page);
});

test('the filter form works with the keyboard alone', async ({ page }) => {
	test.setTimeout(120_000);
	await logIn(page, PLANNER);
	const id = await consultationId(page);
	const base = `/planung/verfahren/${id}/karte/auswertung`;
	await visit(page, base);
	const rows = await exported(page, id);

	// Tab to the status "berücksichtigt", tick it with Space, fill the dates, submit with Enter.
	await page.getByRole('checkbox', { name: 'berücksichtigt', exact: true }).focus();
	await page.keyboard.press('Space');
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Eingegangen ab')).toBeFocused();
	await page.keyboard.type('01012020');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/status=accepted/);
	await expect(page).toHaveURL(/von=2020-01-01/);
	await expect(page.getByTestId('ma-selection')).toHaveText(
		'Gezählt werden Hinweise mit Status „berücksichtigt“ und Eingang ab 01.01.2020.'
	);
	const accepted = rows.filter((r) => r.status === 'accepted');
	expect(await tableNumbers(page)).toEqual(expectedTable(accepted));
	await expectAccessible(page);

	// A range before any comment: empty states that say what to do.
	await visit(page, `${base}?von=2001-01-01&bis=2001-01-31`);
	await expect(page.getByTestId('ma-category-summary')).toContainText(
		'Für diese Auswahl gibt es keine sichtbaren Hinweise.'
	);
	await expect(page.getByTestId('ma-time-summary')).toContainText('Erweitern Sie den Zeitraum');
	await expect(page.getByText('Kein sichtbarer Hinweis dieser Auswahl')).toBeVisible();
});

test('malformed addresses get a German 400, other roles no analysis', async ({
	page,
	newContext
}) => {
	test.setTimeout(120_000);
	await logIn(page, PLANNER);
	const base = `/planung/verfahren/${await consultationId(page)}/karte/auswertung`;
	const refused: [string, string][] = [
		['?von=2026-02-30', 'Ein Datum der Auswahl ist ungültig'],
		['?von=2026-03-05&bis=2026-03-01', 'liegt nach dem Datum'],
		['?status=erledigt', 'unbekannten Status'],
		['?kategorie=not-a-uuid', 'Kategorie, die es in dieser Kartenbeteiligung nicht gibt'],
		['?ansicht=00000000-0000-4000-8000-000000000000', 'Diese Ansicht der Karte gibt es']
	];
	for (const [query, message] of refused) {
		await visit(page, `${base}${query}`, 400);
		await expect(page.getByRole('main')).toContainText(message);
	}
	await visit(page, '/planung/verfahren/keine-uuid/karte/auswertung', 404);
	const shapes = await page.request.get(`${base}/formen.json?id=kaputt`);
	expect(shapes.status()).toBe(400);

	// The same page in English.
	await visit(page, `/en${base}`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Map comment analysis');
	await expect(page.getByTestId('ma-selection')).toHaveText(
		'All comments of the map stage are counted.'
	);

	// Residents get no analysis.
	const resident = await (await newContext()).newPage();
	await logIn(resident, DEMO_RESIDENT);
	await visit(resident, base, 403);
});

test('the filter form works without JavaScript', async ({ newContext }) => {
	test.setTimeout(120_000);
	const context = await newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await logInWithoutScript(page, PLANNER);
	await page.goto(`/beteiligung/${SLUG}`);
	await expectAccessible(page);
	const edit = await page
		.getByRole('link', { name: /bearbeiten/i })
		.first()
		.getAttribute('href');
	const id = edit!.split('/').pop()!;
	await page.goto(`/planung/verfahren/${id}/karte/auswertung`);
	// The map needs script; the page says so, and the legend and tables carry the same numbers.
	await expect(page.locator('noscript')).toHaveCount(1);
	await expect(page.getByTestId('ma-legend')).toContainText('in dieser Ansicht');
	await expectAccessible(page);
	await page.getByRole('checkbox', { name: '1. Verkehr' }).check();
	await page.getByRole('button', { name: 'Auswahl anwenden' }).click();
	await expect(page).toHaveURL(/kategorie=/);
	await expect(page.getByTestId('ma-selection')).toHaveText(
		'Gezählt werden Hinweise mit Kategorie „Verkehr“.'
	);
	const numbers = await tableNumbers(page);
	expect(numbers.slice(1, 4).every((r) => r.at(-1) === 0)).toBe(true);
	await expectAccessible(page);
});

/** The big number of one overview figure, by its label. */
async function figure(page: Page, label: string): Promise<number> {
	const box = page.getByTestId('ma-figures').locator('div').filter({ hasText: label });
	return Number(await box.locator('strong').textContent());
}

test('a new comment counts, its answer moves it to its status, hiding moves it to "ausgeblendet"', async ({
	page,
	newContext
}) => {
	test.setTimeout(180_000);
	await logIn(page, PLANNER);
	const id = await consultationId(page);
	const base = `/planung/verfahren/${id}/karte/auswertung`;
	await visit(page, base);
	const before = await tableNumbers(page);
	const hiddenBefore = await figure(page, 'Ausgeblendet');
	const answeredBefore = await figure(page, 'Beantwortet');
	const other = await page.getByRole('checkbox', { name: '4. Sonstiges' }).getAttribute('value');

	// A comment of our own in "Sonstiges", in the middle of the square (posted as the form does).
	const title = `Auswertungstest ${Date.now()}`;
	const created = await page.request.post(`/beteiligung/${SLUG}/karte?/hinweis`, {
		headers: { origin: E2E_ORIGIN, accept: 'text/html' },
		multipart: {
			categoryId: other!,
			title,
			body: 'Ein Hinweis nur für die Auswertung.',
			geometry: JSON.stringify({ type: 'Point', coordinates: [7.335, 50.76995] }),
			planId: '',
			placeId: '',
			photoAlt: ''
		},
		maxRedirects: 0
	});
	expect(created.status()).toBe(303);
	const commentId = new URL(created.headers().location!, E2E_ORIGIN).searchParams.get('hinweis')!;
	const plus = (row: number, col: number, by = 1) =>
		before.map((r, i) =>
			r.map((n, j) => ((i === row || i === 4) && (j === col || j === 4) ? n + by : n))
		);

	await visit(page, base);
	expect(await tableNumbers(page)).toEqual(plus(3, 0));
	await expect(page.getByTestId('ma-legend')).toContainText(`Sonstiges: ${before[3]![4]! + 1} in`);

	// The planner's answer "berücksichtigt": from "neu" to "berücksichtigt", one more answered.
	const comment = `/beteiligung/${SLUG}/karte/hinweise/${commentId}`;
	const answered = await page.request.post(`${comment}?/answer`, {
		headers: { origin: E2E_ORIGIN, accept: 'text/html' },
		form: { status: 'accepted', answer: 'Wir prüfen das beim Umbau.' }
	});
	expect(answered.status()).toBe(200);
	await visit(page, base);
	expect(await tableNumbers(page)).toEqual(plus(3, 2));
	expect(await figure(page, 'Beantwortet')).toBe(answeredBefore + 1);

	// A moderator hides it: out of the table, the map and the list, into "ausgeblendet".
	const moderator = await (await newContext()).newPage();
	await logIn(moderator, MODERATOR);
	const hidden = await moderator.request.post(`${comment}?/hide`, {
		headers: { origin: E2E_ORIGIN, accept: 'text/html' },
		form: { targetKind: 'comment', targetId: commentId, reason: 'Nur ein Test.' }
	});
	expect(hidden.status()).toBe(200);
	await visit(page, base);
	expect(await tableNumbers(page)).toEqual(before);
	expect(await figure(page, 'Ausgeblendet')).toBe(hiddenBefore + 1);
	expect(await figure(page, 'Beantwortet')).toBe(answeredBefore);
	await expect(page.getByTestId('ma-figures')).toContainText(/\d+ durch die Moderation/);
	await expect(page.getByRole('link', { name: title })).toHaveCount(0);
});
