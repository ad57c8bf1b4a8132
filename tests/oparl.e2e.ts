import {
	councilSource,
	startOparlFixture
} from '../src/lib/server/testing/oparl-fixture-server.ts';
import { oparlErrors } from '../src/lib/server/testing/oparl-schemas.ts';
import {
	DEMO_RESIDENT,
	expect,
	expectAccessible,
	logIn,
	skipBrowserValidation,
	submitStatus,
	test,
	visit
} from './fixtures.ts';

const CLERK = 'sitzungsdienst@demo.mitreden.example';

test('the OParl API answers JSON for other tools', async ({ request }) => {
	const system = await request.get('/oparl/v1');
	expect(system.status()).toBe(200);
	expect(system.headers()['content-type']).toBe('application/json; charset=utf-8');
	expect(system.headers()['access-control-allow-origin']).toBe('*');
	const body = await system.json();
	expect(body).toMatchObject({
		type: 'https://schema.oparl.org/1.1/System',
		oparlVersion: 'https://schema.oparl.org/1.1/'
	});
	const bodies = await (await request.get(body.body)).json();
	const town = bodies.data[0];
	expect(town.type).toBe('https://schema.oparl.org/1.1/Body');
	// Whatever the demo data holds, every object of every list validates.
	const lists = [
		'organization',
		'person',
		'meeting',
		'agendaItem',
		'file',
		'membership',
		'locationList',
		'legislativeTermList'
	];
	for (const key of lists) {
		let next: string | undefined = town[key];
		while (next) {
			const page = await (await request.get(next)).json();
			for (const object of page.data) expect(oparlErrors(object), object.id).toEqual([]);
			next = page.links.next;
		}
	}
	expect((await request.get('/oparl/v1/meetings?created_since=gestern')).status()).toBe(400);
});

test('a clerk imports from an OParl endpoint and sees errors for bad addresses', async ({
	page
}) => {
	await logIn(page, CLERK);
	await visit(page, '/sitzungsdienst/import');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Import aus dem Ratsinformationssystem'
	);
	await expect(page.getByText('Es gab noch keinen Import.')).toBeVisible();

	await skipBrowserValidation(page);
	await page
		.getByLabel('Adresse des OParl-Systems oder der Körperschaft')
		.fill('ris.example/oparl');
	expect(
		await submitStatus(page, () => page.getByRole('button', { name: 'Import starten' }).click())
	).toBe(400);
	await expect(page.getByRole('alert')).toContainText('mit http:// oder https:// beginnt');
	await expectAccessible(page);

	// A council information system on this machine (OPARL_ALLOW_PRIVATE_HOSTS is on outside production).
	const server = await startOparlFixture(councilSource());
	try {
		await page
			.getByLabel('Adresse des OParl-Systems oder der Körperschaft')
			.fill(`${server.base}/oparl`);
		await page.getByRole('button', { name: 'Import starten' }).click();
		await expect(page.getByRole('status')).toContainText('Der Import wurde gestartet');
		await expectAccessible(page);
		const row = page.getByRole('row').filter({ hasText: server.base });
		await expect
			.poll(
				async () => {
					await page.reload();
					return row.textContent();
				},
				{ message: 'import finished', timeout: 30_000 }
			)
			.toContain('abgeschlossen');
		await expect(row).toContainText('2 Gremien');
		await expect(row).toContainText('1 übersprungen (ungültig)');
		await expectAccessible(page);
	} finally {
		await server.close();
	}

	const organizations = await (await page.request.get('/oparl/v1/organizations')).json();
	expect(organizations.data.map((o: { name?: string }) => o.name)).toContain(
		'Ausschuss für Umwelt'
	);
});

test('residents cannot open the import page', async ({ page }) => {
	await logIn(page, DEMO_RESIDENT);
	await visit(page, '/sitzungsdienst/import', 403);
	await expect(page.getByRole('button', { name: 'Import starten' })).toHaveCount(0);
});
