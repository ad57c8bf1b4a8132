import type { APIRequestContext, Locator, Page } from '@playwright/test';
import {
	DEMO_RESIDENT,
	expect,
	expectAccessible,
	logIn,
	logInWithoutScript,
	sameOriginForm,
	test,
	visit
} from './fixtures.ts';

const PLANNER = 'planung@demo.mitreden.example';

// An open survey on two pages with known answers: ten submitted responses and two that stopped.
const Q = {
	district: 'In welchem Ortsteil wohnen Sie?',
	transport: 'Wie sind Sie unterwegs?',
	rating: 'Wie zufrieden sind Sie mit dem Radverkehr?',
	rank: 'Was soll zuerst kommen?',
	matrix: 'Wie sehen Sie diese Aussagen?',
	budget: 'Wie würden Sie 100 Punkte verteilen?',
	idea: 'Was wünschen Sie sich?'
} as const;
type Key = keyof typeof Q;

type Pairs = [string, string][];

interface Answer {
	district: 'o1' | 'o2' | 'o3';
	transport: string[];
	rating: number;
	/** Option ids from rank 1 down. */
	rank: string[];
	matrix: [string, string];
	budget: [number, number];
	idea?: string;
}

// Nord = o1, Süd = o2, West = o3; Rad = o1, Bus = o2, Auto = o3; rank A/B/C = o1/o2/o3.
const ANSWERS: Answer[] = [
	{
		district: 'o1',
		transport: ['o1', 'o2'],
		rating: 5,
		rank: ['o1', 'o2', 'o3'],
		matrix: ['s1', 's1'],
		budget: [60, 40],
		idea: 'Mehr Radwege'
	},
	{
		district: 'o1',
		transport: ['o1'],
		rating: 4,
		rank: ['o1', 'o3', 'o2'],
		matrix: ['s1', 's2'],
		budget: [70, 30]
	},
	{
		district: 'o1',
		transport: ['o1', 'o3'],
		rating: 4,
		rank: ['o2', 'o1', 'o3'],
		matrix: ['s2', 's2'],
		budget: [50, 50],
		idea: 'Sichere Kreuzungen'
	},
	{
		district: 'o1',
		transport: ['o2'],
		rating: 3,
		rank: ['o1', 'o2', 'o3'],
		matrix: ['s2', 's3'],
		budget: [40, 60]
	},
	{
		district: 'o2',
		transport: ['o3'],
		rating: 2,
		rank: ['o3', 'o2', 'o1'],
		matrix: ['s4', 's5'],
		budget: [20, 80]
	},
	{
		district: 'o2',
		transport: ['o1', 'o2'],
		rating: 3,
		rank: ['o2', 'o3', 'o1'],
		matrix: ['s3', 's3'],
		budget: [50, 50]
	},
	{
		district: 'o2',
		transport: ['o3'],
		rating: 1,
		rank: ['o3', 'o1', 'o2'],
		matrix: ['s5', 's4'],
		budget: [0, 100]
	},
	{
		district: 'o3',
		transport: ['o1'],
		rating: 5,
		rank: ['o1', 'o2', 'o3'],
		matrix: ['s1', 's1'],
		budget: [100, 0],
		idea: 'Fahrradstraßen'
	},
	{
		district: 'o3',
		transport: ['o2', 'o3'],
		rating: 2,
		rank: ['o2', 'o1', 'o3'],
		matrix: ['s3', '__na'],
		budget: [30, 70]
	},
	{
		district: 'o3',
		transport: ['o1'],
		rating: 4,
		rank: ['o1', 'o3', 'o2'],
		matrix: ['s2', 's1'],
		budget: [90, 10]
	}
];

let built: { id: string; q: Record<Key, string> };

const base = () => `/planung/umfragen/${built.id}/ergebnisse`;

/** Presses Tab until `target` has the focus, as a keyboard user moves on. */
async function tabTo(page: Page, target: Locator): Promise<void> {
	for (let presses = 0; presses < 120; presses++) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${target}`);
}

async function addQuestion(page: Page, key: Key, type: string, surveyPage: string) {
	const add = page.getByRole('region', { name: 'Frage hinzufügen' });
	await add.getByLabel('Fragetext').fill(Q[key]);
	await add.getByLabel('Fragetyp').selectOption({ label: type });
	await add.getByLabel('Seite', { exact: true }).selectOption({ label: surveyPage });
	await add.getByRole('button', { name: 'Frage hinzufügen' }).click();
	await expect(page).toHaveURL(/\/fragen\/[0-9a-f-]{36}\?neu$/);
	await expectAccessible(page);
	return page.url().match(/\/fragen\/([0-9a-f-]{36})/)![1]!;
}

async function saveQuestion(page: Page, builder: string): Promise<void> {
	await page.getByRole('button', { name: 'Frage speichern' }).click();
	await expect(page.getByText('Die Frage ist gespeichert.')).toBeVisible();
	await expectAccessible(page);
	await visit(page, builder);
}

/** Body rows of a table as its visible texts (visually hidden words left out, spaces unified). */
async function rows(table: Locator): Promise<string[][]> {
	await expect(table).toBeVisible();
	return table.locator('tbody tr, tfoot tr').evaluateAll((trs) =>
		trs.map((tr) =>
			[...tr.children].map((cell) => {
				const copy = cell.cloneNode(true) as Element;
				copy.querySelectorAll('.visually-hidden').forEach((e) => e.remove());
				return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
			})
		)
	);
}

const table = (page: Page, caption: string) =>
	page.getByRole('table', { name: caption, exact: true });

/** One response through the survey's own form actions, as a browser without script sends them. */
async function respond(request: APIRequestContext, a: Answer | 'page1' | 'page2'): Promise<void> {
	const { id, q } = built;
	const post = async (action: string, pairs: Pairs) => {
		const res = await request.post(`/umfragen/${id}?/${action}`, {
			headers: sameOriginForm,
			data: new URLSearchParams(pairs).toString()
		});
		expect(res.status(), `${action} ${JSON.stringify(pairs)}`).toBe(200);
		return res.text();
	};
	const started = await post('start', []);
	const resume = started.match(/Fortsetzungscode: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/)![1]!;
	if (a === 'page1') return;
	const first: Pairs =
		a === 'page2'
			? [
					[`q.${q.district}`, 'o1'],
					[`q.${q.transport}`, 'o1'],
					[`q.${q.rating}`, '3']
				]
			: [
					[`q.${q.district}`, a.district],
					...a.transport.map((t): [string, string] => [`q.${q.transport}`, t]),
					[`q.${q.rating}`, String(a.rating)]
				];
	await post('page', [['resume', resume], ['page', '0'], ...first, ['nav', 'next']]);
	if (a === 'page2') return;
	const second: Pairs = [
		...a.rank.map((o, i): [string, string] => [`q.${q.rank}.${o}`, String(i + 1)]),
		[`q.${q.matrix}.r1`, a.matrix[0]],
		[`q.${q.matrix}.r2`, a.matrix[1]],
		[`q.${q.budget}.o1`, String(a.budget[0])],
		[`q.${q.budget}.o2`, String(a.budget[1])],
		...(a.idea ? [[`q.${q.idea}`, a.idea] as [string, string]] : [])
	];
	const done = await post('page', [
		['resume', resume],
		['page', '1'],
		...second,
		['nav', 'submit']
	]);
	expect(done).toContain('Vielen Dank');
}

test.describe('the planner results dashboard', () => {
	test.describe.configure({ mode: 'serial' });

	test('a planner builds an open survey with seven questions on two pages', async ({ page }) => {
		test.setTimeout(240_000);
		await logIn(page, PLANNER);
		await visit(page, '/planung');
		await page.getByRole('link', { name: 'Masterplan Mobilität' }).click();
		await expect(page).toHaveURL(/\/planung\/verfahren\/[0-9a-f-]{36}$/);
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Umfrage oder Abstimmung anlegen' }).click();
		await expect(page).toHaveURL(/\/planung\/umfragen\/neu\?verfahren=/);
		await expectAccessible(page);
		await page.getByLabel('Umfrage – Fragen auf einer oder mehreren Seiten').check();
		const surveyTitle = `Ergebnisse Radverkehr ${Date.now().toString(36)}`;
		await page.getByLabel('Titel').fill(surveyTitle);
		await page.getByLabel(/^Offene Teilnahme/).check();
		await page.getByRole('button', { name: 'Anlegen' }).click();
		await expect(page).toHaveURL(/\/planung\/umfragen\/[0-9a-f-]{36}\?angelegt$/);
		await expectAccessible(page);
		const builder = new URL(page.url()).pathname;
		// A draft has no results yet: no link to them.
		await expect(page.getByRole('link', { name: 'Ergebnisse ansehen' })).toHaveCount(0);

		const q = {} as Record<Key, string>;
		q.district = await addQuestion(page, 'district', 'Einfachauswahl', '1');
		await page.getByLabel('Antwortmöglichkeiten').fill('Nord\nSüd\nWest');
		await page.getByLabel('Pflichtfrage').check();
		await saveQuestion(page, builder);
		q.transport = await addQuestion(page, 'transport', 'Mehrfachauswahl', '1');
		await page.getByLabel('Antwortmöglichkeiten').fill('Rad\nBus\nAuto');
		await saveQuestion(page, builder);
		q.rating = await addQuestion(page, 'rating', 'Bewertungsskala', '1');
		await saveQuestion(page, builder);

		await page.getByLabel('Titel der neuen Seite (optional)').fill('Ihre Meinung');
		await page.getByRole('button', { name: 'Seite hinzufügen' }).click();
		await expect(page.getByText('Die Seite wurde hinzugefügt.')).toBeVisible();
		await expectAccessible(page);
		const page2 = '2: Ihre Meinung';
		q.rank = await addQuestion(page, 'rank', 'Rangfolge', page2);
		await page.getByLabel('Antwortmöglichkeiten').fill('A\nB\nC');
		await saveQuestion(page, builder);
		q.matrix = await addQuestion(page, 'matrix', 'Matrix/Likert', page2);
		await page.getByLabel('Zeilen (Aussagen)').fill('Ampeln\nRadwege');
		await saveQuestion(page, builder);
		q.budget = await addQuestion(page, 'budget', 'Budgetverteilung', page2);
		await page.getByLabel('Antwortmöglichkeiten').fill('Radwege\nBusse');
		await saveQuestion(page, builder);
		q.idea = await addQuestion(page, 'idea', 'Kurzer Text', page2);
		await saveQuestion(page, builder);

		const status = page.getByRole('region', { name: 'Veröffentlichen und Status' });
		await status.getByRole('button', { name: 'Veröffentlichen' }).click();
		await expect(status.getByRole('status')).toHaveText('Veröffentlicht.');
		await expectAccessible(page);
		built = { id: builder.split('/').pop()!, q };

		// Published, nobody has answered yet: the dashboard says what will happen.
		await page.getByRole('link', { name: 'Ergebnisse ansehen' }).click();
		await expect(page).toHaveURL(base());
		await expect(page.getByText('Noch keine Antworten. Sobald Teilnehmende')).toBeVisible();
		await expect(page.getByRole('table', { name: `Tabelle: ${Q.district}` })).toHaveCount(0);
		await expectAccessible(page);
		// The survey list links to it too.
		await visit(page, '/planung/umfragen');
		await page.getByRole('link', { name: new RegExp(`^Ergebnisse: ${surveyTitle}$`) }).click();
		await expect(page).toHaveURL(base());
		await expectAccessible(page);
	});

	test('ten people submit it, one stops on page 1 and one on page 2', async ({ request }) => {
		test.setTimeout(120_000);
		for (const a of ANSWERS) await respond(request, a);
		await respond(request, 'page1');
		await respond(request, 'page2');
	});

	test('shows the overview and every question with chart, table and exact numbers', async ({
		page
	}) => {
		const { q } = built;
		await logIn(page, PLANNER);
		await visit(page, `/planung/umfragen/${built.id}`);
		await page.getByRole('link', { name: 'Ergebnisse ansehen' }).click();
		await expect(page).toHaveURL(base());
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			/^Ergebnisse: Ergebnisse Radverkehr/
		);
		await expectAccessible(page);

		await expect(page.getByText(/^Stand: \d\d:\d\d Uhr$/)).toBeVisible();
		const facts = page.locator('.facts');
		await expect(facts).toContainText('Teilnahme Offen ohne Anmeldung (nicht verifiziert)');
		await expect(facts).toContainText('Begonnen 12');
		await expect(facts).toContainText('Abgeschickt 10');
		await expect(facts).toContainText(/Abschlussquote 83,3\s%/);
		const today = new Intl.DateTimeFormat('de-DE', {
			weekday: 'short',
			day: '2-digit',
			month: '2-digit',
			year: 'numeric',
			timeZone: 'Europe/Berlin'
		}).format(new Date());
		expect(await rows(table(page, 'Abgeschickte Antworten pro Tag'))).toEqual([[today, '10']]);
		expect(await rows(table(page, 'Erreichte Seiten und Abbrüche'))).toEqual([
			['Seite 1', '12', '1'],
			['Ihre Meinung', '11', '1']
		]);

		expect(await rows(table(page, `Tabelle: ${Q.district}`))).toEqual([
			['Nord', '4*', '40 %'],
			['Süd', '3*', '30 %'],
			['West', '3*', '30 %']
		]);
		await expect(
			page.getByText('* weniger als 5 Antworten (würde bei Veröffentlichung ausgeblendet)').first()
		).toBeVisible();
		// Shares of respondents: 6 of 10 chose Rad (of 14 selections it would be 43 %).
		expect(await rows(table(page, `Tabelle: ${Q.transport}`))).toEqual([
			['Rad', '6', '60 %'],
			['Bus', '4*', '40 %'],
			['Auto', '4*', '40 %']
		]);
		const transport = page.getByRole('region', { name: Q.transport });
		await expect(transport).toContainText(
			'Mehrfachauswahl: Anteile addieren sich zu mehr als 100 %.'
		);
		expect(await rows(table(page, `Tabelle: ${Q.rating}`))).toEqual([
			['1', '1*', '10 %'],
			['2', '2*', '20 %'],
			['3', '2*', '20 %'],
			['4', '3*', '30 %'],
			['5', '2*', '20 %']
		]);
		const rating = page.getByRole('region', { name: Q.rating });
		await expect(rating.locator('.stats')).toHaveText(
			/Mittelwert\s*3,3\s*Median\s*3,5\s*Kleinster Wert\s*1\s*Größter Wert\s*5/
		);
		expect(await rows(table(page, `Tabelle: ${Q.rank}`))).toEqual([
			['A', '1,7', '5', '50 %', '10'],
			['B', '2', '3*', '30 %', '10'],
			['C', '2,3', '2*', '20 %', '10']
		]);
		expect(await rows(table(page, `Tabelle: ${Q.budget}`))).toEqual([
			['Radwege', '510', '51', '51 %', '9'],
			['Busse', '490', '49', '49 %', '9']
		]);
		await expect(page.getByRole('region', { name: Q.budget })).toContainText(
			'Zu verteilen je Person: 100 Punkte'
		);
		expect(await rows(table(page, `Tabelle: ${Q.matrix}`))).toEqual([
			['Ampeln', '3* (30 %)', '3* (30 %)', '2* (20 %)', '1* (10 %)', '1* (10 %)', '0 (0 %)', '10'],
			[
				'Radwege',
				'3* (33,3 %)',
				'2* (22,2 %)',
				'2* (22,2 %)',
				'1* (11,1 %)',
				'1* (11,1 %)',
				'1* (10 %)',
				'9'
			]
		]);
		const idea = page.getByRole('region', { name: Q.idea });
		await expect(idea).toContainText('3 von 10 Befragten haben diese Frage beantwortet.');
		await expect(idea).toContainText('Noch keine Themen vergeben.');
		await expect(
			idea.getByRole('link', { name: `Antworten lesen und Themen zuordnen: ${Q.idea}` })
		).toHaveAttribute('href', `${base()}/freitext?frage=${q.idea}`);

		// Every chart is an image named by its summary, with its table beside it.
		const results = page.locator('section.result');
		expect(await results.count()).toBeGreaterThanOrEqual(9);
		for (const section of await results.all()) {
			const charts = section.locator('[role="img"]');
			if ((await charts.count()) === 0) continue;
			await expect(charts.first()).toHaveAttribute('aria-label', /\S/);
			await expect(charts.first().locator('canvas')).toBeAttached();
			expect(await section.getByRole('table').count()).toBeGreaterThan(0);
		}
		await expect(page.getByRole('region', { name: Q.district }).locator('.summary')).toHaveText(
			'10 Personen haben geantwortet; am häufigsten gewählt wurde „Nord“ (40 %).'
		);
	});

	test('a filter changes the numbers and can be removed; a cross-tab and a split show exact cells', async ({
		page
	}) => {
		const { q } = built;
		await logIn(page, PLANNER);
		await visit(page, base());
		const form = page.getByRole('region', { name: 'Filter und Auswertung' });
		await form.getByText('Nach Antworten filtern').click();
		await form.getByRole('group', { name: Q.transport }).getByLabel('Rad').check();
		await form.getByRole('button', { name: 'Anwenden' }).click();
		await expect(page).toHaveURL(new RegExp(`f\\.${q.transport}=o1`));
		await expect(page.locator('.facts')).toContainText('Im Filter berücksichtigt 6');
		await expectAccessible(page);
		expect(await rows(table(page, `Tabelle: ${Q.district}`))).toEqual([
			['Nord', '3*', '50 %'],
			['Süd', '1*', '16,7 %'],
			['West', '2*', '33,3 %']
		]);
		const active = form.getByRole('listitem').filter({ hasText: `${Q.transport}: Rad` });
		await active.getByRole('link', { name: `Filter entfernen: ${Q.transport}: Rad` }).click();
		await expect(page).toHaveURL(base());
		await expect(page.locator('.facts')).toContainText('Im Filter berücksichtigt 10');
		await expectAccessible(page);

		await form.getByLabel('Zeilen').selectOption({ label: Q.district });
		await form.getByLabel('Spalten').selectOption({ label: Q.transport });
		await form.getByRole('button', { name: 'Anwenden' }).click();
		await expect(page).toHaveURL(new RegExp(`kreuz=${q.district}&mit=${q.transport}`));
		await expectAccessible(page);
		expect
			.soft(await rows(table(page, `Kreuztabelle: ${Q.district} nach ${Q.transport}`)))
			.toEqual([
				['Nord', '3* (75 %)', '2* (50 %)', '1* (25 %)', '4*'],
				['Süd', '1* (33,3 %)', '1* (33,3 %)', '2* (66,7 %)', '3*'],
				['West', '2* (66,7 %)', '1* (33,3 %)', '1* (33,3 %)', '3*'],
				['Gesamt', '6', '4*', '4*', '10']
			]);
		await expect(
			page.getByRole('region', { name: 'Kreuztabelle' }).locator('[role="img"]')
		).toHaveCount(1);

		await form.getByLabel('Aufteilen nach').selectOption({ label: Q.district });
		await form.getByRole('button', { name: 'Anwenden' }).click();
		await expect(page).toHaveURL(new RegExp(`nach=${q.district}`));
		await expectAccessible(page);
		// The cross-tab stays; every other question is split by district, a table per segment.
		await expect(table(page, `Kreuztabelle: ${Q.district} nach ${Q.transport}`)).toBeVisible();
		await expect(
			page.getByRole('heading', { name: `${Q.district}: Nord (4 Befragte)` }).first()
		).toBeVisible();
		expect(await rows(table(page, `Tabelle: ${Q.transport} – Nord`))).toEqual([
			['Rad', '3*', '75 %'],
			['Bus', '2*', '50 %'],
			['Auto', '1*', '25 %']
		]);
		expect(await rows(table(page, `Tabelle: ${Q.transport} – West`))).toEqual([
			['Rad', '2*', '66,7 %'],
			['Bus', '1*', '33,3 %'],
			['Auto', '1*', '33,3 %']
		]);
		await expect(table(page, `Tabelle: ${Q.district} – Nord`)).toHaveCount(0);
		await expect(
			page.getByRole('region', { name: Q.transport }).locator('[role="img"]')
		).toHaveCount(1);

		// The date range: nothing was submitted before today.
		await form.getByLabel('Bis').fill('2020-01-31');
		await form.getByRole('button', { name: 'Anwenden' }).click();
		await expect(page).toHaveURL(/bis=2020-01-31/);
		await expect(page.getByText('Keine Antwort passt zu diesen Filtern.')).toBeVisible();
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Alle Filter entfernen' }).click();
		await expect(page).toHaveURL(base());
		await expectAccessible(page);
	});

	test('the filter form works by keyboard alone', async ({ page }) => {
		const { q } = built;
		await logIn(page, PLANNER);
		await visit(page, base());
		const form = page.getByRole('region', { name: 'Filter und Auswertung' });
		await tabTo(page, form.getByText('Nach Antworten filtern'));
		await page.keyboard.press('Enter');
		await tabTo(page, form.getByRole('group', { name: Q.district }).getByLabel('Süd'));
		await page.keyboard.press('Space');
		await tabTo(page, form.getByRole('button', { name: 'Anwenden' }));
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(new RegExp(`f\\.${q.district}=o2`));
		await expectAccessible(page);
		expect(await rows(table(page, `Tabelle: ${Q.district}`))).toEqual([
			['Nord', '0', '0 %'],
			['Süd', '3*', '100 %'],
			['West', '0', '0 %']
		]);
	});

	test('prints charts and tables without the forms; speaks English under /en', async ({ page }) => {
		await logIn(page, PLANNER);
		await visit(page, base());
		await expect(page.getByRole('button', { name: 'Drucken' })).toBeVisible();
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('button', { name: 'Anwenden' })).toBeHidden();
		await expect(page.getByRole('button', { name: 'Drucken' })).toBeHidden();
		await expect(page.getByRole('button', { name: 'Aktualisierung anhalten' })).toBeHidden();
		await expect(table(page, `Tabelle: ${Q.district}`)).toBeVisible();
		await expect(table(page, `Tabelle: ${Q.rank}`)).toBeVisible();
		await expect(
			page.getByRole('region', { name: Q.district }).locator('[role="img"]')
		).toBeVisible();
		await expectAccessible(page);
		await page.emulateMedia({ media: 'screen' });

		// The English page: the same numbers under English words.
		await visit(page, `/en${base()}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Results: /);
		expect(await rows(table(page, `Table: ${Q.transport}`))).toEqual([
			['Rad', '6', '60%'],
			['Bus', '4*', '40%'],
			['Auto', '4*', '40%']
		]);
	});

	test('the filter form works without JavaScript', async ({ newContext }) => {
		const { q } = built;
		const page = await (await newContext({ javaScriptEnabled: false })).newPage();
		await logInWithoutScript(page, PLANNER);
		await page.goto(base());
		await expectAccessible(page);
		await page.getByText('Nach Antworten filtern').click();
		await page.getByRole('group', { name: Q.district }).getByLabel('West').check();
		await page.getByRole('button', { name: 'Anwenden' }).click();
		await expect(page).toHaveURL(new RegExp(`f\\.${q.district}=o3`));
		await expectAccessible(page);
		expect(await rows(table(page, `Tabelle: ${Q.transport}`))).toEqual([
			['Rad', '2*', '66,7 %'],
			['Bus', '1*', '33,3 %'],
			['Auto', '1*', '33,3 %']
		]);
	});

	test('bad addresses and queries get a clear answer; residents see nothing', async ({ page }) => {
		const { q } = built;
		await logIn(page, PLANNER);
		await visit(page, '/planung/umfragen/kein-gueltiger-wert/ergebnisse', 404);
		await visit(page, '/planung/umfragen/11111111-2222-4333-8444-555555555555/ergebnisse', 404);
		const bad: [string, string][] = [
			['?von=2026-02-30', 'Bitte geben Sie ein Datum im Format JJJJ-MM-TT an.'],
			[`?von=2026-02-01&bis=2026-01-01`, 'Das Enddatum liegt vor dem Anfangsdatum.'],
			[`?kreuz=${q.district}`, 'Für eine Kreuztabelle wählen Sie bitte zwei Fragen.'],
			[
				`?kreuz=${q.district}&mit=${q.district}`,
				'Für eine Kreuztabelle wählen Sie bitte zwei verschiedene Fragen.'
			],
			[`?filter=${q.district}:o9`, 'Dieser Filter passt nicht zu dieser Umfrage.'],
			[
				`?f.${q.district}=o1&f.${q.district}=%3Cscript%3E`,
				'Dieser Filter passt nicht zu dieser Umfrage.'
			],
			[`?nach=${q.idea}`, 'Nach dieser Frage kann nicht aufgeteilt werden.'],
			['?nach=kein-gueltiger-wert', 'Nach dieser Frage kann nicht aufgeteilt werden.'],
			[`?nach=${'x'.repeat(3000)}`, 'Nach dieser Frage kann nicht aufgeteilt werden.'],
			[
				`?${Array.from({ length: 11 }, () => `filter=${q.district}:o1`).join('&')}`,
				'Höchstens 10 Filter sind möglich.'
			]
		];
		for (const [query, message] of bad) {
			await visit(page, `${base()}${query}`, 400);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fehler 400');
			await expect(page.getByRole('main').getByText(message)).toBeVisible();
		}
		await page.getByRole('button', { name: 'Abmelden' }).click();
		await expectAccessible(page);
		await logIn(page, DEMO_RESIDENT);
		await visit(page, base(), 403);
	});

	test('refreshes itself while the survey is open, keeping the focus, and can be paused', async ({
		page,
		request
	}) => {
		test.setTimeout(90_000);
		await logIn(page, PLANNER);
		await visit(page, base());
		const pause = page.getByRole('button', { name: 'Aktualisierung anhalten' });
		await expect(pause).toHaveAttribute('aria-pressed', 'false');
		await respond(request, ANSWERS[0]!);
		const apply = page.getByRole('button', { name: 'Anwenden' });
		await apply.focus();
		await expect(page.locator('.facts')).toContainText('Abgeschickt 11', { timeout: 40_000 });
		await expect(
			page.getByRole('status').filter({ hasText: 'Ergebnisse aktualisiert' })
		).toBeAttached();
		await expect(apply).toBeFocused();
		await expectAccessible(page);
		await pause.click();
		await expect(pause).toHaveAttribute('aria-pressed', 'true');
		await expect(page.getByText('Die automatische Aktualisierung ist angehalten.')).toBeVisible();
		await expectAccessible(page);
	});
});
