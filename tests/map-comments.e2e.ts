import { randomBytes } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
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

// The residents' map of the demo consultation (Marktplatz Stadt Blankenberg): map and list in
// sync, filters, and writing comments by mouse, by keyboard and by named place.

const SLUG = 'marktplatz-stadt-blankenberg';
const MAP = `/beteiligung/${SLUG}/karte`;

const mapRegion = (page: Page) => page.getByRole('region', { name: 'Karte mit Hinweisen' });
const entries = (page: Page) => page.locator('ol.comments > li[data-entry]');
const live = (page: Page) => page.locator('p[role="status"][aria-live="polite"]');

async function openMap(page: Page, path = MAP): Promise<void> {
	await visit(page, path);
	await expect(page.locator('[data-map-state]')).toHaveAttribute('data-map-state', 'ready');
	// The list switches from the whole view (server) to the visible area once the map reports it.
	await expect(page.getByTestId('map-count')).toContainText('im sichtbaren Bereich');
	await expectAccessible(page);
}

/** A point of the map (page coordinates) at least 24 px away from every marker. */
async function freeSpot(page: Page, dx = 0, dy = 0): Promise<{ x: number; y: number }> {
	const map = page.locator('[data-map-state]');
	await map.evaluate((el) => el.scrollIntoView({ block: 'center' }));
	const box = (await map.boundingBox())!;
	const icons = await page.locator('.leaflet-marker-icon').evaluateAll((els) =>
		els.map((el) => {
			const r = el.getBoundingClientRect();
			return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
		})
	);
	const cx = box.x + box.width / 2 + dx;
	const cy = box.y + box.height / 2 + dy;
	for (let ring = 0; ring < 12; ring++) {
		for (let k = 0; k < 8; k++) {
			const a = (k * Math.PI) / 4;
			const x = cx + Math.cos(a) * ring * 12;
			const y = cy + Math.sin(a) * ring * 12;
			if (icons.every((i) => Math.hypot(i.x - x, i.y - y) > 24)) return { x, y };
		}
	}
	throw new Error('no free spot on the map');
}

async function fillComment(page: Page, category: string, title: string): Promise<void> {
	await page.getByRole('radio', { name: category }).check();
	await page.getByLabel('Titel').fill(title);
	await page.getByLabel('Ihr Hinweis').fill(`${title}: bitte prüfen.`);
}

async function expectCreated(page: Page, title: string): Promise<void> {
	await expect(page).toHaveURL(/[?&]hinweis=[0-9a-f-]{36}/);
	await expect(page.getByText('Ihr Hinweis ist veröffentlicht.')).toBeVisible();
	const entry = entries(page).filter({ hasText: title });
	await expect(entry).toHaveAttribute('aria-current', 'true');
	await expect(page.locator('[data-map-state]')).toHaveAttribute('data-map-state', 'ready');
	// The map shows the new comment too, selected and out of its cluster.
	const id = new URL(page.url()).searchParams.get('hinweis');
	await expect(page.locator(`.leaflet-marker-icon[data-comment="${id}"]`)).toHaveAttribute(
		'aria-current',
		'true'
	);
}

/** Presses Tab (only Tab) until `target` has focus. */
async function tabTo(page: Page, target: Locator, max = 120): Promise<void> {
	for (let i = 0; i < max; i++) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error('Tab never reached the target');
}

test('the consultation links its map; markers and the list stay in sync', async ({ page }) => {
	await visit(page, `/beteiligung/${SLUG}`);
	await page.getByRole('link', { name: 'Zur Karte mit Hinweisen' }).click();
	await expect(page).toHaveURL(MAP);
	await expect(page.locator('[data-map-state]')).toHaveAttribute('data-map-state', 'ready');
	await expectAccessible(page);
	await expect(
		page.getByText('Um einen Hinweis zu schreiben, melden Sie sich bitte an.')
	).toBeVisible();
	await expect(page.locator('.leaflet-marker-icon').first()).toBeVisible();
	await expect(page.getByRole('button', { name: 'Vergrößern', exact: true })).toBeVisible();

	// Map -> list: a marker chosen on the map selects its entry and gives it focus.
	const other = page.locator('.mv-marker').first();
	const otherId = (await other.getAttribute('data-comment'))!;
	await other.click();
	const otherEntry = page.locator(`li[data-entry="${otherId}"]`);
	await expect(otherEntry).toHaveAttribute('aria-current', 'true');
	await expect(otherEntry).toBeFocused();
	await expect(page.locator(`.leaflet-marker-icon[data-comment="${otherId}"]`)).toHaveAttribute(
		'aria-current',
		'true'
	);
	await expect(page).toHaveURL(new RegExp(`hinweis=${otherId}`));
	await expectAccessible(page);

	// List -> map: another entry's marker is shown (out of its cluster) and marked as current.
	const first = entries(page)
		.filter({ hasNot: page.locator(`[id="entry-${otherId}"]`) })
		.first();
	const firstId = (await first.getAttribute('data-entry'))!;
	const firstTitle = (await first.locator('h3').innerText()).trim();
	await first.getByRole('button', { name: /Auf der Karte zeigen/ }).click();
	const marker = page.locator(`.leaflet-marker-icon[data-comment="${firstId}"]`);
	await expect(marker).toHaveAttribute('aria-current', 'true');
	await expect(first).toHaveAttribute('aria-current', 'true');
	await expect(otherEntry).not.toHaveAttribute('aria-current', 'true');
	await expect(live(page)).toHaveText(`Hinweis „${firstTitle}“ ausgewählt.`);
	await expect(page).toHaveURL(new RegExp(`hinweis=${firstId}`));
	await expectAccessible(page);
});

test('a cluster is named by its count and opens by keyboard', async ({ page }) => {
	await openMap(page);
	// Zoomed out far enough, the square's comments gather in clusters.
	await page.getByRole('button', { name: 'Verkleinern' }).click();
	await page.getByRole('button', { name: 'Verkleinern' }).click();
	const cluster = page.getByRole('button', { name: /^\d+ Hinweise, vergrößern$/ }).first();
	await expect(cluster).toBeVisible();
	await expectAccessible(page);
	const zoomBefore = await page.locator('.mv-cluster').count();
	await cluster.focus();
	await page.keyboard.press('Enter');
	await expect.poll(() => page.locator('.mv-cluster').count()).not.toBe(zoomBefore);
	await expectAccessible(page);
});

test('filtering by category reduces the list, without a reload', async ({ page }) => {
	await openMap(page);
	const before = await entries(page).count();
	await page.getByText('Filtern und sortieren').click();
	await page.getByRole('checkbox', { name: 'Grün' }).check();
	await expect(page).toHaveURL(/kategorie=/);
	await expect.poll(() => entries(page).count()).toBeLessThan(before);
	for (const meta of await entries(page).locator('.meta').first().allInnerTexts()) {
		expect(meta).toContain('Grün');
	}
	await expect(page.locator('.mv-marker').first()).toBeVisible();
	await expect(page.getByTestId('map-count')).toContainText('im sichtbaren Bereich');
	await expectAccessible(page);
});

test('a resident places a point with the mouse and publishes it', async ({ page }) => {
	await logIn(page, DEMO_RESIDENT);
	await openMap(page);
	const spot = await freeSpot(page, 20, -10);
	await page.mouse.click(spot.x, spot.y);
	await expect(page.getByTestId('drawing-state')).toHaveText('Ein Punkt ist gesetzt.');
	await expect(live(page)).toHaveText('Punkt gesetzt.');
	await expectAccessible(page);
	const title = `Punkt ${randomBytes(3).toString('hex')}`;
	await fillComment(page, 'Verkehr', title);
	await expect(page.getByText(`${title.length + 15} von 2000 Zeichen`)).toBeVisible();
	// A text file named .jpg is refused as a photo; everything entered stays.
	await page.getByLabel('Foto (freiwillig)').setInputFiles({
		name: 'foto.jpg',
		mimeType: 'image/jpeg',
		buffer: Buffer.from('kein Bild, nur Text')
	});
	const refused = await submitStatus(page, () =>
		page.getByRole('button', { name: 'Hinweis veröffentlichen' }).click()
	);
	expect(refused).toBe(400);
	await expect(page.getByRole('alert')).toContainText('Foto (freiwillig):');
	await expect(page.getByLabel('Titel')).toHaveValue(title);
	await expect(page.getByTestId('drawing-state')).toHaveText('Ein Punkt ist gesetzt.');
	await expectAccessible(page);
	const photo = await sharp({
		create: { width: 64, height: 48, channels: 3, background: '#2a7d4f' }
	})
		.png()
		.toBuffer();
	await page
		.getByLabel('Foto (freiwillig)')
		.setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: photo });
	await page.getByLabel('Was zeigt das Foto?').fill('Eine grüne Fläche');
	await page.getByRole('button', { name: 'Hinweis veröffentlichen' }).click();
	await expectCreated(page, title);
	await expectAccessible(page);
});

test('a resident draws an area with the mouse', async ({ page }) => {
	await logIn(page, DEMO_RESIDENT);
	await openMap(page);
	await page.getByRole('radio', { name: 'Fläche' }).check();
	const a = await freeSpot(page, -30, -30);
	await page.mouse.click(a.x, a.y);
	await page.mouse.click(a.x + 60, a.y);
	await expect(live(page)).toHaveText('Eckpunkt 2 gesetzt.');
	await page.mouse.click(a.x + 60, a.y + 50);
	await page.mouse.click(a.x, a.y + 50);
	await expect(page.getByTestId('drawing-state')).toHaveText(
		'Die Fläche hat 4 Eckpunkte. Noch nicht abgeschlossen.'
	);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Letzten Punkt entfernen' }).click();
	await expect(live(page)).toHaveText('Punkt entfernt, noch 3.');
	// The button scrolled the page; the map comes back to where the spots were measured.
	await mapRegion(page).evaluate((el) => el.scrollIntoView({ block: 'center' }));
	await page.mouse.click(a.x - 5, a.y + 55);
	await page.getByRole('button', { name: 'Fläche abschließen' }).click();
	await expect(live(page)).toHaveText('Fläche mit 4 Eckpunkten abgeschlossen.');
	await expect(page.getByTestId('drawing-state')).toHaveText(
		'Die Fläche hat 4 Eckpunkte. Abgeschlossen.'
	);
	const geometry = JSON.parse(await page.locator('input[name="geometry"]').inputValue());
	expect(geometry.type).toBe('Polygon');
	expect(geometry.coordinates[0]).toHaveLength(5);
	const title = `Fläche ${randomBytes(3).toString('hex')}`;
	await fillComment(page, 'Grün', title);
	await page.getByRole('button', { name: 'Hinweis veröffentlichen' }).click();
	await expectCreated(page, title);
	await expect(entries(page).filter({ hasText: title })).toContainText('Fläche');
	await expectAccessible(page);
});

test('a line is finished with a double click', async ({ page }) => {
	await logIn(page, DEMO_RESIDENT);
	await openMap(page);
	await page.getByRole('radio', { name: 'Linie' }).check();
	const a = await freeSpot(page, -40, 0);
	await page.mouse.click(a.x, a.y);
	await page.mouse.click(a.x + 40, a.y + 20);
	await page.mouse.dblclick(a.x + 80, a.y);
	await expect(live(page)).toHaveText('Linie mit 3 Punkten abgeschlossen.');
	await expect(page.getByTestId('drawing-state')).toHaveText(
		'Die Linie hat 3 Punkte. Abgeschlossen.'
	);
	const geometry = JSON.parse(await page.locator('input[name="geometry"]').inputValue());
	expect(geometry.type).toBe('LineString');
	expect(geometry.coordinates).toHaveLength(3);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Zeichnung verwerfen' }).click();
	await expect(live(page)).toHaveText('Zeichnung verworfen.');
	await expect(page.locator('input[name="geometry"]')).toHaveValue('');
});

test('a resident places a point with the keyboard only', async ({ page }) => {
	await logIn(page, DEMO_RESIDENT);
	await openMap(page);
	await page.locator('body').focus();
	const map = mapRegion(page);
	await tabTo(page, map);
	await expect(page.locator('.crosshair')).toBeVisible();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('Enter');
	await expect(live(page)).toHaveText('Punkt gesetzt.');
	await expect(page.getByTestId('drawing-state')).toHaveText('Ein Punkt ist gesetzt.');
	await expectAccessible(page);

	const title = `Tastatur ${randomBytes(3).toString('hex')}`;
	await tabTo(page, page.getByRole('radio', { name: 'Verkehr' }));
	await page.keyboard.press('ArrowRight'); // radios: arrow keys choose, Grün
	await expect(page.getByRole('radio', { name: 'Grün' })).toBeChecked();
	await tabTo(page, page.getByLabel('Titel'));
	await page.keyboard.type(title);
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Ihr Hinweis')).toBeFocused();
	await page.keyboard.type('Hier fehlt eine Bank im Schatten.');
	await tabTo(page, page.getByRole('button', { name: 'Hinweis veröffentlichen' }));
	await page.keyboard.press('Enter');
	await expectCreated(page, title);
	await expectAccessible(page);
});

test('a point outside the area is refused and the entries stay', async ({ page }) => {
	await logIn(page, DEMO_RESIDENT);
	await openMap(page);
	await mapRegion(page).focus();
	// Leaflet drops arrow keys while a pan is animating; each press gets its quarter second.
	for (let i = 0; i < 14; i++) {
		await page.keyboard.press('ArrowLeft');
		await page.waitForTimeout(300);
	}
	await page.getByRole('button', { name: 'Punkt hier setzen' }).click();
	await expect(page.getByTestId('drawing-state')).toHaveText('Ein Punkt ist gesetzt.');
	const title = `Außerhalb ${randomBytes(3).toString('hex')}`;
	await fillComment(page, 'Sonstiges', title);
	const status = await submitStatus(page, () =>
		page.getByRole('button', { name: 'Hinweis veröffentlichen' }).click()
	);
	expect(status).toBe(400);
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('Ort: Die Stelle liegt außerhalb des Beteiligungsgebiets.');
	await expect(summary).toBeFocused();
	await expect(page.getByLabel('Titel')).toHaveValue(title);
	await expect(page.getByTestId('drawing-state')).toHaveText('Ein Punkt ist gesetzt.');
	await expectAccessible(page);
});

test('a named place works without JavaScript', async ({ newContext }) => {
	const page = await (await newContext({ javaScriptEnabled: false })).newPage();
	await logInWithoutScript(page, DEMO_RESIDENT);
	await page.goto(MAP);
	await expectAccessible(page);
	// The list is the page's own, server-rendered: the whole view, paged.
	await expect(page.getByTestId('map-count')).toContainText('in dieser Ansicht');
	expect(await entries(page).count()).toBeGreaterThan(5);
	await expect(page.getByRole('button', { name: 'Punkt hier setzen' })).toHaveCount(0);

	await page.getByLabel('Oder einen benannten Ort wählen').selectOption({ label: 'Brunnen' });
	const title = `Brunnen ${randomBytes(3).toString('hex')}`;
	await fillComment(page, 'Aufenthalt', title);
	await page.getByRole('button', { name: 'Hinweis veröffentlichen' }).click();
	await expect(page.getByText('Ihr Hinweis ist veröffentlicht.')).toBeVisible();
	await expect(entries(page).first()).toContainText(title);
	await expect(entries(page).first()).toHaveAttribute('aria-current', 'true');
	await expectAccessible(page);

	// Filters are a plain GET form.
	await page.getByText('Filtern und sortieren').click();
	await page.getByRole('checkbox', { name: 'Aufenthalt' }).check();
	await page.getByRole('button', { name: 'Anwenden' }).click();
	await expect(page).toHaveURL(/kategorie=/);
	await expectAccessible(page);
	for (const text of await entries(page).allInnerTexts()) expect(text).toContain('Aufenthalt');
});

test('the plan without geo reference is its own view', async ({ page }) => {
	await openMap(page);
	await page.getByRole('link', { name: 'Detailplan Brunnen und Sitzstufen' }).click();
	await expect(page).toHaveURL(/ansicht=[0-9a-f-]{36}/);
	const region = page.getByRole('region', { name: /Planzeichnung „Detailplan/ });
	await expect(region).toHaveAttribute('data-map-state', 'ready');
	await expect(page.locator('img.leaflet-image-layer')).toHaveAttribute(
		'alt',
		'Detailplan Brunnen und Sitzstufen'
	);
	await expect(page.getByTestId('map-count')).toContainText('im sichtbaren Bereich');
	expect(await entries(page).count()).toBeGreaterThan(0);
	await expectAccessible(page);
});

test('a resident comments on the plan without geo reference, in its pixels', async ({ page }) => {
	await logIn(page, DEMO_RESIDENT);
	await openMap(page);
	await page.getByRole('link', { name: 'Detailplan Brunnen und Sitzstufen' }).click();
	const region = page.getByRole('region', { name: /Planzeichnung „Detailplan/ });
	await expect(region).toHaveAttribute('data-map-state', 'ready');
	await expectAccessible(page);
	// The image's top-left corner is pixel 0,0; a click in the image's middle is near its centre.
	const image = (await page.locator('img.leaflet-image-layer').boundingBox())!;
	const spot = await freeSpot(page);
	await page.mouse.click(spot.x, spot.y);
	await expect(page.getByTestId('drawing-state')).toHaveText('Ein Punkt ist gesetzt.');
	const point = JSON.parse(await page.locator('input[name="geometry"]').inputValue());
	const plan = await page.evaluate(() => {
		const img = document.querySelector<HTMLImageElement>('img.leaflet-image-layer')!;
		return { width: img.naturalWidth, height: img.naturalHeight };
	});
	const box = (await page.locator('img.leaflet-image-layer').boundingBox())!;
	expect(image.width).toBeGreaterThan(0);
	const [x, y] = point.coordinates as [number, number];
	expect(x).toBeCloseTo(((spot.x - box.x) / box.width) * plan.width, -1);
	expect(y).toBeCloseTo(((spot.y - box.y) / box.height) * plan.height, -1);
	const title = `Detailplan ${randomBytes(3).toString('hex')}`;
	await fillComment(page, 'Aufenthalt', title);
	await page.getByRole('button', { name: 'Hinweis veröffentlichen' }).click();
	await expect(page).toHaveURL(/ansicht=[0-9a-f-]{36}/);
	await expectCreated(page, title);
	await expectAccessible(page);
});

test('the endpoint refuses malformed queries with a German message', async ({ page }) => {
	const base = `${MAP}/hinweise.json`;
	for (const [query, message] of [
		['bbox=NaN,1,2,3', 'Kartenausschnitt'],
		['bbox=1,2,3', 'Kartenausschnitt'],
		['bbox=8,50,7,51', 'verdreht'],
		['bbox=1e400,0,1,1', 'Kartenausschnitt'],
		['kategorie=keine', 'Filter'],
		['status=offen', 'Filter'],
		['sortierung=zufall', 'Filter'],
		['ansicht=00000000-0000-0000-0000-000000000000', 'Ansicht'],
		['ab=-1', 'Seitenangabe']
	]) {
		const res = await page.request.get(`${base}?${query}`);
		expect(res.status(), query).toBe(400);
		expect((await res.json()).message, query).toContain(message);
	}
	const ok = await page.request.get(`${base}?marker=1&bbox=7.3,50.7,7.4,50.8`);
	expect(ok.status()).toBe(200);
	const body = await ok.json();
	expect(body.total).toBeGreaterThan(20);
	expect(body.markers.length).toBeGreaterThanOrEqual(body.total);
	expect(body.markers[0]).toHaveLength(6);
	expect((await page.request.get(`${MAP}/formen.json?id=x`)).status()).toBe(400);
	// The page itself: the same checks, and English under /en.
	expect((await page.request.get(`${MAP}?bbox=1,2`)).status()).toBe(400);
	const english = await page.request.get(`/en${MAP}`);
	expect(english.status()).toBe(200);
	expect(await english.text()).toContain('comments in this view');
});
