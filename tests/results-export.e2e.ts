import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { parseCsv } from '../src/lib/server/testing/parse-csv.ts';
import { DEMO_RESIDENT, expect, expectAccessible, logIn, test, visit } from './fixtures.ts';

// The planners' survey export on the demo survey (Masterplan Mobilität): the export page by
// keyboard, downloads with their names and byte order mark, and the refusals.

const PLANNER = 'planung@demo.mitreden.example';
const SURVEY = 'Umfrage zum Masterplan Mobilität';
const BOM = [0xef, 0xbb, 0xbf];

/** Presses Tab until `target` has the focus, as a keyboard user moves on. */
async function tabTo(page: Page, target: Locator): Promise<void> {
	for (let presses = 0; presses < 60; presses++) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${target}`);
}

async function openSurvey(page: Page): Promise<string> {
	await visit(page, '/planung/umfragen');
	await page.getByRole('link', { name: SURVEY, exact: true }).first().click();
	await expect(page).toHaveURL(/\/planung\/umfragen\/[0-9a-f-]{36}$/);
	await expectAccessible(page);
	return new URL(page.url()).pathname.split('/').at(-1)!;
}

test('a planner exports the responses by keyboard: CSV with codes, then the codebook', async ({
	page
}) => {
	await logIn(page, PLANNER);
	const id = await openSurvey(page);

	await tabTo(page, page.getByRole('link', { name: 'Antworten exportieren' }));
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`/planung/umfragen/${id}/export$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Antworten exportieren');
	// The demo survey has made-up responses; the page says how many, the file must hold as many.
	const sizeHint = (await page.locator('#export-size').textContent()) ?? '';
	const submitted = Number(/([\d.]+) abgegebene Antworten/.exec(sizeHint)?.[1]?.replace(/\./g, ''));
	expect(submitted).toBeGreaterThan(0);
	await expectAccessible(page);

	// Arrow keys move within a radio group, as they do in every browser.
	await tabTo(page, page.getByRole('radio', { name: 'Beschriftungen' }));
	await page.keyboard.press('ArrowDown');
	await expect(page.getByRole('radio', { name: 'Codes' })).toBeChecked();
	await expect(page.getByRole('radio', { name: 'CSV' })).toBeChecked();
	await expect(page.getByRole('radio', { name: 'Semikolon, Dezimalkomma' })).toBeChecked();
	await expectAccessible(page);
	await tabTo(page, page.getByRole('button', { name: 'Herunterladen' }));
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.keyboard.press('Enter')
	]);
	expect(download.suggestedFilename()).toMatch(
		new RegExp(`^Antworten ${SURVEY} \\d{4}-\\d{2}-\\d{2}\\.csv$`)
	);
	const bytes = await readFile((await download.path())!);
	expect([...bytes.subarray(0, 3)]).toEqual(BOM);
	const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'), ';');
	expect(header!.slice(0, 11)).toEqual(
		'nr submitted_at submitted_local q1 q1_other_text q2_o1 q2_o2 q2_o3 q2_o4 q2_o5 q3'.split(' ')
	);
	expect(rows).toHaveLength(submitted);
	for (const row of rows) {
		expect(row).toHaveLength(header!.length);
		expect(row[1]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		// Codes, not labels: the first question is a required single choice.
		expect(row[3]).toMatch(/^(o[1-4]|other)$/);
	}

	const [codebook] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Codebuch als CSV herunterladen' }).click()
	]);
	expect(codebook.suggestedFilename()).toMatch(/^Codebuch .+\.csv$/);
	const text = await readFile((await codebook.path())!);
	expect([...text.subarray(0, 3)]).toEqual(BOM);
	expect(text.toString('utf8')).toContain('q1;Wie sind Sie in Hennef meistens unterwegs?;');
});

test('XLSX and JSON download; bad queries, unknown surveys and residents are refused', async ({
	page,
	newContext
}) => {
	await logIn(page, PLANNER);
	const id = await openSurvey(page);
	const base = `/planung/umfragen/${id}`;

	const xlsx = await page.request.get(`${base}/export.xlsx?werte=codes`);
	expect(xlsx.status()).toBe(200);
	expect(xlsx.headers()['content-type']).toBe(
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
	);
	expect(xlsx.headers()['cache-control']).toBe('no-store');
	expect(xlsx.headers()['content-disposition']).toMatch(
		/^attachment; filename="antworten-umfrage-zum-masterplan-mobilitaet-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''Antworten%20Umfrage%20zum%20Masterplan%20Mobilit%C3%A4t%20/
	);
	expect((await xlsx.body()).subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
	const json = await page.request.get(`${base}/export.json`);
	expect((await json.json()).codebook[3]).toMatchObject({
		code: 'q1',
		label: 'Wie sind Sie in Hennef meistens unterwegs?'
	});

	const bad = await page.request.get(`${base}/export.csv?trenner=tab`);
	expect(bad.status()).toBe(400);
	expect(await bad.text()).toContain('Unbekanntes Trennzeichen');
	for (const unknown of ['00000000-0000-4000-8000-000000000000', 'kein-uuid']) {
		expect((await page.request.get(`/planung/umfragen/${unknown}/export.csv`)).status()).toBe(404);
	}
	await visit(page, `${base}/export?format=pdf`, 400);
	await expect(
		page.getByText('Unbekanntes Format. Möglich sind CSV, XLSX und JSON.')
	).toBeVisible();
	await visit(page, '/planung/umfragen/00000000-0000-4000-8000-000000000000/export', 404);

	const resident = await newContext();
	const residentPage = await resident.newPage();
	await logIn(residentPage, DEMO_RESIDENT);
	expect((await residentPage.request.get(`${base}/export.csv`)).status()).toBe(403);
	const anonymous = await newContext();
	const refused = await anonymous.request.get(`${base}/export.json`, { maxRedirects: 0 });
	expect(refused.status()).toBe(303);
});
