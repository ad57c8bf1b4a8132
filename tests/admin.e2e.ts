import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import {
	DEMO_ADMIN,
	DEMO_PASSWORD,
	DEMO_RESIDENT,
	E2E_ORIGIN,
	expect,
	expectAccessible,
	logIn,
	logOut,
	mailLink,
	register,
	sameOriginForm,
	submitLogin,
	test,
	uniqueEmail,
	visit
} from './fixtures.ts';

const FORBIDDEN = 'Sie haben keine Berechtigung für diese Seite oder Aktion.';

/** The admin's way to an account: search by email, open it; returns the account's id. */
async function openAccount(page: Page, email: string): Promise<string> {
	await visit(page, `/admin/benutzer?q=${encodeURIComponent(email)}`);
	await expect(page.getByText('1 Konten')).toBeVisible();
	await page.getByRole('link', { name: email }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Konto: ${email}`);
	await expectAccessible(page);
	return new URL(page.url()).pathname.split('/').pop()!;
}

test('an anonymous visitor on /admin is sent to the login and back', async ({ page }) => {
	const response = await page.goto('/admin');
	expect(response?.status()).toBe(200);
	await expect(page).toHaveURL('/anmelden?weiter=%2Fadmin');
	await expect(page.getByRole('status')).toHaveText('Bitte melden Sie sich an, um fortzufahren.');
	await expectAccessible(page);
	await submitLogin(page, DEMO_ADMIN, DEMO_PASSWORD);
	await expect(page).toHaveURL('/admin');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verwaltung');
	await expectAccessible(page);
});

test('a resident gets 403 on the admin pages and on every admin form action', async ({ page }) => {
	// A real target, so a missing role check would show as a successful change, not a 404.
	await logIn(page, DEMO_ADMIN);
	const residentId = await openAccount(page, DEMO_RESIDENT);
	await logOut(page);

	await logIn(page, DEMO_RESIDENT);
	await expect(page.getByRole('link', { name: 'Verwaltung' })).toHaveCount(0);
	for (const path of ['/admin', '/admin/benutzer', `/admin/benutzer/${residentId}`]) {
		await visit(page, path, 403);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fehler 403');
		await expect(page.getByRole('main')).toContainText(FORBIDDEN);
	}

	const actions: [string, string][] = [
		[`/admin/benutzer/${residentId}?/roles`, 'roles=admin'],
		[`/admin/benutzer/${residentId}?/disable`, ''],
		[`/admin/benutzer/${residentId}?/enable`, ''],
		['/admin/auftraege?/retry', `id=${randomUUID()}`],
		['/admin/rueckmeldungen?/handled', 'id=1']
	];
	for (const [path, body] of actions) {
		const response = await page.request.post(path, { headers: sameOriginForm, data: body });
		expect(response.status(), `POST ${path}`).toBe(403);
		expect(await response.text()).toContain(FORBIDDEN);
	}
	// Still a resident: the forged role change did not happen.
	await visit(page, '/konto');
	await expect(page.getByRole('main')).toContainText('Bürger*in');
	await expect(page.getByRole('main')).not.toContainText('Administration');
});

test('the admin gives an account the planner role, and the audit log records it', async ({
	page
}) => {
	const email = uniqueEmail('planner');
	await register(page, { email });

	await logIn(page, DEMO_ADMIN);
	await visit(page, '/admin');
	await page.getByRole('link', { name: 'Benutzerkonten' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Benutzerkonten');
	await expectAccessible(page);
	await openAccount(page, email);
	await page.getByRole('checkbox', { name: 'Planung (Fachamt)' }).check();
	await page.getByRole('button', { name: 'Rollen speichern' }).click();
	await expect(page.getByRole('status')).toHaveText('Rollen gespeichert.');
	await expect(page.getByRole('checkbox', { name: 'Planung (Fachamt)' })).toBeChecked();
	await expectAccessible(page);

	await visit(page, '/admin/protokoll');
	const entry = page
		.getByRole('row')
		.filter({ hasText: 'user.roles_changed' })
		.filter({ hasText: email });
	await expect(entry).toHaveCount(1);
	await expect(entry).toContainText(DEMO_ADMIN);
	await expect(entry).toContainText('"added":["planner"]');
});

test('accessibility feedback reaches the admins', async ({ page }) => {
	const marker = `Kontrast im Kalender zu schwach ${randomBytes(4).toString('hex')}`;
	await visit(page, '/');
	await page
		.getByRole('navigation', { name: 'Rechtliches und Barrierefreiheit' })
		.getByRole('link', { name: 'Barrierefreiheit' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Erklärung zur Barrierefreiheit'
	);
	await expectAccessible(page);
	await page.getByLabel('Ihre Nachricht').fill(marker);
	await page.getByLabel('Betroffene Seite (freiwillig)').fill(`${E2E_ORIGIN}/`);
	await page.getByRole('button', { name: 'Meldung senden' }).click();
	await expect(page.getByRole('status')).toHaveText('Danke! Ihre Meldung ist bei uns eingegangen.');
	await expectAccessible(page);

	await mailLink(page, DEMO_ADMIN, 'Neue Rückmeldung zur Barrierefreiheit', marker);
	await logIn(page, DEMO_ADMIN);
	await visit(page, '/admin/rueckmeldungen');
	const item = page.getByRole('listitem').filter({ hasText: marker });
	await expect(item).toHaveCount(1);
	await item.getByRole('button', { name: 'Als erledigt markieren' }).click();
	await expect(item.getByText('erledigt', { exact: true })).toBeVisible();
	await expectAccessible(page);
});
