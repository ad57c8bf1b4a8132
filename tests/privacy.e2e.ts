import { DEMO_RESIDENT, E2E_ORIGIN, expect, logIn, test, visit } from './fixtures.ts';

test('nothing leaves localhost, and the only cookie is the session cookie after login', async ({
	page,
	context
}) => {
	const requests: string[] = [];
	page.on('request', (request) => requests.push(request.url()));

	await visit(page, '/');
	expect(requests.length, 'the page, its scripts and styles').toBeGreaterThan(2);
	expect(requests.filter((url) => !url.startsWith(`${E2E_ORIGIN}/`))).toEqual([]);
	expect(await context.cookies(), 'no cookie before login').toEqual([]);

	const before = requests.length;
	await logIn(page, DEMO_RESIDENT);
	await visit(page, '/konto');
	expect(requests.length).toBeGreaterThan(before);
	expect(requests.filter((url) => !url.startsWith(`${E2E_ORIGIN}/`))).toEqual([]);

	const cookies = await context.cookies();
	expect(cookies).toHaveLength(1);
	expect(cookies[0]).toMatchObject({
		name: 'mitreden_session',
		domain: 'localhost',
		path: '/',
		httpOnly: true,
		sameSite: 'Lax'
	});
	expect(cookies[0]!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
	// Persistent until the session's idle timeout (7 days), not forever.
	const days = (cookies[0]!.expires - Date.now() / 1000) / 86_400;
	expect(days).toBeGreaterThan(6.9);
	expect(days).toBeLessThanOrEqual(7);
	expect(await page.evaluate(() => document.cookie), 'invisible to scripts').toBe('');
});
