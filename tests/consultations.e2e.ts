import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import {
	DEMO_RESIDENT,
	expect,
	expectAccessible,
	logIn,
	logOut,
	sameOriginForm,
	submitStatus,
	test,
	visit
} from './fixtures.ts';
import { pdf, png } from './files.ts';

const PLANNER = 'planung@demo.mitreden.example';

/** A calendar day in Hennef, `offset` days from today, as the date fields take it. */
function berlinDay(offset = 0): string {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
	const date = new Date(`${today}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + offset);
	return date.toISOString().slice(0, 10);
}

/** Fills the "new consultation" form and submits it; returns the status the action answered. */
async function createConsultation(
	page: Page,
	fields: { title: string; slug?: string; summary?: string; body?: string; topics?: string }
): Promise<number> {
	await visit(page, '/planung/verfahren/neu');
	await page.getByLabel('Titel', { exact: true }).fill(fields.title);
	if (fields.slug) await page.getByLabel('Adresse (Kurzname)').fill(fields.slug);
	if (fields.summary) await page.getByLabel('Kurzbeschreibung').fill(fields.summary);
	if (fields.body) await page.getByLabel('Beschreibung', { exact: true }).fill(fields.body);
	if (fields.topics) await page.getByLabel('Themen').fill(fields.topics);
	return submitStatus(page, () =>
		page.getByRole('button', { name: 'Als Entwurf anlegen' }).click()
	);
}

test('a planner builds and publishes a consultation; residents find it by search and topic', async ({
	page
}) => {
	const tag = randomBytes(4).toString('hex');
	const title = `Radbrücken über die Sieg ${tag}`;
	const slug = `radbruecken-${tag}`;
	const topic = `Brückenbau ${tag}`;
	const alt = 'Entwurf der Hängebrücke bei Weldergoven im Abendlicht';
	const docTitle = `Machbarkeitsstudie Hängebrücken ${tag}`;

	await logIn(page, PLANNER);
	await visit(page, '/planung');
	await page.getByRole('link', { name: 'Neues Beteiligungsverfahren' }).click();
	await expect(page).toHaveURL('/planung/verfahren/neu');
	await expectAccessible(page);
	await page.getByLabel('Titel', { exact: true }).fill(title);
	await page.getByLabel('Adresse (Kurzname)').fill(slug);
	await page
		.getByLabel('Kurzbeschreibung')
		.fill('Zwei neue Hängebrücken sollen Radfahrenden den Umweg über die B 8 ersparen.');
	await page
		.getByLabel('Beschreibung', { exact: true })
		.fill(
			[
				'## Worum es geht',
				'',
				'Die Stadt plant zwei **Hängebrücken** für den Rad- und Fußverkehr.',
				'',
				'<script>window.__eingeschleust = true</script>',
				'',
				'Mehr im Plan <img src="x" onerror="window.__eingeschleust = true"> der Verwaltung.'
			].join('\n')
		);
	await page.getByLabel('Themen').fill(`${topic}, Radverkehr`);
	await page.getByRole('button', { name: 'Als Entwurf anlegen' }).click();
	await expect(page).toHaveURL(/\/planung\/verfahren\/[0-9a-f-]{36}\?erledigt=created$/);
	await expect(page.getByRole('status')).toContainText('Das Verfahren ist als Entwurf angelegt.');
	await expectAccessible(page);

	// Phases: information is over, participation runs from today.
	const phases = page.getByRole('region', { name: 'Phasen' });
	const information = phases.getByRole('group', { name: 'Information' });
	await information.getByLabel('Beginn').fill(berlinDay(-30));
	await information.getByLabel('Ende').fill(berlinDay(-1));
	const participation = phases.getByRole('group', { name: 'Beteiligung' });
	await participation.getByLabel('Beginn').fill(berlinDay(0));
	await participation.getByLabel('Ende').fill(berlinDay(30));
	await participation.getByLabel('Beschreibung (freiwillig)').fill('Sagen Sie uns Ihre Meinung.');
	await phases.getByRole('button', { name: 'Phasen speichern' }).click();
	await expect(phases.getByRole('status')).toHaveText('Phasen gespeichert.');
	await expectAccessible(page);

	const cover = page.getByRole('region', { name: 'Titelbild' });
	await cover.getByLabel('Bilddatei').setInputFiles({
		name: 'bruecke.png',
		mimeType: 'image/png',
		buffer: png(32, 18, [40, 110, 60])
	});
	await cover.getByLabel('Alternativtext').fill(alt);
	await cover.getByRole('button', { name: 'Titelbild speichern' }).click();
	await expect(cover.getByRole('status')).toHaveText('Titelbild gespeichert.');
	await expect(cover.getByRole('img', { name: alt })).toBeVisible();
	await expectAccessible(page);

	const documents = page.getByRole('region', { name: 'Dokumente' });
	await documents.getByLabel('Titel des Dokuments').fill(docTitle);
	await documents.getByLabel('PDF-Datei').setInputFiles({
		name: 'studie.pdf',
		mimeType: 'application/pdf',
		buffer: pdf()
	});
	await documents.getByRole('button', { name: 'Dokument hinzufügen' }).click();
	await expect(documents.getByRole('status')).toHaveText('Dokument hinzugefügt.');
	await expect(documents.getByRole('link', { name: docTitle })).toBeVisible();
	await expectAccessible(page);

	const status = page.getByRole('region', { name: 'Status' });
	await status.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(status.getByRole('status')).toHaveText('Das Verfahren ist veröffentlicht.');
	await expectAccessible(page);
	await logOut(page);

	// A resident searches with another word form than the text has ("Hängebrücke").
	await visit(page, '/beteiligung');
	await page.getByLabel('Suchbegriff').fill('Hängebrücke');
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/\/beteiligung\?q=H%C3%A4ngebr%C3%BCcke/);
	const results = page.getByRole('main');
	await expect(results.getByRole('link', { name: title })).toBeVisible();
	await expect(results.getByRole('link', { name: 'Marktplatz Stadt Blankenberg' })).toHaveCount(0);
	await expectAccessible(page);

	await visit(page, '/beteiligung');
	await page.getByLabel('Thema').selectOption({ label: topic });
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/thema=Br%C3%BCckenbau/);
	await expect(page.getByRole('status')).toHaveText('1 Verfahren gefunden');
	await expect(page.getByRole('heading', { level: 2 }).getByRole('link')).toHaveText([title]);
	await expectAccessible(page);

	await page.getByRole('link', { name: title }).click();
	await expect(page).toHaveURL(`/beteiligung/${slug}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expectAccessible(page);
	const current = page.locator('[aria-current="step"]');
	await expect(current).toHaveCount(1);
	await expect(current).toContainText('Beteiligung');
	await expect(current).toContainText('Aktuelle Phase');
	await expect(current).toContainText('Sagen Sie uns Ihre Meinung.');

	// Markdown became markup; the script and the image with its handler did not.
	const article = page.getByRole('article').first();
	await expect(article.getByRole('heading', { name: 'Worum es geht' })).toBeVisible();
	await expect(article.locator('strong', { hasText: 'Hängebrücken' })).toBeVisible();
	await expect(article.locator('script, img[src="x"], [onerror]')).toHaveCount(0);
	await expect(article).not.toContainText('__eingeschleust');
	await expect(article).toContainText('Mehr im Plan der Verwaltung.');
	expect(await page.evaluate(() => '__eingeschleust' in window)).toBe(false);

	const image = page.getByRole('img', { name: alt });
	await expect(image).toBeVisible();
	expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(32);

	const link = page.getByRole('link', { name: docTitle });
	const download = await page.request.get((await link.getAttribute('href'))!);
	expect(download.status()).toBe(200);
	expect(download.headers()['content-type']).toBe('application/pdf');
	expect((await download.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
});

test('bad input: a taken address, an end before the start, a text file as .jpg; nothing stored', async ({
	page
}) => {
	const tag = randomBytes(4).toString('hex');
	await logIn(page, PLANNER);

	const taken = `Doppelte Adresse ${tag}`;
	expect(await createConsultation(page, { title: taken, slug: 'masterplan-mobilitaet' })).toBe(409);
	await expect(page).toHaveURL('/planung/verfahren/neu');
	await expect(page.getByRole('alert')).toBeFocused();
	const slugTaken = 'Diese Adresse ist schon vergeben. Bitte wählen Sie eine andere.';
	await expect(page.getByRole('alert')).toContainText(`Adresse (Kurzname): ${slugTaken}`);
	await expect(page.locator('#field-slug-error')).toHaveText(slugTaken);
	await expect(page.getByLabel('Titel', { exact: true })).toHaveValue(taken);
	await expectAccessible(page);

	const title = `Fehlerprobe ${tag}`;
	await createConsultation(page, { title });
	await expect(page).toHaveURL(/\/planung\/verfahren\/[0-9a-f-]{36}\?erledigt=created$/);
	const editor = new URL(page.url()).pathname;
	await expectAccessible(page);

	const phases = page.getByRole('region', { name: 'Phasen' });
	const information = phases.getByRole('group', { name: 'Information' });
	await information.getByLabel('Beginn').fill(berlinDay(10));
	await information.getByLabel('Ende').fill(berlinDay(0));
	expect(
		await submitStatus(page, () => phases.getByRole('button', { name: 'Phasen speichern' }).click())
	).toBe(400);
	await expect(phases.getByRole('alert')).toBeFocused();
	await expect(page.locator('#field-informationEnd-error')).toHaveText(
		'Das Ende darf nicht vor dem Beginn liegen.'
	);
	await expectAccessible(page);

	const cover = page.getByRole('region', { name: 'Titelbild' });
	await cover.getByLabel('Bilddatei').setInputFiles({
		name: 'foto.jpg',
		mimeType: 'image/jpeg',
		buffer: Buffer.from('Das ist eine Textdatei, kein Foto.\n')
	});
	await cover.getByLabel('Alternativtext').fill('Ein Foto, das keines ist');
	expect(
		await submitStatus(page, () =>
			cover.getByRole('button', { name: 'Titelbild speichern' }).click()
		)
	).toBe(400);
	await expect(page.locator('#field-cover-error')).toHaveText(
		'Diese Datei ist kein lesbares Bild. Erlaubt sind JPEG, PNG und WebP (die Dateiendung allein genügt nicht).'
	);
	await expectAccessible(page);

	// Nothing of the refused input was kept.
	await visit(page, editor);
	await expect(information.getByLabel('Beginn')).toHaveValue('');
	await expect(information.getByLabel('Ende')).toHaveValue('');
	await expect(cover).toContainText('Noch kein Titelbild.');
	await expect(cover.getByRole('img')).toHaveCount(0);
	await visit(page, '/planung');
	await expect(page.getByRole('link', { name: title })).toBeVisible();
	await expect(page.getByRole('main')).not.toContainText(taken);
});

test('residents get 403 for planning pages and planning form actions', async ({ page }) => {
	const title = `Von Bürgerin angelegt ${randomBytes(4).toString('hex')}`;
	await logIn(page, DEMO_RESIDENT);
	await visit(page, '/planung', 403);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fehler 403');
	await expect(page.getByRole('main')).toContainText(
		'Sie haben keine Berechtigung für diese Seite oder Aktion.'
	);
	await visit(page, '/planung/verfahren/neu', 403);

	const create = await page.request.post('/planung/verfahren/neu', {
		headers: sameOriginForm,
		data: new URLSearchParams({ title }).toString()
	});
	expect(create.status()).toBe(403);
	expect(await create.text()).toContain(
		'Sie haben keine Berechtigung für diese Seite oder Aktion.'
	);
	// The role is checked before the address is looked at.
	const publish = await page.request.post(
		'/planung/verfahren/00000000-0000-4000-8000-000000000000?/publish',
		{ headers: sameOriginForm, data: '' }
	);
	expect(publish.status()).toBe(403);
	expect(await publish.text()).toContain('Sie haben keine Berechtigung');

	await logOut(page);
	await logIn(page, PLANNER);
	await visit(page, '/planung');
	await expect(page.getByRole('main')).not.toContainText(title);
});
