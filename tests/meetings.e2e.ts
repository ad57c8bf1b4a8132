import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import {
	DEMO_RESIDENT,
	expect,
	expectAccessible,
	logIn,
	logInWithoutScript,
	submitStatus,
	test,
	visit
} from './fixtures.ts';

const CLERK = 'sitzungsdienst@demo.mitreden.example';
// Fixed demo ids (src/lib/server/demo/demo-ids.ts).
const DEMO_COUNCIL_ID = '6d1f3c2a-5b7e-4f10-9a42-0c8e1b2d3a01';
const DEMO_RECORDED_MEETING_ID = '6d1f3c2a-5b7e-4f10-9a42-0c8e1b2d3a10';

const notice = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });
const agendaNumbers = (page: Page) => page.locator('.agenda-editor > li .number').allTextContents();

async function addItem(page: Page, number: string, title: string, nonPublic: boolean) {
	await page.locator('#field-number').fill(number);
	await page.locator('#field-title').fill(title);
	if (nonPublic) await page.locator('#field-nonPublic').check();
	const status = await submitStatus(page, () =>
		page.getByRole('button', { name: 'Punkt hinzufügen' }).click()
	);
	expect(status).toBe(200);
	await expect(notice(page, 'Der Tagesordnungspunkt wurde hinzugefügt.')).toBeVisible();
	await expect(page.locator('.agenda-editor')).toContainText(title);
	await expectAccessible(page);
}

test('a clerk prepares a meeting; the public sees the non-public item only as "nicht öffentlich"', async ({
	page,
	request
}) => {
	// A long walk through many pages, each scanned by axe, on a shared 2-core machine.
	test.setTimeout(240_000);
	const tag = randomBytes(3).toString('hex');
	const secret = `Grundstücksverkauf Geheimweg ${tag}`;
	await logIn(page, CLERK);
	await visit(page, '/sitzungsdienst');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sitzungsdienst');

	await visit(page, '/sitzungsdienst/sitzungen/neu');
	// The browser's own checks would stop these; the server must refuse them too.
	await page.locator('main form').evaluate((f) => ((f as HTMLFormElement).noValidate = true));
	await page.getByLabel('Beginn', { exact: true }).fill('2030-05-04T18:00');
	await page.getByLabel('Ende (optional)').fill('2030-05-04T17:00');
	const refused = await submitStatus(page, () =>
		page.getByRole('button', { name: 'Sitzung anlegen' }).click()
	);
	expect(refused).toBe(400);
	const summary = page.locator('.error-summary');
	await expect(summary).toContainText('Gremium');
	await expect(summary).toContainText('Das Ende muss nach dem Beginn liegen.');
	await expectAccessible(page);

	await page.getByLabel('Gremium').selectOption({ label: 'Rat der Stadt Hennef' });
	await page.getByLabel('Bezeichnung').fill(`E2E-Sitzung ${tag}`);
	await page.getByLabel('Ende (optional)').fill('2030-05-04T21:00');
	await page.getByLabel('Ort').fill('Ratssaal');
	await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
	await expect(page).toHaveURL(/\/sitzungsdienst\/sitzungen\/[0-9a-f-]{36}\?erledigt=created$/);
	await expect(notice(page, 'Die Sitzung wurde angelegt.')).toBeVisible();
	await expectAccessible(page);
	const meetingId = /sitzungen\/([0-9a-f-]{36})/.exec(page.url())![1]!;

	await addItem(page, 'TOP 1', `Radweg Siegufer ${tag}`, false);
	await addItem(page, 'N 2', secret, true);

	// A paper link: javascript: is refused, https is kept.
	const paperBox = page
		.locator('details')
		.filter({ has: page.locator('summary', { hasText: 'Vorlage zu TOP 1 hinzufügen' }) });
	await paperBox.locator('summary').click();
	await paperBox.getByLabel('Bezeichnung der Vorlage').fill('Beschlussvorlage Radweg');
	await paperBox.getByLabel('Link', { exact: true }).fill('javascript:alert(1)');
	const badLink = await submitStatus(page, () =>
		paperBox.getByRole('button', { name: 'Vorlage hinzufügen' }).click()
	);
	expect(badLink).toBe(400);
	await expect(paperBox).toContainText('https://');
	await expectAccessible(page);
	await paperBox.getByLabel('Link', { exact: true }).fill('https://ratsinfo.hennef.example/v/1');
	await paperBox.getByRole('button', { name: 'Vorlage hinzufügen' }).click();
	await expect(notice(page, 'Die Vorlage wurde hinzugefügt.')).toBeVisible();
	await expectAccessible(page);

	// A PDF on the non-public item: a file that only claims to be a PDF is refused.
	const pdfBox = page
		.locator('details')
		.filter({ has: page.locator('summary', { hasText: 'Vorlage zu N 2 hinzufügen' }) });
	await pdfBox.locator('summary').click();
	await pdfBox.getByLabel('Bezeichnung der Vorlage').fill('Kaufvertrag Entwurf');
	const upload = (buffer: Buffer) =>
		pdfBox.getByLabel('oder PDF-Datei').setInputFiles({
			name: 'kaufvertrag.pdf',
			mimeType: 'application/pdf',
			buffer
		});
	await upload(Buffer.from('<html><script>alert(1)</script></html>'));
	const fakePdf = await submitStatus(page, () =>
		pdfBox.getByRole('button', { name: 'Vorlage hinzufügen' }).click()
	);
	expect(fakePdf).toBe(400);
	await expect(pdfBox).toContainText('Diese Datei ist kein PDF.');
	await expectAccessible(page);
	await upload(Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1'));
	await pdfBox.getByRole('button', { name: 'Vorlage hinzufügen' }).click();
	await expect(notice(page, 'Die Vorlage wurde hinzugefügt.')).toBeVisible();
	await expectAccessible(page);
	const pdfHref = await page
		.locator('.agenda-editor')
		.getByRole('link', { name: 'Kaufvertrag Entwurf' })
		.getAttribute('href');
	expect(pdfHref).toMatch(/^\/sitzungen\/[0-9a-f-]{36}\/vorlagen\/[0-9a-f-]{36}$/);
	// The clerk may open it; nobody else learns it exists.
	expect((await page.request.get(pdfHref!)).status()).toBe(200);
	expect((await request.get(pdfHref!)).status()).toBe(404);

	expect(await agendaNumbers(page)).toEqual(['TOP 1', 'N 2']);
	await page.getByRole('button', { name: 'TOP 1 nach unten' }).click();
	await expect(notice(page, 'Die Reihenfolge wurde geändert.')).toBeVisible();
	await expect.poll(() => agendaNumbers(page)).toEqual(['N 2', 'TOP 1']);
	await expectAccessible(page);

	// Editing an item: an empty title is refused beside the field, a new one is kept.
	const top1 = page
		.locator('.agenda-editor > li')
		.filter({ has: page.locator('.number', { hasText: 'TOP 1' }) });
	await top1.locator('summary', { hasText: 'TOP 1 bearbeiten' }).click();
	const editForm = top1.locator('form[action="?/editItem"]');
	await editForm.evaluate((f) => ((f as HTMLFormElement).noValidate = true));
	await editForm.getByLabel('Titel', { exact: true }).fill('   ');
	const emptyTitle = await submitStatus(page, () =>
		editForm.getByRole('button', { name: 'Punkt speichern' }).click()
	);
	expect(emptyTitle).toBe(400);
	await expect(top1).toContainText('Bitte füllen Sie dieses Feld aus.');
	await expectAccessible(page);
	await editForm.getByLabel('Titel', { exact: true }).fill(`Radweg Siegufer ${tag}, geändert`);
	await editForm.getByRole('button', { name: 'Punkt speichern' }).click();
	await expect(notice(page, 'Der Tagesordnungspunkt wurde gespeichert.')).toBeVisible();
	await expect(top1.locator('.title')).toHaveText(`Radweg Siegufer ${tag}, geändert`);
	await expectAccessible(page);

	// The public page, as a visitor without an account would get it.
	await visit(page, `/sitzungen/${meetingId}`);
	const items = page.locator('.agenda-item');
	await expect(items).toHaveCount(2);
	await expect(items.nth(0)).toContainText('N 2');
	await expect(items.nth(0)).toContainText('nicht öffentlich');
	await expect(items.nth(1)).toContainText(`Radweg Siegufer ${tag}`);
	await expect(items.nth(1).getByRole('link', { name: 'Beschlussvorlage Radweg' })).toHaveAttribute(
		'href',
		'https://ratsinfo.hennef.example/v/1'
	);
	expect(await page.content()).not.toContain(secret);
	expect(await page.content()).not.toContain('Kaufvertrag');

	// Deleting needs the confirmation; afterwards the public page is gone.
	await visit(page, `/sitzungsdienst/sitzungen/${meetingId}`);
	const deleteForm = page.locator('form[action="?/delete"]');
	await deleteForm
		.locator('input[name=confirm]')
		.evaluate((box) => box.removeAttribute('required'));
	const unconfirmed = await submitStatus(page, () =>
		deleteForm.getByRole('button', { name: 'Sitzung löschen' }).click()
	);
	expect(unconfirmed).toBe(400);
	await expect(deleteForm).toContainText('Bitte bestätigen Sie das Löschen');
	await expectAccessible(page);
	await deleteForm.getByLabel('Ja, diese Sitzung löschen').check();
	await deleteForm.getByRole('button', { name: 'Sitzung löschen' }).click();
	await expect(page).toHaveURL(/\/sitzungsdienst\?erledigt=meetingDeleted$/);
	await expect(notice(page, 'Die Sitzung wurde gelöscht.')).toBeVisible();
	await expectAccessible(page);
	await visit(page, `/sitzungen/${meetingId}`, 404);
});

test('keyboard only: from the meeting list to a meeting and its agenda', async ({ page }) => {
	await visit(page, '/sitzungen');
	const target = page.getByRole('link', { name: '5. Sitzung des Rates der Stadt Hennef' });
	let reached = false;
	for (let i = 0; i < 40 && !reached; i++) {
		await page.keyboard.press('Tab');
		reached = await target.evaluate((el) => el === document.activeElement);
	}
	expect(reached, 'the recorded meeting is reachable with Tab').toBe(true);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`/sitzungen/${DEMO_RECORDED_MEETING_ID}$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'5. Sitzung des Rates der Stadt Hennef'
	);
	await expectAccessible(page);
	const items = page.locator('.agenda-item');
	await expect(items).toHaveCount(6);
	await expect(items.nth(4)).toContainText('Radverkehrskonzept');
	await expect(items.nth(5)).toHaveText(/N 6\s*nicht öffentlich/);
	expect(await page.content()).not.toContain('Grundstücksangelegenheit');

	// Back to the list with the keyboard as well.
	await page.keyboard.press('Tab');
	const back = page.getByRole('link', { name: '← Alle Sitzungen' });
	for (let i = 0; i < 40 && !(await back.evaluate((el) => el === document.activeElement)); i++)
		await page.keyboard.press('Tab');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/sitzungen$/);
	await expectAccessible(page);
});

test('the list filters by Gremium; unknown, malformed and other ids are 404', async ({ page }) => {
	await visit(page, `/sitzungen?gremium=${DEMO_COUNCIL_ID}`);
	await expect(page.locator('main')).toContainText('Rat der Stadt Hennef');
	await expect(
		page.locator('main .cards', { hasText: 'Umwelt- und Klimaschutzausschuss' })
	).toHaveCount(0);
	await visit(page, '/sitzungen?gremium=kaputt');
	await expect(page.locator('main .cards').first()).toContainText(
		'Umwelt- und Klimaschutzausschuss'
	);
	await visit(page, '/en/sitzungen');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meetings');
	await expect(page.getByRole('heading', { name: 'Upcoming meetings' })).toBeVisible();
	await visit(page, `/en/sitzungen/${DEMO_RECORDED_MEETING_ID}`);
	await expect(page.locator('.agenda-item').nth(5)).toHaveText(/N 6\s*not public/);
	await visit(page, '/sitzungen/kaputt', 404);
	await visit(page, '/sitzungen/00000000-0000-4000-8000-000000000000', 404);
	await visit(page, "/sitzungen/'%20or%201=1--", 404);
});

test('the Sitzungsdienst is for clerks only', async ({ page }) => {
	await page.goto('/sitzungsdienst/gremien');
	await expect(page).toHaveURL(/\/anmelden\?weiter=/);
	await expectAccessible(page);
	await logIn(page, DEMO_RESIDENT);
	await visit(page, '/sitzungsdienst', 403);
	await visit(page, '/sitzungsdienst/personen', 403);
});

test('a clerk records consent and a membership, and pages work without JavaScript', async ({
	newContext
}) => {
	const context = await newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await logInWithoutScript(page, CLERK);

	await page.goto('/sitzungsdienst/personen');
	await expectAccessible(page);
	const family = `Testfrau-${randomBytes(3).toString('hex')}`;
	await page.getByLabel('Nachname').fill(family);
	await page.getByLabel('Einwilligung in Aufzeichnung').check();
	await page.getByRole('button', { name: 'Person anlegen' }).click();
	await expect(page.getByRole('status')).toContainText('Die Person wurde angelegt.');
	await expect(page.getByLabel('Einwilligung in Aufzeichnung')).toBeChecked();
	await expectAccessible(page);

	await page.getByLabel('Gremium').selectOption({ label: 'Umwelt- und Klimaschutzausschuss' });
	await page.getByLabel('Rolle').fill('Mitglied');
	await page.getByRole('button', { name: 'Mitgliedschaft hinzufügen' }).click();
	await expect(page.getByRole('status')).toContainText('Die Mitgliedschaft wurde hinzugefügt.');
	await expect(page.locator('main table')).toContainText('Umwelt- und Klimaschutzausschuss');
	await expectAccessible(page);

	await page.goto('/sitzungsdienst/personen');
	await expect(page.locator('main table')).toContainText(family);
	await expectAccessible(page);
});
