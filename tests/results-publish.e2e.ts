import type { Locator, Page } from '@playwright/test';
import {
	DEMO_RESIDENT,
	E2E_ORIGIN,
	expect,
	expectAccessible,
	logIn,
	registerVerified,
	submitStatus,
	test,
	visit
} from './fixtures.ts';

// A planner publishes the demo survey's results (240 made-up responses) by keyboard alone; a
// resident, logged out, reads them, downloads JSON and CSV and finds them in the open-data index;
// then the planner withdraws them. The resident's own free text (with a marker) never shows.

const PLANNER = 'planung@demo.mitreden.example';
const SURVEY = 'Umfrage zum Masterplan Mobilität';
const MODE_QUESTION = 'Wie sind Sie in Hennef meistens unterwegs?';
const RATING_QUESTION = 'Wie zufrieden sind Sie mit dem Radwegenetz in Hennef?';
const K = 5;
const MARKER = `Freitext-Marker-${Date.now().toString(36)}`;
const TITLE = `Ergebnisse Masterplan Mobilität ${Date.now().toString(36)}`;

let surveyId = '';

/** Presses Tab until `target` has the focus, as a keyboard user moves on. */
async function tabTo(page: Page, target: Locator): Promise<void> {
	for (let presses = 0; presses < 80; presses++) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${target}`);
}

/** Replaces a text field's content by keyboard. */
async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
	await tabTo(page, field);
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.press('Delete');
	await page.keyboard.type(text);
}

/** Chooses an option of a focused <select> with the arrow keys. */
async function chooseByKeyboard(page: Page, select: Locator, label: string): Promise<void> {
	await tabTo(page, select);
	await page.keyboard.press('Home');
	for (let i = 0; i < 40; i++) {
		const chosen = await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text);
		if (chosen === label) return;
		await page.keyboard.press('ArrowDown');
	}
	throw new Error(`option ${label} not reachable`);
}

/**
 * Every count in the page's result tables, read as a person sees it: "–" for a suppressed one,
 * otherwise the number before an optional "(x %)". Columns that hold no counts are skipped.
 */
async function tableCounts(page: Page): Promise<{ shown: number[]; suppressed: number }> {
	return page.locator('main').evaluate((main) => {
		const notCounts = /Rang|Anteil|Summe|Durchschnitt|Mittelwert|Median/;
		const shown: number[] = [];
		let suppressed = 0;
		for (const table of main.querySelectorAll('table')) {
			const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
			for (const row of table.querySelectorAll('tbody tr, tfoot tr')) {
				[...row.children].forEach((cell, i) => {
					if (cell.tagName !== 'TD' || notCounts.test(headers[i] ?? '')) return;
					const copy = cell.cloneNode(true) as HTMLElement;
					copy.querySelectorAll('.visually-hidden').forEach((h) => h.remove());
					const text = (copy.textContent ?? '').trim();
					const count = /^(\d{1,3}(?:\.\d{3})*)(?: \(.*%\))?$/.exec(text);
					if (text === '–') suppressed++;
					else if (count) shown.push(Number(count[1]!.replace(/\./g, '')));
				});
			}
		}
		return { shown, suppressed };
	});
}

test.describe('published results', () => {
	test.describe.configure({ mode: 'serial' });

	test('a resident answers the demo survey with a free text', async ({ page }) => {
		test.setTimeout(90_000);
		const resident = await registerVerified(page, 'ergebnisse');
		await logIn(page, resident.email, resident.password);
		await visit(page, '/beteiligung/masterplan-mobilitaet');
		await page.getByRole('link', { name: SURVEY }).click();
		await expect(page).toHaveURL(/\/umfragen\/[0-9a-f-]{36}$/);
		surveyId = page.url().split('/').pop()!;
		await expectAccessible(page);
		await page.getByRole('radio', { name: 'Fahrrad' }).check();
		await page
			.getByRole('group', { name: RATING_QUESTION })
			.getByRole('radio', { name: '4', exact: true })
			.check();
		await page.getByRole('button', { name: 'Weiter' }).click();
		await expect(page.getByText('Seite 2 von 3')).toBeVisible();
		await page.getByLabel('Rang für „Sichere Radwege“').selectOption('1');
		await page.getByLabel('Rang für „Busse im 15-Minuten-Takt“').selectOption('2');
		await page.getByLabel('Rang für „Barrierefreie Gehwege“').selectOption('3');
		for (const statement of [
			'Die Innenstadt soll verkehrsberuhigt werden.',
			'Am Bahnhof fehlen sichere Fahrradstellplätze.',
			'Der Bus fährt abends zu selten.'
		]) {
			await page
				.getByRole('group', { name: statement })
				.getByRole('radio', { name: 'stimme eher zu' })
				.check();
		}
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Weiter' }).click();
		await expect(page.getByText('Seite 3 von 3')).toBeVisible();
		await page.getByLabel('In welchem Ortsteil wohnen Sie?').fill(`${MARKER} Ortsteil`);
		await page.getByLabel('Was sollte sich an der Mobilität in Hennef ändern?').fill(MARKER);
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Antworten absenden' }).click();
		await expect(page.getByText('Vielen Dank für Ihre Teilnahme!')).toBeVisible();
		await expectAccessible(page);
	});

	test('a planner publishes them with the keyboard alone, after a refused cross-tab', async ({
		page
	}) => {
		test.setTimeout(90_000);
		await logIn(page, PLANNER);
		await visit(page, `/planung/umfragen/${surveyId}`);
		await page.getByRole('link', { name: 'Ergebnisse veröffentlichen' }).click();
		await expect(page).toHaveURL(`/planung/umfragen/${surveyId}/veroeffentlichen`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ergebnisse veröffentlichen');
		await expect(
			page.getByText('Zellen mit weniger als 5 Antworten werden ausgeblendet')
		).toBeVisible();
		await expect(page.getByRole('link', { name: /CC BY 4\.0/ })).toHaveAttribute(
			'href',
			'https://creativecommons.org/licenses/by/4.0/'
		);
		await expectAccessible(page);

		// The preview shows today's numbers as the public would see them, and stores nothing.
		await page.getByRole('link', { name: 'Vorschau der öffentlichen Seite' }).click();
		await expect(page).toHaveURL(`/umfragen/${surveyId}/ergebnisse?vorschau`);
		await expect(page.getByText(/^Vorschau: So sähe die öffentliche Seite/)).toBeVisible();
		await expect(page.getByRole('heading', { name: MODE_QUESTION, exact: true })).toBeVisible();
		await expectAccessible(page);
		await page.goBack();
		await expect(page).toHaveURL(`/planung/umfragen/${surveyId}/veroeffentlichen`);
		await expectAccessible(page);

		const slot = page.getByRole('group', { name: 'Kreuztabelle 1' });
		await typeInto(page, page.getByLabel('Titel'), TITLE);
		await typeInto(page, page.getByLabel('Beschreibung'), 'Wie Hennef unterwegs ist.');
		await typeInto(page, page.getByLabel('Rückmeldung der Planung'), 'Wir bauen **Radwege**.');
		await chooseByKeyboard(page, slot.getByLabel('Zeilen'), MODE_QUESTION);
		await chooseByKeyboard(page, slot.getByLabel('Spalten'), MODE_QUESTION);
		const publish = page.getByRole('button', { name: /^(Veröffentlichen|Aktualisieren)$/ });
		await tabTo(page, publish);
		expect(await submitStatus(page, () => page.keyboard.press('Enter'))).toBe(400);
		const summary = page.getByRole('alert');
		await expect(summary).toContainText('Bitte wählen Sie zwei verschiedene Fragen.');
		await expect(slot.getByLabel('Spalten')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Titel')).toHaveValue(TITLE);
		await expectAccessible(page);

		await chooseByKeyboard(page, slot.getByLabel('Spalten'), RATING_QUESTION);
		await tabTo(page, publish);
		expect(await submitStatus(page, () => page.keyboard.press('Enter'))).toBe(200);
		await expect(
			page.getByRole('status').filter({
				hasText: /Die (Ergebnisse sind veröffentlicht|Veröffentlichung ist aktualisiert)/
			})
		).toBeVisible();
		await expect(page.getByText(/^Veröffentlicht seit/)).toBeVisible();
		await expect(page.getByRole('button', { name: 'Aktualisieren' })).toBeVisible();
		await expect(page.getByLabel('Titel')).toHaveValue(TITLE);
		await expectAccessible(page);
	});

	test('a resident, logged out, reads only suppressed numbers and downloads them', async ({
		page
	}) => {
		await visit(page, '/beteiligung/masterplan-mobilitaet');
		await expect(
			page.getByRole('link', { name: `Veröffentlichte Ergebnisse: ${SURVEY}` })
		).toHaveAttribute('href', `/umfragen/${surveyId}/ergebnisse`);
		await visit(page, `/umfragen/${surveyId}`);
		await page.getByRole('link', { name: 'Veröffentlichte Ergebnisse' }).click();
		await expect(page).toHaveURL(`/umfragen/${surveyId}/ergebnisse`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
		await expect(page.getByRole('main')).toContainText('Wir bauen Radwege.');
		await expect(page.getByText(/^Quelle: Stadt Hennef \(Sieg\), Creative Commons/)).toBeVisible();
		await expectAccessible(page);

		// Every chart comes with a table and a one-sentence summary.
		const results = page.locator('main section.result');
		const n = await results.count();
		expect(n).toBeGreaterThan(5);
		for (let i = 0; i < n; i++) {
			await expect(results.nth(i).locator('p.summary').first()).not.toBeEmpty();
		}
		await expect(
			page.getByRole('heading', { name: `${MODE_QUESTION} × ${RATING_QUESTION}` })
		).toBeVisible();

		const { shown, suppressed } = await tableCounts(page);
		expect(shown.length).toBeGreaterThan(10);
		expect(suppressed).toBeGreaterThan(0);
		expect(shown.filter((c) => c > 0 && c < K)).toEqual([]);
		expect(await page.content()).not.toContain(MARKER);

		const jsonHref = await page.getByRole('link', { name: /^JSON/ }).getAttribute('href');
		const json = await page.request.get(jsonHref!);
		expect(json.status()).toBe(200);
		const body = await json.text();
		expect(body).not.toContain(MARKER);
		const doc = JSON.parse(body);
		expect(doc).toMatchObject({
			version: 1,
			title: TITLE,
			minCell: K,
			licence: { id: 'CC-BY-4.0' }
		});
		expect(doc.crossTabs).toHaveLength(1);

		const csvHref = await page.getByRole('link', { name: /^CSV für Excel/ }).getAttribute('href');
		const csv = await page.request.get(csvHref!);
		expect(csv.headers()['content-type']).toContain('text/csv');
		const text = await csv.text();
		expect(text).not.toContain(MARKER);
		const lines = text
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		expect(lines[0]).toBe(
			'table;question_id;question;row;category;measure;count;share;value;suppressed'
		);
		const counts = lines
			.slice(1)
			.map((l) => l.split(';'))
			.filter((c) => c[6] !== '' && /^\d+$/.test(c[6]!))
			.map((c) => Number(c[6]));
		expect(counts.filter((c) => c > 0 && c < K)).toEqual([]);

		await page.getByRole('contentinfo').getByRole('link', { name: 'Offene Daten' }).click();
		await expect(page).toHaveURL('/offene-daten');
		const entry = page
			.getByRole('listitem')
			.filter({ has: page.getByRole('heading', { name: TITLE }) });
		await expect(entry).toContainText('Masterplan Mobilität');
		await expect(entry).toContainText('Creative Commons Namensnennung 4.0');
		await expectAccessible(page);
		const catalog = await (await page.request.get('/offene-daten/katalog.jsonld')).json();
		const ids = catalog['dcat:dataset'].map((d: { '@id': string }) => d['@id']);
		expect(ids).toContain(`${new URL(page.url()).origin}/umfragen/${surveyId}/ergebnisse`);
	});

	test('a planner withdraws them; their addresses then answer 410 Gone', async ({ page }) => {
		await logIn(page, PLANNER);
		await visit(page, `/planung/umfragen/${surveyId}/veroeffentlichen`);
		const withdraw = page.getByRole('button', { name: 'Zurückziehen' });
		await tabTo(page, withdraw);
		// The confirmation box is required: the browser stops the form, so the server is asked
		// without it too.
		const status = await page.request.post(
			`/planung/umfragen/${surveyId}/veroeffentlichen?/withdraw`,
			{
				headers: {
					origin: new URL(page.url()).origin,
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html'
				},
				data: ''
			}
		);
		expect(status.status()).toBe(400);
		await tabTo(page, page.getByLabel('Ja, die veröffentlichten Ergebnisse zurückziehen'));
		await page.keyboard.press('Space');
		await tabTo(page, withdraw);
		expect(await submitStatus(page, () => page.keyboard.press('Enter'))).toBe(200);
		await expect(page.getByText('Die Ergebnisse sind zurückgezogen.')).toBeVisible();
		await expect(page.getByText(/^Zurückgezogen am/)).toBeVisible();
		await expectAccessible(page);

		await visit(page, `/umfragen/${surveyId}/ergebnisse`, 410);
		await expect(page.getByRole('main')).toContainText(
			'Diese Ergebnisse wurden zurückgezogen und sind nicht mehr verfügbar.'
		);
		expect((await page.request.get(`/umfragen/${surveyId}/ergebnisse.json`)).status()).toBe(410);
		expect((await page.request.get(`/umfragen/${surveyId}/ergebnisse.csv`)).status()).toBe(410);
		await visit(page, '/offene-daten');
		await expect(page.getByRole('heading', { name: TITLE })).toHaveCount(0);
	});

	test('results never published are not found; hostile addresses too', async ({ page }) => {
		await visit(page, '/umfragen/00000000-0000-4000-8000-000000000000/ergebnisse', 404);
		await visit(page, '/umfragen/kein-uuid/ergebnisse', 404);
		expect((await page.request.get('/umfragen/kein-uuid/ergebnisse.csv')).status()).toBe(404);
		await visit(page, '/en/offene-daten');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open data');
	});

	test('only planners may publish: anonymous posts go to the login, residents get 403', async ({
		page
	}) => {
		const action = `/planung/umfragen/${surveyId}/veroeffentlichen?/publish`;
		const anonymous = await page.request.post(action, {
			headers: { origin: new URL(E2E_ORIGIN).origin, accept: 'text/html' },
			form: { title: 'Fremd veröffentlicht' },
			maxRedirects: 0
		});
		expect(anonymous.status()).toBe(303);
		expect(anonymous.headers()['location']).toMatch(/^\/anmelden\?weiter=/);
		await logIn(page, DEMO_RESIDENT);
		await visit(page, `/planung/umfragen/${surveyId}/veroeffentlichen`, 403);
		const resident = await page.request.post(action, {
			headers: { origin: new URL(E2E_ORIGIN).origin, accept: 'text/html' },
			form: { title: 'Fremd veröffentlicht' }
		});
		expect(resident.status()).toBe(403);
		await visit(page, `/umfragen/${surveyId}/ergebnisse`, 410);
	});
});
