import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import {
	DEMO_RESIDENT,
	expect,
	expectAccessible,
	logIn,
	sameOriginForm,
	submitStatus,
	test,
	visit
} from './fixtures.ts';

const PLANNER = 'planung@demo.mitreden.example';

// The survey the planner builds: every question type, page 2 with a question for cyclists only.
const Q = {
	way: 'Wie kommen Sie meistens zur Arbeit?',
	repair: 'Welche Wege sollen zuerst saniert werden?',
	rank: 'Was ist Ihnen am wichtigsten?',
	matrix: 'Wie bewerten Sie diese Aussagen?',
	rating: 'Wie zufrieden sind Sie insgesamt?',
	district: 'In welchem Ortsteil wohnen Sie?',
	idea: 'Was sollte sich ändern?',
	km: 'Wie viele Kilometer fahren Sie pro Woche mit dem Rad?',
	budget: 'Wie würden Sie 100 Punkte verteilen?'
} as const;
type QuestionKey = keyof typeof Q;

type Pairs = [string, string][];

const REQUIRED = 'Bitte beantworten Sie diese Frage.';
const RESUME_CODE = /Fortsetzungscode: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/;

/** What the planner's test leaves for the residents' tests of this file. */
let built: { id: string; q: Record<QuestionKey, string>; codes: string[] };

/** Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user moves on. */
async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
	const key = backwards ? 'Shift+Tab' : 'Tab';
	for (let presses = 0; presses < 60; presses++) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press(key);
	}
	throw new Error(`${key} never reached ${target}`);
}

const question = (page: Page, key: QuestionKey) => page.getByRole('group', { name: Q[key] });

/** Adds a question on the builder page and returns its id (from the edit page it opens). */
async function addQuestion(
	page: Page,
	key: QuestionKey,
	type: string,
	surveyPage: string
): Promise<string> {
	const add = page.getByRole('region', { name: 'Frage hinzufügen' });
	await add.getByLabel('Fragetext').fill(Q[key]);
	await add.getByLabel('Fragetyp').selectOption({ label: type });
	await add.getByLabel('Seite', { exact: true }).selectOption({ label: surveyPage });
	await add.getByRole('button', { name: 'Frage hinzufügen' }).click();
	await expect(page).toHaveURL(/\/fragen\/[0-9a-f-]{36}\?neu$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Frage bearbeiten');
	await expect(page.getByLabel('Fragetext')).toHaveValue(Q[key]);
	await expectAccessible(page);
	return page.url().match(/\/fragen\/([0-9a-f-]{36})/)![1]!;
}

/** Saves the question form, checks the confirmation and goes back to the builder. */
async function saveQuestion(page: Page, builder: string): Promise<void> {
	await page.getByRole('button', { name: 'Frage speichern' }).click();
	await expect(page.getByText('Die Frage ist gespeichert.')).toBeVisible();
	await expectAccessible(page);
	await visit(page, builder);
}

async function startWithCode(page: Page, code: string, resume?: string): Promise<number> {
	await page.getByLabel('Teilnahmecode').fill(code);
	if (resume) await page.getByLabel(/^Fortsetzungscode/).fill(resume);
	return submitStatus(page, () => page.getByRole('button', { name: 'Umfrage beginnen' }).click());
}

test.describe('a survey with participation codes', () => {
	test.describe.configure({ mode: 'serial' });

	test('a planner builds it with every question type, previews it, creates codes, publishes', async ({
		page
	}) => {
		test.setTimeout(90_000);
		const title = `Umfrage Radverkehr ${Date.now().toString(36)}`;
		await logIn(page, PLANNER);
		await visit(page, '/planung');
		await page.getByRole('link', { name: 'Masterplan Mobilität' }).click();
		await expect(page).toHaveURL(/\/planung\/verfahren\/[0-9a-f-]{36}$/);
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Umfrage oder Abstimmung anlegen' }).click();
		await expect(page).toHaveURL(/\/planung\/umfragen\/neu\?verfahren=[0-9a-f-]{36}$/);
		await expect(page.getByRole('main')).toContainText(
			'Beteiligungsverfahren: Masterplan Mobilität'
		);
		await expectAccessible(page);
		await page.getByLabel('Umfrage – Fragen auf einer oder mehreren Seiten').check();
		await page.getByLabel('Titel').fill(title);
		await page.getByLabel('Teilnahme mit Teilnahmecode').check();
		await page.getByRole('button', { name: 'Anlegen' }).click();
		await expect(page).toHaveURL(/\/planung\/umfragen\/[0-9a-f-]{36}\?angelegt$/);
		await expect(page.getByRole('status').first()).toHaveText(
			'Die Umfrage wurde angelegt. Fügen Sie jetzt Fragen hinzu.'
		);
		await expectAccessible(page);
		const builder = new URL(page.url()).pathname;
		const id = builder.split('/').pop()!;

		const q = {} as Record<QuestionKey, string>;
		q.way = await addQuestion(page, 'way', 'Einfachauswahl', '1');
		await page.getByLabel('Antwortmöglichkeiten').fill('Auto\nFahrrad\nBus und Bahn');
		await page.getByLabel('Feld „Sonstiges“ mit eigenem Text anbieten').check();
		await page.getByLabel('Pflichtfrage').check();
		await saveQuestion(page, builder);

		q.repair = await addQuestion(page, 'repair', 'Mehrfachauswahl', '1');
		await page.getByLabel('Antwortmöglichkeiten').fill('Radwege\nGehwege\nStraßen');
		await page.getByLabel('Mindestens auszuwählen (optional)').fill('1');
		await page.getByLabel('Höchstens auszuwählen (optional)').fill('2');
		await page.getByLabel('Pflichtfrage').check();
		await saveQuestion(page, builder);

		q.rank = await addQuestion(page, 'rank', 'Rangfolge', '1');
		await page.getByLabel('Antwortmöglichkeiten').fill('Sicherheit\nTempo\nKomfort');
		await page.getByLabel('Nur die wichtigsten ordnen: Anzahl (optional)').fill('2');
		await page.getByLabel('Pflichtfrage').check();
		await saveQuestion(page, builder);

		q.matrix = await addQuestion(page, 'matrix', 'Matrix/Likert', '1');
		await page
			.getByLabel('Zeilen (Aussagen)')
			.fill('Die Ampeln sind gut geschaltet.\nDie Radwege sind breit genug.');
		await expect(page.getByLabel('„keine Angabe“ anbieten')).toBeChecked();
		await page.getByLabel('Pflichtfrage').check();
		await saveQuestion(page, builder);

		q.rating = await addQuestion(page, 'rating', 'Bewertungsskala', '1');
		await expect(page.getByLabel('Skala')).toHaveValue('1-5');
		await page.getByLabel('Pflichtfrage').check();
		await saveQuestion(page, builder);

		await page.getByLabel('Titel der neuen Seite (optional)').fill('Ihre Ideen');
		await page.getByRole('button', { name: 'Seite hinzufügen' }).click();
		await expect(page.getByText('Die Seite wurde hinzugefügt.')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Seite 2: Ihre Ideen' })).toBeVisible();
		await expectAccessible(page);

		q.district = await addQuestion(page, 'district', 'Kurzer Text', '2: Ihre Ideen');
		await page.getByLabel('Höchstlänge in Zeichen').fill('100');
		await page.getByLabel('Pflichtfrage').check();
		await saveQuestion(page, builder);

		q.idea = await addQuestion(page, 'idea', 'Langer Text', '2: Ihre Ideen');
		await page.getByLabel('Höchstlänge in Zeichen').fill('2000');
		await saveQuestion(page, builder);

		q.km = await addQuestion(page, 'km', 'Zahl', '2: Ihre Ideen');
		await page.getByLabel('Kleinster Wert (optional)').fill('0');
		await page.getByLabel('Größter Wert (optional)').fill('500');
		await page.getByLabel('Nur ganze Zahlen').check();
		await page.getByLabel('Einheit (optional)').fill('km');
		await page.getByLabel('Abhängig von').selectOption({ label: `Seite 1: ${Q.way}` });
		await page
			.getByRole('group', { name: `Antworten bei „${Q.way}“` })
			.getByLabel('Fahrrad')
			.check();
		await saveQuestion(page, builder);

		q.budget = await addQuestion(page, 'budget', 'Budgetverteilung', '2: Ihre Ideen');
		await page.getByLabel('Antwortmöglichkeiten').fill('Radwege\nBusse\nGehwege');
		await expect(page.getByLabel('Zu verteilende Summe')).toHaveValue('100');
		await expect(page.getByLabel('Einheit, z. B. „Punkte“ oder „Euro“')).toHaveValue('Punkte');
		await saveQuestion(page, builder);

		const structure = page.getByRole('region', { name: 'Seiten und Fragen' });
		await expect(structure.locator('.q-title')).toHaveText(Object.values(Q));
		await expect(structure.getByRole('listitem').filter({ hasText: Q.km })).toContainText(
			'Fahrrad'
		);

		// The preview shows every question, the conditional one included, and stores nothing.
		await page.getByRole('link', { name: 'Vorschau' }).click();
		await expect(page).toHaveURL(`/umfragen/${id}?vorschau`);
		await expect(page.getByRole('status').nth(1)).toHaveText(
			'Vorschau: So sehen Bürger*innen die Umfrage. Antworten werden nicht gespeichert.'
		);
		await expect(page.getByText('Seite 1 von 2')).toBeVisible();
		for (const key of ['way', 'repair', 'rank', 'matrix', 'rating'] as const) {
			await expect(page.getByText(Q[key])).toBeVisible();
		}
		await expect(question(page, 'way').getByRole('radio', { name: 'Sonstiges' })).toBeVisible();
		await expect(question(page, 'way').getByLabel('Sonstiges, und zwar:')).toBeVisible();
		await expect(question(page, 'repair')).toContainText('Wählen Sie 1 bis 2 Antworten.');
		await expect(question(page, 'rank')).toContainText(
			'Wählen Sie Ihre 2 wichtigsten Punkte und vergeben Sie Rang 1 bis 2.'
		);
		await expect(question(page, 'matrix').getByRole('radio', { name: 'keine Angabe' })).toHaveCount(
			2
		);
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Weiter' }).click();
		await expect(page).toHaveURL(`/umfragen/${id}?vorschau&seite=1`);
		await expect(page.getByRole('heading', { level: 2, name: 'Ihre Ideen' })).toBeVisible();
		const km = page.getByLabel(Q.km);
		await expect(km).toBeVisible();
		await expect(km).toHaveAccessibleDescription('Zahl zwischen 0 und 500 (km)');
		await expect(page.locator('.with-unit', { has: km })).toContainText('km');
		await expectAccessible(page);

		await visit(page, builder);
		await page.getByLabel('Anzahl neuer Codes').fill('2');
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Codes erzeugen und herunterladen' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^teilnahmecodes-umfrage-radverkehr-.+\.csv$/);
		const csv = await readFile(await download.path());
		expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = csv.toString('utf8').slice(1).trimEnd().split('\r\n');
		expect(lines[0]).toBe('Nr;Teilnahmecode;Umfrage');
		expect(lines).toHaveLength(3);
		const codes = lines.slice(1).map((line, i) => {
			const [n, code, survey] = line.split(';');
			expect(n).toBe(String(i + 1));
			expect(survey).toBe(`"${title}"`);
			expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
			return code!;
		});
		expect(new Set(codes).size).toBe(2);

		const status = page.getByRole('region', { name: 'Veröffentlichen und Status' });
		await status.getByRole('button', { name: 'Veröffentlichen' }).click();
		await expect(status.getByRole('status')).toHaveText('Veröffentlicht.');
		await expect(page.getByRole('region', { name: 'Teilnahmecodes' })).toContainText(
			'Erzeugt: 2, davon verwendet: 0'
		);
		await expectAccessible(page);
		built = { id, q, codes };
	});

	test('a resident answers by keyboard alone, saves, resumes elsewhere, submits and changes it', async ({
		page,
		newContext
	}) => {
		const { id, q, codes } = built;
		await visit(page, `/umfragen/${id}`);
		await tabTo(page, page.getByLabel('Teilnahmecode'));
		await page.keyboard.type(codes[0]!);
		await page.keyboard.press('Enter');
		await expect(page.getByText('Seite 1 von 2')).toBeVisible();
		await expect(page.getByRole('status')).toContainText('Ihr persönlicher Fortsetzungscode:');
		await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
		await expectAccessible(page);

		// Page 1 sent empty: every required question says what is missing, the summary has focus.
		await tabTo(page, page.getByRole('button', { name: 'Weiter' }));
		await page.keyboard.press('Enter');
		const summary = page.getByRole('alert');
		await expect(summary).toBeFocused();
		await expect(summary.getByRole('heading')).toHaveText('Bitte prüfen Sie Ihre Antworten:');
		const expected: [QuestionKey, string][] = [
			['way', REQUIRED],
			['repair', 'Bitte wählen Sie mindestens 1 Antwort.'],
			['rank', REQUIRED],
			['matrix', REQUIRED],
			['rating', REQUIRED]
		];
		await expect(summary.getByRole('link')).toHaveText(expected.map(([k, m]) => `${Q[k]}: ${m}`));
		for (const [key, message] of expected) {
			await expect(page.locator(`#q-${q[key]}-error`)).toHaveText(message);
		}
		await expectAccessible(page);

		// Radio groups: Tab lands on the first radio, the arrow keys move and choose.
		await tabTo(page, question(page, 'way').getByRole('radio', { name: 'Auto' }));
		await page.keyboard.press('ArrowDown');
		await expect(page.getByRole('radio', { name: 'Fahrrad' })).toBeChecked();
		// Check boxes: Space ticks; Shift+Tab goes back one.
		await tabTo(page, page.getByRole('checkbox', { name: 'Radwege' }));
		await page.keyboard.press('Space');
		await tabTo(page, page.getByRole('checkbox', { name: 'Straßen' }));
		await tabTo(page, page.getByRole('checkbox', { name: 'Gehwege' }), true);
		await page.keyboard.press('Space');
		// Selects: arrow keys step through the options, typing jumps to one.
		await tabTo(page, page.getByLabel('Rang für „Tempo“'));
		await page.keyboard.press('ArrowDown');
		await tabTo(page, page.getByLabel('Rang für „Sicherheit“'), true);
		await page.keyboard.type('2');
		await expect(page.getByLabel('Rang für „Tempo“')).toHaveValue('1');
		await expect(page.getByLabel('Rang für „Sicherheit“')).toHaveValue('2');
		const lights = page.getByRole('group', { name: 'Die Ampeln sind gut geschaltet.' });
		await tabTo(page, lights.getByRole('radio', { name: 'stimme voll zu' }));
		await page.keyboard.press('Space');
		await page.keyboard.press('ArrowRight');
		await expect(lights.getByRole('radio', { name: 'stimme eher zu' })).toBeChecked();
		const paths = page.getByRole('group', { name: 'Die Radwege sind breit genug.' });
		await tabTo(page, paths.getByRole('radio', { name: 'stimme voll zu' }));
		await page.keyboard.press('ArrowLeft');
		await expect(paths.getByRole('radio', { name: 'keine Angabe' })).toBeChecked();
		await tabTo(page, question(page, 'rating').getByRole('radio', { name: '1', exact: true }));
		for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
		await expect(
			question(page, 'rating').getByRole('radio', { name: '4', exact: true })
		).toBeChecked();
		await tabTo(page, page.getByRole('button', { name: 'Weiter' }));
		await page.keyboard.press('Enter');

		await expect(page.getByText('Seite 2 von 2')).toBeVisible();
		await expect(page.getByRole('heading', { level: 2, name: 'Ihre Ideen' })).toBeVisible();
		await expect(page.getByLabel(Q.km)).toBeVisible();
		await expectAccessible(page);
		await tabTo(page, page.getByLabel(Q.district));
		await page.keyboard.type('Geistingen');
		await tabTo(page, page.getByRole('button', { name: 'Speichern und später fortsetzen' }));
		await page.keyboard.press('Enter');
		const saved = page.getByRole('status');
		await expect(saved).toContainText('Ihre Antworten sind gespeichert.');
		const resume = (await saved.textContent())!.match(RESUME_CODE)![1]!;
		await expect(page.getByText('Seite 2 von 2')).toBeVisible();
		await expectAccessible(page);

		// Later, on another device: participation code plus resume code, back on page 2.
		const other = await (await newContext()).newPage();
		await visit(other, `/umfragen/${id}`);
		await tabTo(other, other.getByLabel('Teilnahmecode'));
		await other.keyboard.type(codes[0]!);
		await other.keyboard.press('Tab');
		await expect(other.getByLabel(/^Fortsetzungscode/)).toBeFocused();
		await other.keyboard.type(resume.toLowerCase());
		await other.keyboard.press('Enter');
		await expect(other.getByText('Seite 2 von 2')).toBeVisible();
		await expect(other.getByLabel(Q.district)).toHaveValue('Geistingen');
		await expectAccessible(other);

		const html = '<script>window.__eingeschleust = true</script> Mehr Bänke am Siegufer';
		await tabTo(other, other.getByLabel(Q.idea));
		await other.keyboard.type(html);
		await tabTo(other, other.getByLabel(Q.km));
		await other.keyboard.type('35');
		const budget = question(other, 'budget');
		await tabTo(other, budget.getByLabel('Radwege'));
		for (const amount of ['50', '30', '20']) {
			await other.keyboard.type(amount);
			await other.keyboard.press('Tab');
		}
		await expect(budget).toContainText('Verteilt: 100 von 100 Punkte');
		// Enter in a text field sends the form with its first button: "Antworten absenden".
		await tabTo(other, budget.getByLabel('Gehwege'), true);
		await other.keyboard.press('Enter');
		await expect(other.getByRole('heading', { level: 2 })).toHaveText(
			'Vielen Dank für Ihre Teilnahme!'
		);
		await expectAccessible(other);

		await tabTo(other, other.getByRole('button', { name: 'Antworten ändern' }));
		await other.keyboard.press('Enter');
		await expect(other.getByText('Seite 1 von 2')).toBeVisible();
		const rating = question(other, 'rating');
		await expect(rating.getByRole('radio', { name: '4', exact: true })).toBeChecked();
		await expectAccessible(other);
		// Tab enters a radio group at its chosen radio.
		await tabTo(other, rating.getByRole('radio', { name: '4', exact: true }));
		await other.keyboard.press('ArrowLeft');
		await other.keyboard.press('ArrowLeft');
		await expect(rating.getByRole('radio', { name: '2', exact: true })).toBeChecked();
		await tabTo(other, other.getByRole('button', { name: 'Weiter' }));
		await other.keyboard.press('Enter');
		await expect(other.getByText('Seite 2 von 2')).toBeVisible();
		// HTML in an answer comes back as the text that was typed.
		await expect(other.getByLabel(Q.idea)).toHaveValue(html);
		await expectAccessible(other);
		await tabTo(other, other.getByRole('button', { name: 'Antworten absenden' }));
		await other.keyboard.press('Enter');
		await expect(other.getByRole('heading', { level: 2 })).toHaveText(
			'Vielen Dank für Ihre Teilnahme!'
		);
		await tabTo(other, other.getByRole('button', { name: 'Antworten ändern' }));
		await other.keyboard.press('Enter');
		await expect(
			question(other, 'rating').getByRole('radio', { name: '2', exact: true })
		).toBeChecked();
		await expect(other.getByRole('radio', { name: 'Fahrrad' })).toBeChecked();
		await expectAccessible(other);
		expect(await other.evaluate(() => '__eingeschleust' in window)).toBe(false);
	});

	test('a used code needs its resume code; an unknown code is refused', async ({ page }) => {
		const { id, codes } = built;
		await visit(page, `/umfragen/${id}`);
		expect(await startWithCode(page, codes[0]!)).toBe(403);
		await expect(page.locator('#field-code-error')).toHaveText(
			'Dieser Teilnahmecode wurde bereits verwendet. Wenn Sie selbst teilgenommen haben, geben Sie zusätzlich Ihren Fortsetzungscode ein.'
		);
		await expect(page.getByRole('alert')).toBeFocused();
		await expect(page.getByText('Seite 1 von 2')).toHaveCount(0);
		await expectAccessible(page);

		expect(await startWithCode(page, 'ZZZZ-ZZZZ-ZZZZ')).toBe(403);
		await expect(page.locator('#field-code-error')).toHaveText(
			'Diesen Teilnahmecode kennen wir nicht. Bitte prüfen Sie die Schreibweise (z. B. 7KQ2-M9XD-4TRB).'
		);
		await expectAccessible(page);
	});

	test('forged answers are refused with a message and change nothing; a closed survey takes none', async ({
		page,
		newContext
	}) => {
		const { id, q, codes } = built;
		const post = (action: 'start' | 'page', pairs: Pairs) =>
			page.request.post(`/umfragen/${id}?/${action}`, {
				headers: sameOriginForm,
				data: new URLSearchParams(pairs).toString()
			});
		const started = await post('start', [['code', codes[1]!]]);
		expect(started.status()).toBe(200);
		const resume = (await started.text()).match(RESUME_CODE)![1]!;
		const who: Pairs = [
			['code', codes[1]!],
			['resume', resume]
		];

		const page1 = (answers: Pairs): Pairs => [...who, ['page', '0'], ...answers];
		const stored1: Pairs = [
			[`q.${q.way}`, 'o1'],
			[`q.${q.repair}`, 'o2'],
			[`q.${q.rank}.o1`, '2'],
			[`q.${q.rank}.o2`, '1'],
			[`q.${q.matrix}.r1`, 's3'],
			[`q.${q.matrix}.r2`, 's2'],
			[`q.${q.rating}`, '3']
		];
		expect((await post('page', [...page1(stored1), ['nav', 'next']])).status()).toBe(200);
		const page2 = (answers: Pairs): Pairs => [...who, ['page', '1'], ...answers];
		const stored2: Pairs = [
			[`q.${q.district}`, 'Uckerath'],
			[`q.${q.budget}.o1`, '60'],
			[`q.${q.budget}.o2`, '40']
		];
		expect((await post('page', [...page2(stored2), ['nav', 'save']])).status()).toBe(200);

		// Each refused form also carries otherwise valid, different answers: none may be kept.
		const other1: Pairs = [
			[`q.${q.way}`, 'o3'],
			[`q.${q.repair}`, 'o1'],
			[`q.${q.rank}.o3`, '1'],
			[`q.${q.rank}.o1`, '2'],
			[`q.${q.matrix}.r1`, 's1'],
			[`q.${q.matrix}.r2`, '__na'],
			[`q.${q.rating}`, '5']
		];
		const replace = (list: Pairs, name: string, values: string[]): Pairs => [
			...list.filter(([n]) => n !== name && !n.startsWith(`${name}.`)),
			...values.map((v): [string, string] => [name, v])
		];
		const forged: [string, Pairs, string][] = [
			[
				'unknown option',
				page1(replace(other1, `q.${q.way}`, ['o99'])),
				'Bitte wählen Sie eine der angebotenen Antworten.'
			],
			[
				'three of at most two',
				page1(replace(other1, `q.${q.repair}`, ['o1', 'o2', 'o3'])),
				'Bitte wählen Sie höchstens 2 Antworten.'
			],
			[
				'one rank twice',
				page1([
					...replace(other1, `q.${q.rank}`, []),
					[`q.${q.rank}.o1`, '1'],
					[`q.${q.rank}.o2`, '1']
				]),
				'Jeder Rang darf nur einmal vergeben werden.'
			],
			[
				'a question that does not exist',
				page1([...other1, ['q.11111111-2222-4333-8444-555555555555', 'Hallo']]),
				'Das Formular enthält Felder, die nicht zu dieser Seite gehören.'
			],
			[
				'a budget that does not add up',
				page2([
					[`q.${q.district}`, 'Söven'],
					[`q.${q.budget}.o1`, '50'],
					[`q.${q.budget}.o2`, '30'],
					[`q.${q.budget}.o3`, '10']
				]),
				'Die Werte müssen zusammen genau 100 Punkte ergeben; Sie haben 90 Punkte verteilt.'
			],
			[
				'an answer to the question for cyclists, by a driver',
				page2([
					[`q.${q.district}`, 'Söven'],
					[`q.${q.km}`, '12']
				]),
				'Diese Frage wird nach Ihren bisherigen Antworten nicht gestellt; Ihre Antwort wurde nicht gespeichert.'
			]
		];
		for (const [what, pairs, message] of forged) {
			const res = await post('page', [...pairs, ['nav', 'save']]);
			expect(res.status(), what).toBe(400);
			expect(await res.text(), what).toContain(message);
		}

		// Back with the resume code: page 2 as saved, then page 1 as saved.
		const resident = await (await newContext()).newPage();
		await visit(resident, `/umfragen/${id}`);
		expect(await startWithCode(resident, codes[1]!, resume)).toBe(200);
		await expect(resident.getByText('Seite 2 von 2')).toBeVisible();
		await expect(resident.getByLabel(Q.district)).toHaveValue('Uckerath');
		const budget = question(resident, 'budget');
		await expect(budget.getByLabel('Radwege')).toHaveValue('60');
		await expect(budget.getByLabel('Busse')).toHaveValue('40');
		await expect(budget.getByLabel('Gehwege')).toHaveValue('0');
		await expect(resident.getByLabel(Q.km)).toHaveCount(0);
		await expectAccessible(resident);
		await resident.getByRole('button', { name: 'Zurück' }).click();
		await expect(resident.getByText('Seite 1 von 2')).toBeVisible();
		await expect(resident.getByRole('radio', { name: 'Auto' })).toBeChecked();
		await expect(resident.getByRole('checkbox', { checked: true })).toHaveCount(1);
		await expect(resident.getByRole('checkbox', { name: 'Gehwege' })).toBeChecked();
		await expect(resident.getByLabel('Rang für „Sicherheit“')).toHaveValue('2');
		await expect(resident.getByLabel('Rang für „Tempo“')).toHaveValue('1');
		await expect(resident.getByLabel('Rang für „Komfort“')).toHaveValue('');
		await expect(
			resident
				.getByRole('group', { name: 'Die Ampeln sind gut geschaltet.' })
				.getByRole('radio', { name: 'teils/teils' })
		).toBeChecked();
		await expect(
			question(resident, 'rating').getByRole('radio', { name: '3', exact: true })
		).toBeChecked();
		await expectAccessible(resident);

		// The planner closes the survey; a complete, valid submission is refused from then on.
		await logIn(page, PLANNER);
		await visit(page, `/planung/umfragen/${id}`);
		const counts = 'Antworten: 1 abgeschickt, 1 begonnen';
		await expect(page.getByText(counts)).toBeVisible();
		const status = page.getByRole('region', { name: 'Veröffentlichen und Status' });
		await status.getByRole('button', { name: 'Jetzt schließen' }).click();
		await expect(status.getByRole('region', { name: 'Bitte bestätigen' })).toBeFocused();
		await expectAccessible(page);
		await status.getByRole('button', { name: 'Ja, jetzt schließen' }).click();
		await expect(status.getByRole('status')).toHaveText('Die Teilnahme ist beendet.');
		await expectAccessible(page);

		const late = await post('page', [...page2(stored2), ['nav', 'submit']]);
		expect(late.status()).toBe(403);
		expect(await late.text()).toContain(
			'Diese Umfrage ist geschlossen. Antworten sind nicht mehr möglich.'
		);
		await visit(page, `/planung/umfragen/${id}`);
		await expect(page.getByText(counts)).toBeVisible();
	});
});

test('demo survey (account): the question for cyclists comes only after choosing "Fahrrad"', async ({
	page
}) => {
	const km = 'Wie viele Kilometer fahren Sie pro Woche mit dem Rad?';
	await logIn(page, DEMO_RESIDENT);
	await visit(page, '/beteiligung/masterplan-mobilitaet');
	await page.getByRole('link', { name: 'Umfrage zum Masterplan Mobilität' }).click();
	await expect(page).toHaveURL(/\/umfragen\/[0-9a-f-]{36}$/);
	await expect(page.getByText('Seite 1 von 3')).toBeVisible();
	await expectAccessible(page);

	const next = () => page.getByRole('button', { name: 'Weiter' }).click();
	await page.getByRole('radio', { name: 'Auto' }).check();
	await page
		.getByRole('group', { name: 'Wie zufrieden sind Sie mit dem Radwegenetz in Hennef?' })
		.getByRole('radio', { name: '4', exact: true })
		.check();
	await next();
	await expect(page.getByText('Seite 2 von 3')).toBeVisible();
	await expectAccessible(page);
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
	await next();
	await expect(page.getByText('Seite 3 von 3')).toBeVisible();
	await expect(page.getByLabel('In welchem Ortsteil wohnen Sie?')).toBeVisible();
	await expect(page.getByText(km)).toHaveCount(0);
	await expectAccessible(page);

	const back = () => page.getByRole('button', { name: 'Zurück' }).click();
	await back();
	await expect(page.getByText('Seite 2 von 3')).toBeVisible();
	await back();
	await expect(page.getByText('Seite 1 von 3')).toBeVisible();
	await expect(page.getByRole('radio', { name: 'Auto' })).toBeChecked();
	await page.getByRole('radio', { name: 'Fahrrad' }).check();
	await next();
	await expect(page.getByText('Seite 2 von 3')).toBeVisible();
	await next();
	await expect(page.getByText('Seite 3 von 3')).toBeVisible();
	await expect(page.getByLabel(km)).toBeVisible();
	await expectAccessible(page);
});

test('a survey moved to a later start refuses early answers and says when it begins', async ({
	page,
	newContext
}) => {
	const title = `Umfrage Spielplätze ${Date.now().toString(36)}`;
	await logIn(page, PLANNER);
	await visit(page, '/planung/umfragen/neu');
	await page.getByLabel('Beteiligungsverfahren').selectOption({ label: 'Masterplan Mobilität' });
	await page.getByLabel('Titel').fill(title);
	await page.getByLabel('Teilnahme mit Teilnahmecode').check();
	await page.getByRole('button', { name: 'Anlegen' }).click();
	await expect(page).toHaveURL(/\/planung\/umfragen\/[0-9a-f-]{36}\?angelegt$/);
	await expectAccessible(page);
	const builder = new URL(page.url()).pathname;
	const id = builder.split('/').pop()!;
	await addQuestion(page, 'way', 'Einfachauswahl', '1');
	await visit(page, builder);
	const status = page.getByRole('region', { name: 'Veröffentlichen und Status' });
	await status.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(status.getByRole('status')).toHaveText('Veröffentlicht.');
	await expectAccessible(page);

	// Residents open the survey in German and in English while it is open …
	const resident = await newContext();
	const german = await resident.newPage();
	await visit(german, `/umfragen/${id}`);
	const english = await resident.newPage();
	await visit(english, `/en/umfragen/${id}`);

	// … and the planner moves the start to next year before they send anything.
	const year = new Date().getFullYear() + 1;
	const settings = page.getByRole('region', { name: 'Einstellungen' });
	await settings.getByLabel('Beginn (optional)').fill(`${year}-03-02T09:00`);
	await settings.getByRole('button', { name: 'Einstellungen speichern' }).click();
	await expect(settings.getByRole('status')).toHaveText('Die Einstellungen sind gespeichert.');
	await expect(status).toContainText(`veröffentlicht, beginnt am 02.03.${year}, 09:00`);
	await expectAccessible(page);

	expect(await startWithCode(german, 'ZZZZ-ZZZZ-ZZZZ')).toBe(403);
	await expect(german.getByRole('alert')).toContainText(
		`Diese Umfrage beginnt am 02.03.${year}, 09:00. Bis dahin können Sie noch nicht teilnehmen.`
	);
	await expectAccessible(german);
	await english.getByLabel('Participation code').fill('ZZZZ-ZZZZ-ZZZZ');
	expect(
		await submitStatus(english, () => english.getByRole('button', { name: 'Start survey' }).click())
	).toBe(403);
	await expect(english.getByRole('alert')).toContainText(
		`This survey starts on 2 Mar ${year}, 09:00. You cannot take part before then.`
	);
	await expectAccessible(english);
});
