import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../testing/factories.ts';
import {
	councilSource,
	startOparlFixture,
	type FixtureServer
} from '../../testing/oparl-fixture-server.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { oparlErrors } from '../../testing/oparl-schemas.ts';
import { oparlList } from './api.ts';
import { isPrivateAddress } from './import-fetch.ts';
import { runImport, startImport, type ImportOptions } from './import.ts';

let app: TestApp;
let clerkId: string;

const options = (over: Partial<ImportOptions['fetch']> = {}, maxPages = 50): ImportOptions => ({
	fetch: {
		timeoutMs: 2000,
		maxBytes: 1024 * 1024,
		maxRedirects: 3,
		allowPrivateHosts: true,
		...over
	},
	maxPages
});

async function importFrom(url: string, opts = options()) {
	const id = await startImport(app.ctx, clerkId, url);
	const result = await runImport(app.ctx, id, opts);
	return result!;
}

const db = () => app.ctx.db;

async function rowsFrom(server: FixtureServer) {
	const like = `${server.base}/%`;
	const count = async (table: 'bodies' | 'persons' | 'meetings' | 'agenda_items' | 'memberships') =>
		Number(
			(
				await db()
					.selectFrom(table)
					.select((eb) => eb.fn.countAll().as('n'))
					.where('oparl_id', 'like', like)
					.executeTakeFirstOrThrow()
			).n
		);
	return {
		bodies: await count('bodies'),
		persons: await count('persons'),
		meetings: await count('meetings'),
		items: await count('agenda_items'),
		memberships: await count('memberships')
	};
}

beforeAll(async () => {
	app = await createTestApp();
	clerkId = (await createUser(app.ctx.db, { roles: ['clerk'] })).id;
});
afterAll(() => app?.close());

describe('OParl import from a fixture server', () => {
	let server: FixtureServer;
	beforeAll(async () => {
		server = await startOparlFixture(councilSource());
	});
	afterAll(() => server.close());

	it('imports a System with paginated lists, skips invalid objects with a warning', async () => {
		const result = await importFrom(`${server.base}/oparl`);
		expect(result.error).toBeNull();
		expect(result.state).toBe('done');
		expect(result.counts).toMatchObject({
			organizations: 2,
			persons: 2,
			memberships: 1,
			legislativeTerms: 1,
			meetings: 2,
			agendaItems: 3,
			papers: 2,
			warnings: 1
		});
		expect(server.requests).toContain('/oparl/meetings?page=2');
		const bodies = await db()
			.selectFrom('bodies')
			.select(['name', 'short_name'])
			.where('oparl_id', 'like', `${server.base}/%`)
			.orderBy('name')
			.execute();
		expect(bodies).toEqual([
			{ name: 'Ausschuss für Umwelt', short_name: 'UA' },
			{ name: 'Rat', short_name: null }
		]);
		const items = await db()
			.selectFrom('agenda_items')
			.select(['number', 'title', 'public'])
			.where('oparl_id', 'like', `${server.base}/%`)
			.orderBy('position')
			.execute();
		expect(items).toEqual([
			{ number: 'Ö 1', title: 'Eröffnung', public: true },
			{ number: 'N 2', title: 'Grundstücksangelegenheit', public: false },
			{ number: 'Ö 3', title: 'Radverkehrskonzept', public: true }
		]);
		const papers = await db()
			.selectFrom('agenda_item_papers')
			.select(['name', 'reference', 'url'])
			.orderBy('name')
			.execute();
		expect(papers).toEqual([
			{ name: 'Einladung', reference: null, url: 'https://ris.example/dokumente/einladung.pdf' },
			{
				name: 'Radverkehrskonzept 2030',
				reference: 'V/2026/0815',
				url: 'https://ris.example/dokumente/v0815.pdf'
			}
		]);
		const meetings = await db()
			.selectFrom('meetings')
			.select(['name', 'state', 'location', 'starts_at'])
			.orderBy('starts_at')
			.execute();
		expect(meetings.map((m) => [m.name, m.state, m.location])).toEqual([
			['12. Sitzung des Rates', 'held', null],
			['Ausschuss für Umwelt', 'scheduled', 'Rathaus, Raum 1.05']
		]);
		expect(meetings[0]!.starts_at.toISOString()).toBe('2026-09-10T15:00:00.000Z');
		const person = await db()
			.selectFrom('persons')
			.selectAll()
			.where('oparl_id', '=', `${server.base}/oparl/person/bernd`)
			.executeTakeFirstOrThrow();
		expect(person).toMatchObject({ name: 'Dr. Bernd Meier', title: 'Dr.', family_name: 'Meier' });
	});

	it('publishes what it imported through our own API, valid against the schemas', async () => {
		const site = {
			origin: 'https://mitreden.example',
			siteName: 'M',
			operatorName: 'S',
			operatorEmail: 'a@b.example'
		};
		const result = await oparlList(db(), site, 'meetings', new URLSearchParams());
		const meetings = (result.body as { data: { agendaItem?: { name?: string }[] }[] }).data;
		expect(meetings).toHaveLength(2);
		for (const meeting of meetings) expect(oparlErrors(meeting)).toEqual([]);
		const names = meetings.flatMap((m) => (m.agendaItem ?? []).map((i) => i.name));
		expect(names).toEqual(['Eröffnung', 'nicht öffentlich', 'Radverkehrskonzept']);
	});

	it('updates on re-import, never duplicates, honours deletions and keeps local fields', async () => {
		const anna = `${server.base}/oparl/person/anna`;
		await db()
			.updateTable('persons')
			.set({ recording_consent: true })
			.where('oparl_id', '=', anna)
			.execute();
		await db()
			.updateTable('agenda_items')
			.set({ chapter_start_ms: 5000 })
			.where('oparl_id', '=', `${server.base}/oparl/agendaitem/1`)
			.execute();
		const before = await rowsFrom(server);
		const unchanged = await db()
			.selectFrom('persons')
			.select('updated_at')
			.where('oparl_id', '=', anna)
			.executeTakeFirstOrThrow();

		const changed = councilSource(true)(server.base);
		for (const [path, json] of Object.entries(changed)) server.set(path, { json });
		const result = await importFrom(`${server.base}/oparl/bodies`);
		// A list URL is neither System nor Body: refused without writing.
		expect(result.state).toBe('failed');
		server.set('/oparl/body/1', {
			json: (changed['/oparl/bodies'] as { data: unknown[] }).data[0]
		});
		const again = await importFrom(`${server.base}/oparl/body/1`);
		expect(again.state).toBe('done');

		expect(await rowsFrom(server)).toEqual(before);
		const rat = await db()
			.selectFrom('bodies')
			.select('name')
			.where('oparl_id', '=', `${server.base}/oparl/organization/rat`)
			.executeTakeFirstOrThrow();
		expect(rat.name).toBe('Rat der Stadt Beispiel');
		const gone = async (table: 'persons' | 'meetings' | 'agenda_items', path: string) =>
			(
				await db()
					.selectFrom(table)
					.select('deleted_at')
					.where('oparl_id', '=', `${server.base}/oparl/${path}`)
					.executeTakeFirstOrThrow()
			).deleted_at;
		expect(await gone('persons', 'person/bernd')).not.toBeNull();
		expect(await gone('meetings', 'meeting/2')).not.toBeNull();
		expect(await gone('agenda_items', 'agendaitem/3')).not.toBeNull();
		expect(await gone('agenda_items', 'agendaitem/1')).toBeNull();
		const item1 = await db()
			.selectFrom('agenda_items')
			.select(['title', 'chapter_start_ms'])
			.where('oparl_id', '=', `${server.base}/oparl/agendaitem/1`)
			.executeTakeFirstOrThrow();
		expect(item1).toEqual({ title: 'Eröffnung und Begrüßung', chapter_start_ms: 5000 });
		const person = await db()
			.selectFrom('persons')
			.select(['recording_consent', 'updated_at'])
			.where('oparl_id', '=', anna)
			.executeTakeFirstOrThrow();
		expect(person.recording_consent).toBe(true);
		// Unchanged objects keep their modification time (our own OParl API's `modified`).
		expect(person.updated_at.getTime()).toBe(unchanged.updated_at.getTime());
		const papers = await db()
			.selectFrom('agenda_item_papers')
			.select(['name', 'deleted_at'])
			.orderBy('name')
			.execute();
		expect(papers.map((p) => [p.name, p.deleted_at === null])).toEqual([
			['Einladung', true],
			['Radverkehrskonzept 2030', true]
		]);
		const audit = await db()
			.selectFrom('audit_log')
			.select('action')
			.where('action', 'like', 'oparl.%')
			.execute();
		expect(audit.filter((a) => a.action === 'oparl.import')).toHaveLength(2);
	});
});

describe('hostile OParl endpoints', () => {
	const cases: [
		string,
		(s: FixtureServer) => void,
		RegExp,
		Partial<ImportOptions['fetch']>?,
		number?
	][] = [
		[
			'timeout',
			(s) => s.set('/oparl/meetings?page=2', { hang: true }),
			/nicht innerhalb von 0\.3 Sekunden/,
			{ timeoutMs: 300 }
		],
		[
			'body that stops midway',
			(s) => s.set('/oparl/persons', { hang: true, partial: '{"data": [' }),
			/nicht innerhalb von 0\.3 Sekunden/,
			{ timeoutMs: 300 }
		],
		[
			'invalid JSON',
			(s) =>
				s.set('/oparl/persons', {
					status: 200,
					headers: { 'content-type': 'application/json' },
					body: '{"data": ['
				}),
			/kein gültiges JSON/
		],
		[
			'not JSON',
			(s) =>
				s.set('/oparl/memberships', {
					status: 200,
					headers: { 'content-type': 'text/html' },
					body: '<html></html>'
				}),
			/kein JSON \(Inhaltstyp „text\/html“\)/
		],
		[
			'huge',
			(s) =>
				s.set('/oparl/terms', {
					status: 200,
					headers: { 'content-type': 'application/json' },
					body: Buffer.alloc(300_000, 32)
				}),
			/größer als 0\.2 MB/,
			{ maxBytes: 200_000 }
		],
		[
			'pagination loop',
			(s) =>
				s.set('/oparl/persons?page=2', {
					json: { data: [], links: { next: `${s.base}/oparl/persons` } }
				}),
			/verweisen im Kreis/
		],
		['page cap', () => {}, /mehr als 1 Seiten/, {}, 1],
		[
			'non-http next link',
			(s) =>
				s.set('/oparl/persons?page=2', {
					json: { data: [], links: { next: 'file:///etc/passwd' } }
				}),
			/Nur http- und https-Adressen/
		],
		[
			'redirect loop',
			(s) => {
				s.set('/oparl/papers', { status: 302, headers: { location: '/oparl/papers-a' } });
				s.set('/oparl/papers-a', { status: 301, headers: { location: '/oparl/papers' } });
			},
			/Zu viele Weiterleitungen/
		],
		['server error', (s) => s.set('/oparl/meetings', { status: 500 }), /HTTP-Status 500/],
		[
			'not OParl',
			(s) => s.set('/oparl', { json: { hello: 'world' } }),
			/weder ein OParl-System noch/
		],
		['private host', () => {}, /internen Netz/, { allowPrivateHosts: false }]
	];

	for (const [name, spoil, message, limits, maxPages] of cases) {
		it(`${name}: fails with a clear message and writes nothing`, async () => {
			const server = await startOparlFixture(councilSource());
			try {
				spoil(server);
				const result = await importFrom(`${server.base}/oparl`, options(limits, maxPages));
				expect(result.state).toBe('failed');
				expect(result.error).toMatch(message);
				expect(result.error).toMatch(/Es wurde nichts übernommen/);
				expect(await rowsFrom(server)).toEqual({
					bodies: 0,
					persons: 0,
					meetings: 0,
					items: 0,
					memberships: 0
				});
			} finally {
				await server.close();
			}
		});
	}

	it('refuses non-http start addresses and names that resolve to private networks', async () => {
		expect((await importFrom('ftp://ris.example/oparl')).error).toMatch(
			/Nur http- und https-Adressen/
		);
		expect(
			(await importFrom('http://localhost:1/oparl', options({ allowPrivateHosts: false }))).error
		).toMatch(/internen Netz/);
	});

	it('knows private, loopback and link-local addresses', () => {
		for (const a of [
			'127.0.0.1',
			'10.1.2.3',
			'172.16.0.1',
			'192.168.1.1',
			'169.254.169.254',
			'::1',
			'fe80::1',
			'fd00::1',
			'::ffff:127.0.0.1',
			'0.0.0.0',
			'100.64.0.1'
		]) {
			expect(isPrivateAddress(a), a).toBe(true);
		}
		for (const a of ['93.184.216.34', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8']) {
			expect(isPrivateAddress(a), a).toBe(false);
		}
	});

	it('queues the job for the worker', async () => {
		const id = await startImport(app.ctx, clerkId, 'https://ris.example/oparl');
		const jobs = await app.boss.fetch('oparl-import', { batchSize: 100 });
		expect(jobs.map((j) => j.data)).toContainEqual({ importId: id });
	});
});
