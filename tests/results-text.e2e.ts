import type { Locator, Page } from '@playwright/test';
import {
	DEMO_RESIDENT,
	expect,
	expectAccessible,
	logIn,
	logInWithoutScript,
	sameOriginForm,
	skipBrowserValidation,
	submitStatus,
	test,
	visit,
	type NewContext
} from './fixtures.ts';

const PLANNER = 'planung@demo.mitreden.example';
const QUESTION = 'Was sollte sich in der Innenstadt ändern?';
const ANSWERS = {
	trees: 'Mehr Bäume am Markt',
	green: 'Mehr GRÜN und Bänke am Rathaus',
	bike: 'Radweg an der Frankfurter Straße',
	percent: '100% Tempo 30 in der Altstadt',
	rude: 'Ihr im Rathaus seid alle Idioten'
};

/** Presses Tab until `target` has the focus, as a keyboard user moves on. */
async function tabTo(page: Page, target: Locator): Promise<void> {
	for (let presses = 0; presses < 80; presses++) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${target}`);
}

/** The planner builds an open survey with one long text question and publishes it. */
async function createSurvey(page: Page): Promise<string> {
	await logIn(page, PLANNER);
	await visit(page, '/planung/umfragen/neu');
	await page.getByLabel('Beteiligungsverfahren').selectOption({ label: 'Masterplan Mobilität' });
	await page.getByLabel('Titel').fill(`Innenstadt-Ideen ${Date.now().toString(36)}`);
	await page.getByLabel('Offene Teilnahme – Ergebnisse nicht verifiziert').check();
	await page.getByRole('button', { name: 'Anlegen' }).click();
	await expect(page).toHaveURL(/\/planung\/umfragen\/[0-9a-f-]{36}\?angelegt$/);
	await expectAccessible(page);
	const builder = new URL(page.url()).pathname;
	const add = page.getByRole('region', { name: 'Frage hinzufügen' });
	await add.getByLabel('Fragetext').fill(QUESTION);
	await add.getByLabel('Fragetyp').selectOption({ label: 'Langer Text' });
	await add.getByRole('button', { name: 'Frage hinzufügen' }).click();
	await expect(page).toHaveURL(/\/fragen\/[0-9a-f-]{36}\?neu$/);
	await expectAccessible(page);
	await visit(page, builder);
	const status = page.getByRole('region', { name: 'Veröffentlichen und Status' });
	await status.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(status.getByRole('status')).toHaveText('Veröffentlicht.');
	await expectAccessible(page);
	return builder.split('/').pop()!;
}

/** A resident (a fresh browser) answers the survey. */
async function answerSurvey(newContext: NewContext, id: string, text: string): Promise<void> {
	const page = await (await newContext()).newPage();
	await visit(page, `/umfragen/${id}`);
	await page.getByRole('button', { name: 'Jetzt teilnehmen' }).click();
	await page.getByLabel(QUESTION).fill(text);
	await page.getByRole('button', { name: 'Antworten absenden' }).click();
	await expect(
		page.getByRole('heading', { name: 'Vielen Dank für Ihre Teilnahme!' })
	).toBeVisible();
	await expectAccessible(page);
}

const answerItem = (page: Page, text: string) =>
	page.locator('#antworten').getByRole('listitem').filter({ hasText: text });

const countRow = (page: Page, label: string) =>
	page
		.getByRole('table', { name: 'Antworten je Thema' })
		.getByRole('row')
		.filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });

// One survey for both tests: answering it through the browser takes most of a test's time.
test.describe.configure({ mode: 'serial' });
let surveyId: string;

test('a planner publishes an open survey with a text question, five residents answer', async ({
	page,
	newContext
}) => {
	test.setTimeout(180_000);
	surveyId = await createSurvey(page);
	for (const text of Object.values(ANSWERS)) await answerSurvey(newContext, surveyId, text);
});

test('a planner searches, codes answers with a theme by keyboard and hides an abusive one', async ({
	page,
	newContext
}) => {
	test.setTimeout(180_000);
	const id = surveyId;
	await logIn(page, PLANNER);
	const freeText = `/planung/umfragen/${id}/ergebnisse/freitext`;
	await visit(page, freeText);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Freitext-Antworten');
	await expect(page.getByLabel('Frage', { exact: true })).toHaveValue(/[0-9a-f-]{36}/);
	await expect(page.getByRole('heading', { level: 2, name: /^Antworten \(/ })).toContainText(
		'(5 Antworten)'
	);
	// Newest first.
	await expect(page.locator('#antworten li .text')).toHaveText(
		[...Object.values(ANSWERS)].reverse()
	);
	await expect(page.getByText('Noch keine Themen.')).toBeVisible();

	// Search: case-insensitive with umlauts; "%" is a character, not a wildcard.
	await page.getByLabel('Suche in den Antworten').fill('grün');
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/suche=gr%C3%BCn/);
	await expect(page.locator('#antworten li .text')).toHaveText([ANSWERS.green]);
	await expectAccessible(page);
	await page.getByLabel('Suche in den Antworten').fill('0%');
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/suche=0%25/);
	await expect(page.locator('#antworten li .text')).toHaveText([ANSWERS.percent]);
	await expectAccessible(page);
	await page.getByLabel('Suche in den Antworten').fill('Seilbahn');
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page.getByText('Keine Antwort passt zu Suche und Filter.')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Suche und Filter zurücksetzen' }).click();
	await expect(page).toHaveURL(new RegExp(`${freeText}\\?frage=[0-9a-f-]{36}$`));
	await expectAccessible(page);

	// A theme, then a second one with the same name in other case is refused.
	await page.getByLabel('Name des neuen Themas').fill('Grün und Bäume');
	await page.getByRole('button', { name: 'Thema anlegen' }).click();
	await expect(page.getByRole('status')).toHaveText('Das Thema „Grün und Bäume“ ist angelegt.');
	await expectAccessible(page);
	await page.getByLabel('Name des neuen Themas').fill('grün UND bäume');
	expect(
		await submitStatus(page, () => page.getByRole('button', { name: 'Thema anlegen' }).click())
	).toBe(409);
	await expect(page.locator('#field-label-error')).toHaveText(
		'Ein Thema mit diesem Namen gibt es bei dieser Frage schon.'
	);
	await expect(page.getByLabel('Name des neuen Themas')).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(page);
	await skipBrowserValidation(page);
	await page.getByLabel('Name des neuen Themas').fill('x'.repeat(81));
	expect(
		await submitStatus(page, () => page.getByRole('button', { name: 'Thema anlegen' }).click())
	).toBe(400);
	await expect(page.locator('#field-label-error')).toHaveText(
		'Der Name eines Themas darf höchstens 80 Zeichen lang sein.'
	);
	await expectAccessible(page);

	// Coding two answers by keyboard alone.
	for (const text of [ANSWERS.trees, ANSWERS.green]) {
		const item = answerItem(page, text);
		await tabTo(page, item.getByRole('checkbox', { name: 'Grün und Bäume' }));
		await page.keyboard.press('Space');
		await tabTo(page, item.getByRole('button', { name: 'Themen speichern' }));
		await page.keyboard.press('Enter');
		await expect(item.getByRole('status')).toHaveText('Die Themen der Antwort sind gespeichert.');
		await expect(item.getByRole('checkbox', { name: 'Grün und Bäume' })).toBeChecked();
	}
	await expect(countRow(page, 'Grün und Bäume').getByRole('cell').first()).toHaveText('2');
	await expect(countRow(page, 'ohne Thema').getByRole('cell').first()).toHaveText('3');
	await expect(
		page.getByText('5 Antworten; das häufigste Thema ist „Grün und Bäume“ mit 2')
	).toBeVisible();
	await expectAccessible(page);

	// The theme filter from the counts table.
	await countRow(page, 'Grün und Bäume').getByRole('link').click();
	await expect(page).toHaveURL(/thema=[0-9a-f-]{36}/);
	await expect(page.locator('#antworten li .text')).toHaveText([ANSWERS.green, ANSWERS.trees]);
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Suche und Filter zurücksetzen' }).click();
	await expect(page).toHaveURL(new RegExp(`${freeText}\\?frage=[0-9a-f-]{36}$`));
	await expectAccessible(page);

	// Hiding the abusive answer: gone from the default view, shown on request with its reason.
	const rude = answerItem(page, ANSWERS.rude);
	await rude.getByLabel('Begründung (optional)').fill('Beleidigung');
	await rude.getByRole('button', { name: 'Ausblenden' }).click();
	await expect(page.locator('#antworten').getByRole('status')).toHaveText(
		'Die Antwort ist ausgeblendet.'
	);
	await expect(answerItem(page, ANSWERS.rude)).toHaveCount(0);
	await expect(page.getByRole('heading', { level: 2, name: /^Antworten \(/ })).toContainText(
		'(4 Antworten)'
	);
	await expect(countRow(page, 'alle Antworten').getByRole('cell').first()).toHaveText('4');
	await expectAccessible(page);
	await page.getByLabel('ausgeblendete anzeigen').check();
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/ausgeblendet=1/);
	await expect(answerItem(page, ANSWERS.rude)).toContainText('ausgeblendet');
	await expect(answerItem(page, ANSWERS.rude)).toContainText('Begründung: Beleidigung');
	await expectAccessible(page);

	// Without JavaScript the same forms post and the page comes back with the result.
	const plain = await (await newContext({ javaScriptEnabled: false })).newPage();
	await logInWithoutScript(plain, PLANNER);
	await plain.goto(freeText);
	await expectAccessible(plain);
	const bike = answerItem(plain, ANSWERS.bike);
	await bike.getByRole('checkbox', { name: 'Grün und Bäume' }).check();
	await bike.getByRole('button', { name: 'Themen speichern' }).click();
	await expect(answerItem(plain, ANSWERS.bike).getByRole('status')).toHaveText(
		'Die Themen der Antwort sind gespeichert.'
	);
	await expect(countRow(plain, 'Grün und Bäume').getByRole('cell').first()).toHaveText('3');
	await expectAccessible(plain);
});

test('forged addresses and ids get a German message and change nothing', async ({
	page,
	newContext
}) => {
	const id = await createSurvey(page);
	const freeText = `/planung/umfragen/${id}/ergebnisse/freitext`;
	// Residents never see answers of others.
	const resident = await (await newContext()).newPage();
	await logIn(resident, DEMO_RESIDENT);
	await visit(resident, freeText, 403);

	await visit(page, freeText);
	await expect(page.getByText('Zu dieser Frage ist noch keine Antwort mit Text')).toBeVisible();
	const questionId = await page.getByLabel('Frage', { exact: true }).inputValue();

	await visit(page, `${freeText}?frage=kaputt`, 400);
	await expect(page.getByRole('main')).toContainText(
		'Diese Frage gibt es in dieser Umfrage nicht, oder sie hat keine Freitext-Antworten.'
	);
	await visit(page, `${freeText}?seite=0`, 400);
	await expect(page.getByRole('main')).toContainText('Diese Seitenzahl gibt es nicht.');
	await visit(page, `${freeText}?thema=00000000-0000-4000-8000-000000000000`, 404);
	await expect(page.getByRole('main')).toContainText(
		'Dieses Thema gibt es bei dieser Frage nicht.'
	);
	await visit(page, `${freeText}?frage=00000000-0000-4000-8000-000000000000`, 404);
	await visit(page, '/planung/umfragen/keine-uuid/ergebnisse/freitext', 404);

	const post = (action: string, data: Record<string, string>) =>
		page.request.post(`${freeText}?/${action}`, { headers: sameOriginForm, form: data });
	const bogus = '00000000-0000-4000-8000-000000000000';
	expect((await post('createTheme', { questionId: bogus, label: 'X' })).status()).toBe(404);
	expect((await post('hide', { questionId: 'kaputt', responseId: bogus })).status()).toBe(400);
	expect((await post('hide', { questionId, responseId: bogus })).status()).toBe(404);
	expect((await post('code', { questionId, responseId: bogus, themeId: 'x' })).status()).toBe(400);
	expect((await post('deleteTheme', { questionId, themeId: bogus, confirm: 'on' })).status()).toBe(
		404
	);
	await visit(page, freeText);
	await expect(page.getByText('Noch keine Themen.')).toBeVisible();

	// Rename, then delete only with the box ticked (the server checks it too).
	await page.getByLabel('Name des neuen Themas').fill('Verkehr');
	await page.getByRole('button', { name: 'Thema anlegen' }).click();
	await expect(page.getByRole('status')).toHaveText('Das Thema „Verkehr“ ist angelegt.');
	await page.getByText('Themen umbenennen oder löschen').click();
	await page.getByLabel('Neuer Name für „Verkehr“').fill('Radverkehr');
	await page.getByRole('button', { name: 'Umbenennen' }).click();
	await expect(page.getByRole('status')).toHaveText('Das Thema heißt jetzt „Radverkehr“.');
	await expect(page.getByLabel('Thema', { exact: true })).toContainText('Radverkehr');
	await expectAccessible(page);
	await skipBrowserValidation(page);
	expect(
		await submitStatus(page, () => page.getByRole('button', { name: 'Löschen' }).click())
	).toBe(400);
	await expect(page.getByText('Bitte bestätigen Sie mit dem Häkchen.')).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel('Ja, das Thema „Radverkehr“ löschen').check();
	await page.getByRole('button', { name: 'Löschen' }).click();
	await expect(page).toHaveURL(/geloescht#themen$/);
	await expect(page.getByRole('status')).toHaveText('Das Thema ist gelöscht.');
	await expect(page.getByText('Noch keine Themen.')).toBeVisible();
	await expectAccessible(page);
});
