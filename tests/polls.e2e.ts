import { randomBytes } from 'node:crypto';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expect, expectAccessible, logIn, submitStatus, test, visit } from './fixtures.ts';

const PLANNER = 'planung@demo.mitreden.example';
const MARKET_SQUARE = '/beteiligung/marktplatz-stadt-blankenberg';
const DEMO_POLL = 'Welche Gestaltung des Marktplatzes bevorzugen Sie?';
const VARIANT_B = 'Variante B: Platz für Märkte und Feste';

type Results = {
	voters: number;
	options: { label: string; votes: number }[];
};

const percent = new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 1 });

/** The poll's id, from the address its card's form posts to. */
async function pollId(card: Locator): Promise<string> {
	const action = await card.locator('form').getAttribute('action');
	return action!.match(/\/abstimmungen\/([0-9a-f-]{36})\?\/vote$/)![1]!;
}

/** The counts so far; "after voting" results are public once anyone may see them. */
async function results(request: APIRequestContext, id: string): Promise<Results> {
	const res = await request.get(`/abstimmungen/${id}/ergebnis`);
	expect(res.status()).toBe(200);
	return res.json();
}

/** `before` with one more vote for `label`. */
function plusOne(before: Results, label: string): Results {
	return {
		voters: before.voters + 1,
		options: before.options.map((o) => ({
			label: o.label,
			votes: o.votes + (o.label === label ? 1 : 0)
		}))
	};
}

/** The results table shows each option's votes and its share of the voters. */
async function expectTable(card: Locator, expected: Results): Promise<void> {
	const table = card.getByRole('table');
	await expect(table.getByRole('columnheader')).toHaveText([
		'Antwort',
		'Stimmen',
		'Anteil der Abstimmenden'
	]);
	await expect(table.locator('tbody tr')).toHaveCount(expected.options.length);
	for (const { label, votes } of expected.options) {
		const header = card.page().getByRole('rowheader', { name: label, exact: true });
		await expect(table.locator('tbody tr').filter({ has: header }).getByRole('cell')).toHaveText([
			String(votes),
			percent.format(votes / expected.voters)
		]);
	}
	await expect(card).toContainText(`${expected.voters} Abstimmende`);
}

test('with JavaScript, a vote shows chart and table in place, without reloading the page', async ({
	page
}) => {
	await visit(page, MARKET_SQUARE);
	const card = page.getByRole('region', { name: DEMO_POLL });
	const id = await pollId(card);
	const before = await results(page.request, id);
	await expect(card).toContainText('Das Ergebnis sehen Sie, nachdem Sie abgestimmt haben.');
	await expect(card.getByRole('table')).toHaveCount(0);

	await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
	await card.getByRole('radio', { name: VARIANT_B }).check();
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		card.getByRole('button', { name: 'Abstimmen' }).click()
	]);
	expect(await response.request().headerValue('x-sveltekit-action')).toBe('true');
	await expect(card.getByRole('status')).toHaveText('Danke, Ihre Stimme ist gezählt.');
	await expect(page).toHaveURL(MARKET_SQUARE);
	expect(await page.evaluate(() => '__sameDocument' in window)).toBe(true);

	const after = plusOne(before, VARIANT_B);
	await expectTable(card, after);
	const top = [...after.options].sort((a, b) => b.votes - a.votes)[0]!;
	const summary = `Die meisten Stimmen erhielt „${top.label}“ mit ${top.votes} von ${after.voters} Abstimmenden (${percent.format(top.votes / after.voters)}).`;
	await expect(card.getByRole('img', { name: summary })).toBeVisible();
	// chart.js has drawn bars onto the canvas.
	await expect
		.poll(() =>
			card.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
				const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
				return data.some((value, i) => i % 4 === 3 && value > 0);
			})
		)
		.toBe(true);
	// An open poll takes one vote per visit; the form is gone.
	await expect(card.getByRole('button', { name: 'Abstimmen' })).toHaveCount(0);
	await expectAccessible(page);
	expect(await results(page.request, id)).toMatchObject(after);
});

test('without JavaScript, the vote posts to the poll page, which shows the table', async ({
	page,
	newContext
}) => {
	await visit(page, MARKET_SQUARE);
	const id = await pollId(page.getByRole('region', { name: DEMO_POLL }));
	const before = await results(page.request, id);

	const plain = await (await newContext({ javaScriptEnabled: false })).newPage();
	await plain.goto(MARKET_SQUARE);
	await expectAccessible(plain);
	const card = plain.getByRole('region', { name: DEMO_POLL });
	await card.getByRole('radio', { name: VARIANT_B }).check();
	expect(
		await submitStatus(plain, () => card.getByRole('button', { name: 'Abstimmen' }).click())
	).toBe(200);
	await expect(plain).toHaveURL(`/abstimmungen/${id}?/vote`);
	await expect(plain.getByRole('heading', { level: 1 })).toHaveText('Abstimmung');
	const answered = plain.getByRole('region', { name: DEMO_POLL });
	await expect(answered.getByRole('status')).toHaveText('Danke, Ihre Stimme ist gezählt.');
	await expectTable(answered, plusOne(before, VARIANT_B));
	await expectAccessible(plain);
});

test('an unknown option is refused with a message and not counted', async ({ page }) => {
	await visit(page, MARKET_SQUARE);
	const card = page.getByRole('region', { name: DEMO_POLL });
	const id = await pollId(card);
	const before = await results(page.request, id);
	const radio = card.getByRole('radio').first();
	const name = (await radio.getAttribute('name'))!;
	// What a forged request would send: an option the poll does not have.
	await radio.evaluate((input: HTMLInputElement) => (input.value = 'o99'));
	await radio.check();
	expect(
		await submitStatus(page, () => card.getByRole('button', { name: 'Abstimmen' }).click())
	).toBe(400);
	await expect(page.locator(`#q-${name.slice(2)}-error`)).toHaveText(
		'Bitte wählen Sie eine der angebotenen Antworten.'
	);
	await expect(card.getByRole('status')).toHaveCount(0);
	await expectAccessible(page);
	expect(await results(page.request, id)).toEqual(before);
});

/** The planner's builder: creates an open poll with the result shown only after closing. */
async function createPoll(page: Page, title: string): Promise<string> {
	await logIn(page, PLANNER);
	await visit(page, '/planung');
	await page.getByRole('link', { name: 'Masterplan Mobilität' }).click();
	await expect(page).toHaveURL(/\/planung\/verfahren\/[0-9a-f-]{36}$/);
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Umfrage oder Abstimmung anlegen' }).click();
	await expect(page).toHaveURL(/\/planung\/umfragen\/neu\?verfahren=[0-9a-f-]{36}$/);
	await expectAccessible(page);
	await page.getByLabel('Abstimmung – eine einzelne Frage mit Ergebnis').check();
	await page.getByLabel('Titel').fill(title);
	await page.getByLabel('Offene Teilnahme – Ergebnisse nicht verifiziert').check();
	await page.getByRole('button', { name: 'Anlegen' }).click();
	await expect(page).toHaveURL(/\/planung\/umfragen\/[0-9a-f-]{36}\?angelegt$/);
	await expectAccessible(page);
	const builder = new URL(page.url()).pathname;

	const settings = page.getByRole('region', { name: 'Einstellungen' });
	await settings
		.getByLabel('Ergebnis sichtbar')
		.selectOption({ label: 'nach dem Ende der Abstimmung' });
	await settings.getByRole('button', { name: 'Einstellungen speichern' }).click();
	await expect(settings.getByRole('status')).toHaveText('Die Einstellungen sind gespeichert.');
	await expectAccessible(page);

	await page.getByRole('link', { name: `Bearbeiten: ${title}` }).click();
	await expect(page).toHaveURL(/\/fragen\/[0-9a-f-]{36}$/);
	await expectAccessible(page);
	await page.getByLabel('Antwortmöglichkeiten').fill('Ja\nNein');
	await page.getByRole('button', { name: 'Frage speichern' }).click();
	await expect(page.getByText('Die Frage ist gespeichert.')).toBeVisible();
	await expectAccessible(page);

	await visit(page, builder);
	const status = page.getByRole('region', { name: 'Veröffentlichen und Status' });
	await status.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(status.getByRole('status')).toHaveText('Veröffentlicht.');
	await expectAccessible(page);
	return builder.split('/').pop()!;
}

test('a poll with the result "after closing" shows none to voters until the planner closes it', async ({
	page,
	newContext
}) => {
	const title = `Soll die Frankfurter Straße Tempo 30 bekommen? ${randomBytes(3).toString('hex')}`;
	const id = await createPoll(page, title);

	const voter = await (await newContext()).newPage();
	await visit(voter, `/abstimmungen/${id}`);
	const card = voter.getByRole('region', { name: title });
	const later = 'Das Ergebnis wird nach dem Ende der Abstimmung veröffentlicht.';
	await expect(card).toContainText(later);
	await card.getByRole('radio', { name: 'Ja' }).check();
	await card.getByRole('button', { name: 'Abstimmen' }).click();
	await expect(card.getByRole('status')).toHaveText('Danke, Ihre Stimme ist gezählt.');
	await expect(card).toContainText(later);
	await expect(card.getByRole('table')).toHaveCount(0);
	await expectAccessible(voter);
	expect((await voter.request.get(`/abstimmungen/${id}/ergebnis`)).status()).toBe(403);
	await visit(voter, `/abstimmungen/${id}`);
	await expect(card.getByRole('table')).toHaveCount(0);

	const status = page.getByRole('region', { name: 'Veröffentlichen und Status' });
	await status.getByRole('button', { name: 'Jetzt schließen' }).click();
	await status.getByRole('button', { name: 'Ja, jetzt schließen' }).click();
	await expect(status.getByRole('status')).toHaveText('Die Teilnahme ist beendet.');
	await expectAccessible(page);

	await visit(voter, `/abstimmungen/${id}`);
	await expect(card).toContainText('Diese Abstimmung ist beendet.');
	await expect(card.getByRole('button', { name: 'Abstimmen' })).toHaveCount(0);
	await expectTable(card, {
		voters: 1,
		options: [
			{ label: 'Ja', votes: 1 },
			{ label: 'Nein', votes: 0 }
		]
	});
});
