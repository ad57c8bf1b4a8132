import { randomBytes } from 'node:crypto';
import {
	expect,
	expectAccessible,
	logIn,
	logInWithoutScript,
	submitStatus,
	test,
	visit
} from './fixtures.ts';
import { png } from './files.ts';
import { TEST_AREA } from '../src/lib/server/mapcomments/test-area.ts';

const PLANNER = 'planung@demo.mitreden.example';

const AREA = JSON.stringify({ type: 'Feature', properties: {}, geometry: TEST_AREA });

test('a planner sets up a map stage: categories, a plan drawing, the area, a place, then opens it', async ({
	page
}) => {
	const tag = randomBytes(4).toString('hex');
	await logIn(page, PLANNER);
	await visit(page, '/planung/verfahren/neu');
	await page.getByLabel('Titel', { exact: true }).fill(`Spielplatz Uckerath ${tag}`);
	await page.getByRole('button', { name: 'Als Entwurf anlegen' }).click();
	await expect(page).toHaveURL(/\/planung\/verfahren\/[0-9a-f-]{36}\?erledigt=created$/);
	await expectAccessible(page);

	const section = page.getByRole('region', { name: 'Kartenbeteiligung' });
	await expect(section).toContainText('noch keine Kartenbeteiligung eingerichtet');
	await section.getByRole('link', { name: 'Kartenbeteiligung einrichten' }).click();
	await expect(page).toHaveURL(/\/karte$/);
	await expectAccessible(page);
	// Without MAP_TILE_URL there is no base map to offer, and the page says so.
	await expect(page.getByText('Es ist keine Hintergrundkarte eingerichtet')).toBeVisible();
	await expect(page.getByLabel('Hintergrundkarte anzeigen')).toHaveCount(0);

	// The stage.
	const settings = page.getByRole('region', { name: 'Einstellungen' });
	await settings.getByLabel('Titel der Kartenbeteiligung').fill('Wo soll was hin?');
	await settings.getByLabel('Einleitung').fill('Markieren Sie Orte für Spielgeräte und Bänke.');
	await settings.getByLabel('Linie').uncheck();
	await settings.getByLabel('Meldungen bis zur Ausblendung').fill('4');
	await settings.getByRole('button', { name: 'Kartenbeteiligung anlegen' }).click();
	await expect(settings.getByRole('status')).toHaveText('Die Kartenbeteiligung ist angelegt.');
	await expectAccessible(page);

	// Opening too early: no category and nothing to draw on yet.
	await settings.getByLabel('Status').selectOption({ label: 'geöffnet' });
	await settings.getByRole('button', { name: 'Einstellungen speichern' }).click();
	await expect(settings.getByRole('alert')).toContainText('mindestens eine Kategorie');
	await expect(settings.getByRole('alert')).toContainText(
		'Hintergrundkarte oder mindestens eine Planzeichnung'
	);
	await expectAccessible(page);

	// Categories: two added, one renamed and recoloured, then moved up.
	const categories = page.getByRole('region', { name: 'Kategorien' });
	const added: [string, string][] = [
		['Spielen', 'Rot'],
		['Sitzen', 'Blau']
	];
	for (const [name, colour] of added) {
		const add = categories.locator('form[action*="addCategory"]');
		await add.getByLabel('Name der Kategorie').fill(name);
		await add.getByLabel('Farbe').selectOption({ label: colour });
		await add.getByRole('button', { name: 'Kategorie hinzufügen' }).click();
		await expect(categories.getByRole('status')).toHaveText('Die Kategorie ist hinzugefügt.');
	}
	await categories.getByText('Kategorie „Sitzen“ ändern').click();
	await categories
		.locator('details[open]')
		.getByLabel('Name der Kategorie')
		.fill('Sitzen und Ausruhen');
	await categories.locator('details[open]').getByLabel('Farbe').selectOption({ label: 'Violett' });
	await categories.locator('details[open]').getByRole('button', { name: 'Ändern' }).click();
	await expect(categories.getByRole('status')).toHaveText('Die Kategorie ist geändert.');
	await categories.getByRole('button', { name: '„Sitzen und Ausruhen“ nach oben' }).click();
	await expect(categories.getByRole('status')).toHaveText('Die Reihenfolge ist geändert.');
	await expect(categories.locator('ol > li strong')).toHaveText(['Sitzen und Ausruhen', 'Spielen']);
	await expect(categories).toContainText('(Violett)');
	await expectAccessible(page);

	// An SVG with a script is refused with its reason, and nothing is stored.
	const plans = page.getByRole('region', { name: 'Planzeichnungen' });
	await plans.getByLabel('Datei').setInputFiles({
		name: 'plan.svg',
		mimeType: 'image/svg+xml',
		buffer: Buffer.from(
			'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script><rect width="100" height="100"/></svg>'
		)
	});
	await plans.getByLabel('Titel der Planzeichnung').fill('Skizze');
	await plans.getByLabel('Beschreibung (Textalternative)').fill('Ein schwarzes Quadrat.');
	const refusedStatus = await submitStatus(page, () =>
		plans.getByRole('button', { name: 'Planzeichnung hochladen' }).click()
	);
	expect(refusedStatus).toBe(400);
	await expect(plans.getByRole('alert')).toContainText('Die SVG-Datei enthält ein Skript');
	await expect(plans).toContainText('Noch keine Planzeichnungen.');
	await expectAccessible(page);

	// A PNG placed on the map by its corners, typed with German decimal commas.
	await plans.getByLabel('Datei').setInputFiles({
		name: 'lageplan.png',
		mimeType: 'image/png',
		buffer: png(320, 240, [230, 224, 200])
	});
	await plans.getByLabel('Titel der Planzeichnung').fill('Lageplan Spielplatz');
	await plans
		.getByLabel('Beschreibung (Textalternative)')
		.fill('Der Spielplatz von oben: Sandkasten im Norden, Wiese im Süden, Eingang an der Straße.');
	await plans.getByLabel('Süden (Breitengrad)').fill('50,771');
	await plans.getByLabel('Westen (Längengrad)').fill('7,331');
	await plans.getByLabel('Norden (Breitengrad)').fill('50,779');
	await plans.getByLabel('Osten (Längengrad)').fill('7,339');
	await plans.getByRole('button', { name: 'Planzeichnung hochladen' }).click();
	await expect(plans.getByRole('status')).toHaveText('Die Planzeichnung ist hochgeladen.');
	await expect(plans).toContainText(
		'Auf der Karte: Süden 50,771, Westen 7,331, Norden 50,779, Osten 7,339.'
	);
	await expectAccessible(page);
	const preview = page.getByRole('region', { name: 'Vorschau' });
	const image = preview.getByRole('img', { name: /Der Spielplatz von oben/ });
	await expect(image).toBeVisible();
	const source = await image.getAttribute('src');
	const served = await page.request.get(source!);
	expect(served.status()).toBe(200);
	expect(served.headers()['content-type']).toBe('image/png');

	// The area of interest, pasted as a GeoJSON Feature; then a named place inside it.
	const area = page.getByRole('region', { name: 'Beteiligungsgebiet' });
	await area.getByLabel('Fläche als GeoJSON').fill(AREA);
	await area.getByRole('button', { name: 'Gebiet speichern' }).click();
	await expect(area.getByRole('status')).toHaveText('Das Beteiligungsgebiet ist gespeichert.');
	await expect(area).toContainText('eine Fläche mit 4 Eckpunkten');
	await expectAccessible(page);

	const places = page.getByRole('region', { name: 'Benannte Orte' });
	await places.getByLabel('Name des Ortes').fill('Sandkasten');
	await places.getByLabel('Position auf der Karte').fill('50.9, 7.335');
	await places.getByRole('button', { name: 'Ort hinzufügen' }).click();
	await expect(places.getByRole('alert')).toContainText('außerhalb des Beteiligungsgebiets');
	await expectAccessible(page);
	await places.getByLabel('Position auf der Karte').fill('50.775, 7.335');
	await places.getByRole('button', { name: 'Ort hinzufügen' }).click();
	await expect(places.getByRole('status')).toHaveText('Der Ort ist hinzugefügt.');
	await expect(places).toContainText('Sandkasten (Karte: 50,775, 7,335)');
	await expectAccessible(page);

	// Now it can open.
	await settings.getByLabel('Status').selectOption({ label: 'geöffnet' });
	await settings.getByRole('button', { name: 'Einstellungen speichern' }).click();
	await expect(settings.getByRole('status')).toHaveText('Die Einstellungen sind gespeichert.');
	await expectAccessible(page);

	// The consultation's page shows the stage's state after a reload (no JavaScript needed).
	await page.getByRole('link', { name: 'Zurück zum Verfahren' }).click();
	await expect(page).toHaveURL(/\/planung\/verfahren\/[0-9a-f-]{36}#karte$/);
	await expectAccessible(page);
	await expect(page.getByRole('region', { name: 'Kartenbeteiligung' })).toContainText(
		'Kartenbeteiligung „Wo soll was hin?“: geöffnet'
	);
});

test('without JavaScript: create a stage, add and remove a category, a renamed text file is refused', async ({
	newContext
}) => {
	const page = await (await newContext({ javaScriptEnabled: false })).newPage();
	await logInWithoutScript(page, PLANNER);

	await page.goto('/planung/verfahren/neu');
	await expectAccessible(page);
	await page
		.getByLabel('Titel', { exact: true })
		.fill(`Bolzplatz ${randomBytes(4).toString('hex')}`);
	await page.getByRole('button', { name: 'Als Entwurf anlegen' }).click();
	await expect(page).toHaveURL(/\?erledigt=created$/);
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Kartenbeteiligung einrichten' }).click();
	await expect(page).toHaveURL(/\/karte$/);
	await expectAccessible(page);

	await page.getByLabel('Titel der Kartenbeteiligung').fill('Ideen für den Bolzplatz');
	await page.getByRole('button', { name: 'Kartenbeteiligung anlegen' }).click();
	await expect(page.getByRole('status')).toHaveText('Die Kartenbeteiligung ist angelegt.');
	await expectAccessible(page);

	const categories = page.getByRole('region', { name: 'Kategorien' });
	const add = categories.locator('form[action*="addCategory"]');
	await add.getByLabel('Name der Kategorie').fill('Tore');
	await add.getByRole('button', { name: 'Kategorie hinzufügen' }).click();
	await expect(categories.getByRole('status')).toHaveText('Die Kategorie ist hinzugefügt.');
	await expectAccessible(page);

	const plans = page.getByRole('region', { name: 'Planzeichnungen' });
	await plans.getByLabel('Datei').setInputFiles({
		name: 'plan.png',
		mimeType: 'image/png',
		buffer: Buffer.from('Das ist eine Textdatei mit der Endung .png\n')
	});
	await plans.getByLabel('Titel der Planzeichnung').fill('Plan');
	await plans.getByLabel('Beschreibung (Textalternative)').fill('Kein Bild.');
	await plans.getByRole('button', { name: 'Planzeichnung hochladen' }).click();
	await expect(
		page.getByRole('region', { name: 'Planzeichnungen' }).getByRole('alert')
	).toContainText('kein lesbares PNG-, JPEG- oder SVG-Bild');
	await expect(page.getByRole('region', { name: 'Planzeichnungen' })).toContainText(
		'Noch keine Planzeichnungen.'
	);
	await expectAccessible(page);

	await categories.getByLabel('„Tore“ wirklich entfernen').check();
	await categories.getByRole('button', { name: 'Entfernen' }).click();
	await expect(categories.getByRole('status')).toHaveText('Die Kategorie ist entfernt.');
	await expect(categories).toContainText('Noch keine Kategorien.');
	await expectAccessible(page);
});

test('the demo Marktplatz stage: used categories and plans with comments are not removed', async ({
	page
}) => {
	await logIn(page, PLANNER);
	await visit(page, '/planung');
	await page.getByRole('link', { name: 'Marktplatz Stadt Blankenberg' }).first().click();
	await expect(page).toHaveURL(/\/planung\/verfahren\/[0-9a-f-]{36}$/);
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Kartenbeteiligung bearbeiten' }).click();
	await expect(page).toHaveURL(/\/karte$/);
	await expectAccessible(page);

	const categories = page.getByRole('region', { name: 'Kategorien' });
	await categories.getByLabel('„Verkehr“ wirklich entfernen').check();
	const inUse = await submitStatus(page, () =>
		categories
			.getByRole('listitem')
			.filter({ hasText: 'Verkehr' })
			.getByRole('button', { name: 'Entfernen' })
			.click()
	);
	expect(inUse).toBe(409);
	await expect(categories.getByRole('alert')).toContainText(/wird von \d+ Hinweisen verwendet/);
	await expectAccessible(page);

	const plans = page.getByRole('region', { name: 'Planzeichnungen' });
	const detail = plans
		.getByRole('listitem')
		.filter({ hasText: 'Detailplan Brunnen und Sitzstufen' });
	await detail.getByLabel(/wirklich|entfernen/).check();
	await detail.getByRole('button', { name: 'Entfernen' }).click();
	await expect(plans.getByRole('alert')).toContainText(
		/Auf dieser Planzeichnung liegen \d+ Hinweise/
	);
	await expectAccessible(page);

	// A geo reference for a plan whose comments are in its pixels would move them: refused.
	await detail
		.getByRole('link', { name: '„Detailplan Brunnen und Sitzstufen“ bearbeiten' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Planzeichnung bearbeiten');
	await expectAccessible(page);
	await page.getByLabel('Süden (Breitengrad)').fill('50,77');
	await page.getByRole('button', { name: 'Planzeichnung speichern' }).click();
	await expect(page.getByRole('alert')).toContainText('alle vier Eckwerte');
	await expectAccessible(page);
	await page.getByLabel('Westen (Längengrad)').fill('7,33');
	await page.getByLabel('Norden (Breitengrad)').fill('50,78');
	await page.getByLabel('Osten (Längengrad)').fill('7,34');
	await page.getByRole('button', { name: 'Planzeichnung speichern' }).click();
	await expect(page.getByRole('alert')).toContainText('in Pixelkoordinaten');
	await expectAccessible(page);
	// The description alone can change; back on the setup page.
	await page.getByLabel('Süden (Breitengrad)').fill('');
	await page.getByLabel('Westen (Längengrad)').fill('');
	await page.getByLabel('Norden (Breitengrad)').fill('');
	await page.getByLabel('Osten (Längengrad)').fill('');
	await page.getByLabel('Titel der Planzeichnung').fill('Detailplan Brunnen');
	await page.getByRole('button', { name: 'Planzeichnung speichern' }).click();
	await expect(page).toHaveURL(/\/karte#plaene$/);
	await expectAccessible(page);
	await expect(page.getByRole('region', { name: 'Planzeichnungen' })).toContainText(
		'Detailplan Brunnen'
	);
});
