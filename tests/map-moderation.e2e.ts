import type { Page } from '@playwright/test';
import {
	DEMO_RESIDENT,
	E2E_ORIGIN,
	expect,
	expectAccessible,
	logIn,
	mailLink,
	registerVerified,
	sameOriginForm,
	skipBrowserValidation,
	submitLogin,
	submitStatus,
	test,
	visit
} from './fixtures.ts';

// A comment's own page, replies, supports, reports, moderation and the planners' answer and
// export, on the demo's Marktplatz Stadt Blankenberg consultation (seeded with map comments).

const SLUG = 'marktplatz-stadt-blankenberg';
const PLANNER = 'planung@demo.mitreden.example';
const MODERATOR = 'moderation@demo.mitreden.example';

interface Feature {
	type: string;
	id: string;
	geometry: { type: string; coordinates: unknown } | null;
	properties: Record<string, unknown>;
}

/** Every [lon, lat] of a geometry, to check they are WGS84 (RFC 7946 section 4). */
function positions(g: NonNullable<Feature['geometry']>): number[][] {
	const c = g.coordinates as never;
	if (g.type === 'Point') return [c];
	if (g.type === 'LineString') return c;
	return (c as number[][][]).flat();
}

/** Permalinks of the demo comments, by title, from the planners' GeoJSON export. */
let permalinks: Record<string, string> = {};
const path = (title: string) => new URL(permalinks[title]!).pathname;

async function downloadExport(page: Page): Promise<string> {
	await visit(page, `/beteiligung/${SLUG}`);
	const edit = await page
		.getByRole('link', { name: /bearbeiten/i })
		.first()
		.getAttribute('href');
	const consultationId = edit!.split('/').pop();
	const response = await page.request.get(
		`/planung/verfahren/${consultationId}/karte/export.geojson`
	);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('application/geo+json');
	expect(response.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.geojson"$/);
	const parsed = JSON.parse(await response.text()) as { type: string; features: Feature[] };
	expect(parsed.type).toBe('FeatureCollection');
	expect(parsed.features.length).toBeGreaterThanOrEqual(25);
	for (const f of parsed.features) {
		expect(f.type).toBe('Feature');
		expect(f.properties).not.toHaveProperty('author');
		if (f.geometry === null) {
			// A comment on the plan drawing without geo reference: pixels beside, not as geometry.
			expect(f.properties.coordinate_system).toBe('pixel');
			expect(f.properties.plan_id).toEqual(expect.any(String));
			continue;
		}
		expect(['Point', 'LineString', 'Polygon']).toContain(f.geometry.type);
		for (const [lon, lat] of positions(f.geometry)) {
			expect(lon).toBeGreaterThan(7.3);
			expect(lon).toBeLessThan(7.4);
			expect(lat).toBeGreaterThan(50.7);
			expect(lat).toBeLessThan(50.8);
		}
	}
	permalinks = Object.fromEntries(
		parsed.features.map((f) => [f.properties.title as string, f.properties.permalink as string])
	);
	expect(permalinks['Ladestation für E-Bikes']).toMatch(
		new RegExp(`^${E2E_ORIGIN}/beteiligung/${SLUG}/karte/hinweise/`)
	);
	return consultationId!;
}

test.describe.serial('map comments: page, replies, supports, reports, moderation', () => {
	test('a planner downloads the GeoJSON export and it is RFC 7946', async ({
		page,
		newContext
	}) => {
		await logIn(page, PLANNER);
		const id = await downloadExport(page);
		const csv = await page.request.get(
			`/planung/verfahren/${id}/karte/export.csv?trennzeichen=semikolon`
		);
		expect(csv.status()).toBe(200);
		const text = (await csv.body()).toString('utf8');
		expect(text.startsWith('\uFEFFid;category;title;')).toBe(true);
		expect(text).toContain('Ladestation für E-Bikes');
		// Residents get no export.
		const resident = await newContext();
		const refused = await resident.request.get(`/planung/verfahren/${id}/karte/export.geojson`, {
			maxRedirects: 0
		});
		expect(refused.status()).toBe(303);
	});

	test('an anonymous visitor reads a comment and is sent to log in to take part', async ({
		page
	}) => {
		await visit(page, path('Ladestation für E-Bikes'));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ladestation für E-Bikes');
		await expect(page.getByText('Viele Ausflügler kommen mit dem E-Bike.')).toBeVisible();
		await expect(page.getByText(/^Punkt bei 50\.\d+° N, 7\.\d+° O auf der Karte$/)).toBeVisible();
		await expect(page.getByRole('link', { name: /Zurück zur Karte/ })).toHaveAttribute(
			'href',
			/\/karte\?hinweis=[0-9a-f-]{36}$/
		);
		await page.getByRole('link', { name: 'Anmelden', exact: true }).last().click();
		await expect(page).toHaveURL(/\/anmelden\?weiter=%2Fbeteiligung%2F/);
		await expectAccessible(page);
		await submitLogin(page, DEMO_RESIDENT, 'Demo-Hennef-2026!');
		await expect(page).toHaveURL(new RegExp(`${path('Ladestation für E-Bikes')}$`));
		await expectAccessible(page);
	});

	test('a resident replies (as text, not HTML) and supports once; the second time is refused', async ({
		page,
		context
	}) => {
		await logIn(page, DEMO_RESIDENT);
		const target = path('Ladestation für E-Bikes');
		await visit(page, target);
		await expect(page.getByText('1 Personen unterstützen diesen Hinweis.')).toBeVisible();
		// A second tab that still offers "Unterstützen" after the first has used it.
		const stale = await context.newPage();
		await visit(stale, target);

		// An empty reply (past the browser's own check) is refused with a message, nothing stored.
		await skipBrowserValidation(page);
		await page.getByLabel('Ihre Antwort').fill('   ');
		expect(
			await submitStatus(page, () =>
				page.getByRole('button', { name: 'Antwort veröffentlichen' }).click()
			)
		).toBe(400);
		await expect(page.getByRole('alert')).toBeVisible();
		await expect(page.getByLabel('Ihre Antwort')).toHaveAttribute('aria-invalid', 'true');
		await expectAccessible(page);

		await page.getByLabel('Ihre Antwort').fill('<b>Gute Idee</b>\nAm besten mit Dach.');
		expect(
			await submitStatus(page, () =>
				page.getByRole('button', { name: 'Antwort veröffentlichen' }).click()
			)
		).toBe(200);
		await expect(page.getByRole('status')).toHaveText('Ihre Antwort ist veröffentlicht.');
		await expect(page.locator('.replies li').last()).toContainText('Bürgerin Demo');
		await expect(page.locator('.replies li').last()).toContainText('<b>Gute Idee</b>');
		await expectAccessible(page);

		// Keyboard only: focus the button and press Enter.
		await page.getByRole('button', { name: 'Unterstützen' }).focus();
		expect(await submitStatus(page, () => page.keyboard.press('Enter'))).toBe(200);
		await expect(page.getByRole('status')).toHaveText('Sie unterstützen diesen Hinweis.');
		await expect(page.getByText('2 Personen unterstützen diesen Hinweis.')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Unterstützung zurückziehen' })).toBeVisible();
		await expectAccessible(page);

		// Residents can neither answer as planners, hide as moderators nor open the queue.
		for (const action of ['answer', 'hide']) {
			const refused = await page.request.post(`${target}?/${action}`, {
				headers: sameOriginForm,
				form: {
					status: 'accepted',
					targetKind: 'comment',
					targetId: target.split('/').pop()!,
					reason: 'x'
				}
			});
			expect(refused.status()).toBe(403);
		}
		await visit(page, '/moderation', 403);

		expect(
			await submitStatus(stale, () => stale.getByRole('button', { name: 'Unterstützen' }).click())
		).toBe(409);
		await expect(stale.getByRole('alert')).toContainText(
			'Sie unterstützen diesen Hinweis bereits.'
		);
		await expect(stale.getByText('2 Personen unterstützen diesen Hinweis.')).toBeVisible();
		await expectAccessible(stale);
	});

	test('another resident reports; a moderator hides the comment with a reason', async ({
		page,
		newContext
	}) => {
		const reporter = await registerVerified(page, 'melderin');
		await logIn(page, reporter.email, reporter.password);
		await visit(page, path('Freies WLAN'));
		// Keyboard only: open the disclosure, write the reason, send.
		await page.getByText('Hinweis melden', { exact: true }).focus();
		await page.keyboard.press('Enter');
		await page.getByLabel('Grund der Meldung').fill('Das ist Werbung für einen Anbieter.');
		await expectAccessible(page);
		await page.getByLabel('Grund der Meldung').press('Tab');
		expect(await submitStatus(page, () => page.keyboard.press('Enter'))).toBe(200);
		await expect(page.getByRole('status')).toContainText('Ihre Meldung ist bei der Moderation');
		await expect(page.getByText('Sie haben diesen Beitrag gemeldet.')).toBeVisible();
		await expectAccessible(page);

		const moderator = await (await newContext()).newPage();
		await logIn(moderator, MODERATOR);
		await moderator.getByRole('link', { name: 'Moderation' }).click();
		await expect(moderator.getByRole('heading', { level: 1 })).toHaveText('Moderation');
		const item = moderator.getByRole('article').filter({ hasText: 'Freies WLAN' });
		await expect(item).toContainText('Das ist Werbung für einen Anbieter.');
		await expect(item).toContainText('Offene Meldungen: 1');
		await expectAccessible(moderator);
		await item.getByText('Hinweis ausblenden').click();
		await item.getByLabel('Grund für das Ausblenden').fill('Werbung ist hier nicht erlaubt.');
		await expectAccessible(moderator);
		expect(
			await submitStatus(moderator, () => item.getByRole('button', { name: 'Ausblenden' }).click())
		).toBe(200);
		await expect(moderator.getByText('Der Beitrag ist ausgeblendet.')).toBeVisible();
		await expect(moderator.getByText('Es gibt keine offenen Meldungen.')).toBeVisible();
		await expectAccessible(moderator);

		// Staff still see it, with the notice; the public gets a 404.
		await visit(moderator, path('Freies WLAN'));
		await expect(
			moderator.getByText(/ist ausgeblendet.*Werbung ist hier nicht erlaubt\./)
		).toBeVisible();
		const anonymous = await (await newContext()).newPage();
		await visit(anonymous, path('Freies WLAN'), 404);
		await visit(page, path('Freies WLAN'), 404);

		// The author (a fictional neighbour) is told why by mail, with a link to the page.
		const link = await mailLink(
			anonymous,
			'nachbarschaft-',
			'Ihr Beitrag wurde ausgeblendet',
			'Werbung ist hier nicht erlaubt.'
		);
		expect(link).toBe(permalinks['Freies WLAN']);
	});

	test('a resident’s reported reply is hidden; the author and the public see the reason', async ({
		page,
		newContext
	}) => {
		const reporter = await registerVerified(page, 'melder');
		await logIn(page, reporter.email, reporter.password);
		await visit(page, path('Ladestation für E-Bikes'));
		const reply = page.locator('.replies li').filter({ hasText: 'Am besten mit Dach.' });
		await reply.getByText('Antwort melden').click();
		await reply.getByLabel('Grund der Meldung').fill('Unsachlich.');
		expect(
			await submitStatus(page, () =>
				reply.getByRole('button', { name: 'Meldung absenden' }).click()
			)
		).toBe(200);
		await expectAccessible(page);

		const moderator = await (await newContext()).newPage();
		await logIn(moderator, MODERATOR);
		await visit(moderator, '/moderation');
		const item = moderator.getByRole('article').filter({ hasText: 'Am besten mit Dach.' });
		await item.getByText('Antwort ausblenden').click();
		await item.getByLabel('Grund für das Ausblenden').fill('Bitte sachlich bleiben.');
		await item.getByRole('button', { name: 'Ausblenden' }).click();
		await expect(moderator.getByText('Der Beitrag ist ausgeblendet.')).toBeVisible();
		await expectAccessible(moderator);

		const author = await (await newContext()).newPage();
		await logIn(author, DEMO_RESIDENT);
		await visit(author, path('Ladestation für E-Bikes'));
		await expect(
			author.getByText('Diese Antwort wurde ausgeblendet: Bitte sachlich bleiben.')
		).toBeVisible();
		const anonymous = await (await newContext()).newPage();
		await visit(anonymous, path('Ladestation für E-Bikes'));
		await expect(
			anonymous.getByText('Diese Antwort wurde ausgeblendet: Bitte sachlich bleiben.')
		).toBeVisible();
		await expect(anonymous.getByText('Am besten mit Dach.')).toHaveCount(0);
	});

	test('a planner answers and sets the status; both show on the public page', async ({
		page,
		newContext
	}) => {
		await logIn(page, PLANNER);
		await visit(page, path('Ladestation für E-Bikes'));
		await page.getByLabel('Status', { exact: true }).selectOption({ label: 'berücksichtigt' });
		await page
			.getByLabel('Öffentliche Antwort')
			.fill('Eine Ladestation kommt an den Fahrradbügeln.\nDer Ort wird im Plan ergänzt.');
		await expectAccessible(page);
		expect(
			await submitStatus(page, () =>
				page.getByRole('button', { name: 'Status und Antwort speichern' }).click()
			)
		).toBe(200);
		await expect(page.getByRole('status')).toHaveText('Status und Antwort sind gespeichert.');
		await expect(page.getByRole('link', { name: 'GeoJSON herunterladen' })).toHaveAttribute(
			'href',
			/\/planung\/verfahren\/[0-9a-f-]{36}\/karte\/export\.geojson$/
		);
		await expectAccessible(page);

		const anonymous = await (await newContext()).newPage();
		await visit(anonymous, path('Ladestation für E-Bikes'));
		await expect(anonymous.locator('.facts .badge')).toHaveText('berücksichtigt');
		const answer = anonymous.getByRole('region', { name: 'Antwort der Planung' });
		await expect(answer).toContainText('Eine Ladestation kommt an den Fahrradbügeln.');
		await expect(answer).toContainText(/Beantwortet am \d/);
	});
});
