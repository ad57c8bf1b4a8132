import type { Page } from '@playwright/test';
import { CLERK, createLiveMeeting, openConsole, pressShortcut } from './live.ts';
import { expect, expectAccessible, logIn, submitStatus, test, visit } from './fixtures.ts';

// The public meeting page while a meeting is streamed (issue #6). Without an encoder there is
// no picture: the player says it waits for one, and the state around it must still be right.
// The lead's end-to-end test adds real ffmpeg and playback.

// Node closes an idle keep-alive socket after 5 s; a request reusing it at that instant fails
// with ECONNRESET (seen here once). These checks are seconds apart, so each gets its own socket.
const fresh = { headers: { connection: 'close' } };

async function press(clerk: Page, key: string): Promise<void> {
	expect(await submitStatus(clerk, () => pressShortcut(clerk, key))).toBe(200);
}

test('residents see the waiting screen, the live state with the current item, the non-public notice and the end', async ({
	page: clerk,
	newContext,
	request
}) => {
	test.setTimeout(180_000);
	await logIn(clerk, CLERK);
	const meeting = await createLiveMeeting(clerk);
	const publicPath = `/sitzungen/${meeting.id}`;
	const statusPath = `${publicPath}/live.json`;

	// Without a live stream the page is the plain meeting page and the status does not exist.
	expect((await request.get(statusPath, fresh)).status()).toBe(404);
	await openConsole(clerk, meeting.id);

	const resident = await (await newContext()).newPage();
	await visit(resident, publicPath);
	const live = resident.locator('section.live');
	await expect(live).toContainText('Die Übertragung beginnt, sobald die Sitzung eröffnet ist.');
	await expect(live).toContainText('Geplanter Beginn:');
	await expect(resident.getByText('LIVE', { exact: true })).toHaveCount(0);

	// The status for the page's poll: no personal data, never cached, a token must be a uuid.
	const bad = await request.get(`${statusPath}?v=nicht-zufaellig`, fresh);
	expect(bad.status()).toBe(400);
	const waiting = await request.get(`${statusPath}?v=${crypto.randomUUID()}`, fresh);
	expect(waiting.headers()['cache-control']).toBe('no-store');
	expect(await waiting.json()).toEqual({
		phase: 'waiting',
		nonPublic: false,
		current: null,
		viewers: 0
	});

	await clerk.getByRole('button', { name: 'Sitzung beginnen' }).click();
	await expect(clerk.locator('.state-panel .state')).toHaveText(/^ÖFFENTLICH/);
	await press(clerk, 'n');

	// The page's own poll (every 5 s) brings the live state and the player.
	await expect(live.locator('.badge')).toHaveText('LIVE', { timeout: 15_000 });
	await expect(live).toContainText('Die Sitzung wird gerade live übertragen.');
	await expect(live.locator('.current')).toContainText(`TOP 1 ${meeting.titles[0]}`);
	await expect(live).toContainText('Warten auf Bild …');
	await expect(live.getByLabel('Live-Übertragung der Sitzung')).toBeVisible();
	await expect(resident.locator('.agenda-item[aria-current="true"]')).toContainText(
		meeting.titles[0]
	);
	// This page view counts as one viewer.
	await expect(live.locator('.viewers')).toHaveText(/Zuschauer: etwa [1-9]/, { timeout: 15_000 });
	await expectAccessible(resident);

	// A non-public item: the notice, never its title.
	await press(clerk, '2');
	await expect(live).toContainText(
		'Nichtöffentlicher Teil – die Übertragung wird danach fortgesetzt.',
		{ timeout: 15_000 }
	);
	await expect(live.locator('.current')).toHaveCount(0);
	await expect(resident.locator('.agenda-item[aria-current="true"]')).toHaveCount(0);
	expect(await resident.content()).not.toContain(meeting.titles[1]);
	const secret = await request.get(statusPath, fresh);
	expect(await secret.text()).not.toContain(meeting.titles[1]);
	expect(await secret.json()).toMatchObject({ phase: 'live', nonPublic: true, current: null });
	await expectAccessible(resident);

	// Back to a public item, then non-public by hand.
	await press(clerk, '3');
	await expect(live.locator('.current')).toContainText(meeting.titles[2], { timeout: 15_000 });
	await press(clerk, 'ö');
	await expect(live).toContainText('Nichtöffentlicher Teil', { timeout: 15_000 });
	await press(clerk, 'o');
	await expect(live.locator('.current')).toContainText(meeting.titles[2], { timeout: 15_000 });

	// A fresh visit during the broadcast shows the live state at once.
	await visit(resident, publicPath);
	await expect(live.locator('.badge')).toHaveText('LIVE');

	await clerk.getByLabel(/^Ja, die Sitzung beenden/).check();
	await clerk.getByRole('button', { name: 'Sitzung beenden' }).click();
	await expect(clerk.locator('.state-panel .state')).toHaveText('Die Sitzung ist beendet.');
	await expect(live).toContainText('Die Übertragung ist beendet.', { timeout: 15_000 });
	await expect(live.locator('.badge')).toHaveCount(0);
	await expect(live.locator('video')).toHaveCount(0);
	await expectAccessible(resident);
	await expectAccessible(clerk);
});
