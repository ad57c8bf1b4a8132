import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/index.ts';
import { createTestDatabase } from '../../testing/test-app.ts';
import { oparlErrors } from '../../testing/oparl-schemas.ts';
import * as f from '../../testing/oparl-factories.ts';
import { oparlFileAccess, oparlList, oparlObject, oparlSystem, type OparlResult } from './api.ts';
import type { OparlSite } from './api-urls.ts';

const site: OparlSite = {
	origin: 'https://mitreden.example',
	siteName: 'Mitreden Teststadt',
	operatorName: 'Stadt Teststadt',
	operatorEmail: 'rathaus@teststadt.example'
};
const API = `${site.origin}/oparl/v1`;
const START = new Date('2026-10-01T16:05:00.000Z');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let database: Database;
const ids: Record<string, string> = {};

/** GET through the same functions the routes call, by absolute URL. */
async function get(url: string): Promise<OparlResult> {
	const u = new URL(url);
	const [list, id] = u.pathname
		.replace(/^\/oparl\/v1\/?/, '')
		.split('/')
		.filter(Boolean);
	if (!list) return oparlSystem(database.db, site);
	if (id) return oparlObject(database.db, site, list, id);
	return oparlList(database.db, site, list, u.searchParams);
}

async function getOk(url: string): Promise<Json> {
	const result = await get(url);
	expect(result.status, url).toBe(200);
	return JSON.parse(JSON.stringify(result.body));
}

/** Every page of a list, following links.next, with the pagination checked on the way. */
async function walk(listUrl: string): Promise<Json[]> {
	const objects: Json[] = [];
	const seen = new Set<string>();
	let url: string | undefined = listUrl;
	let first: Json | undefined;
	while (url) {
		expect(seen.has(url), `pagination loops at ${url}`).toBe(false);
		seen.add(url);
		const page = await getOk(url);
		first ??= page;
		expect(page.pagination.currentPage).toBe(seen.size);
		expect(page.links.self).toBe(url);
		expect(page.links.first).toBeTruthy();
		expect(page.links.last).toBeTruthy();
		if (seen.size > 1) expect(page.links.prev).toBeTruthy();
		objects.push(...page.data);
		url = page.links.next;
		if (url) expect(page.data.length).toBe(page.pagination.elementsPerPage);
	}
	expect(objects).toHaveLength(first!.pagination.totalElements);
	expect(seen.size).toBe(first!.pagination.totalPages);
	return objects;
}

/** Schema plus the specification's own rules for every object, embedded ones included. */
function expectValid(object: Json): void {
	expect(oparlErrors(object), object.id).toEqual([]);
	expect(object.created, `created of ${object.id}`).toBeTruthy();
	expect(object.modified, `modified of ${object.id}`).toBeTruthy();
	expect(Date.parse(object.modified)).toBeGreaterThanOrEqual(Date.parse(object.created));
	for (const key of ['agendaItem', 'auxiliaryFile', 'legislativeTerm', 'membership']) {
		if (Array.isArray(object[key])) {
			for (const inner of object[key]) if (typeof inner === 'object') expectValid(inner);
		}
	}
	if (object.location && typeof object.location === 'object') expectValid(object.location);
}

beforeAll(async () => {
	database = await createTestDatabase();
	const db = database.db;
	ids.council = (await f.createBody(db, { name: 'Rat der Stadt' })).id;
	ids.goneBody = (await f.createBody(db, { name: 'Aufgelöster Ausschuss', deleted: true })).id;
	ids.term = (await f.createTerm(db, { name: 'Wahlperiode 2025–2030' })).id;
	await f.createTerm(db, { name: 'Falsch angelegt', deleted: true });
	ids.person = (await f.createPerson(db, { name: 'Erika Musterfrau' })).id;
	ids.gonePerson = (await f.createPerson(db, { name: 'Max Mustermann', deleted: true })).id;
	ids.membership = (await f.createMembership(db, ids.person, ids.council)).id;
	ids.meeting = (await f.createMeeting(db, ids.council, { name: '12. Sitzung des Rates' })).id;
	const item = (n: number, title: string, extra: object = {}) =>
		f.createAgendaItem(db, ids.meeting!, { number: `TOP ${n}`, title, position: n, ...extra });
	ids.item1 = (await item(1, 'Eröffnung', { chapterStartMs: 0 })).id;
	ids.secret = (
		await item(2, 'Grundstücksangelegenheit Müller', { public: false, chapterStartMs: 60_000 })
	).id;
	ids.item3 = (await item(3, 'Radverkehrskonzept', { chapterStartMs: 120_000 })).id;
	ids.goneItem = (await item(4, 'Zurückgezogen', { deleted: true })).id;
	ids.paper = (
		await f.createPaper(db, ids.item1, {
			name: 'Vorlage V/2026/1',
			url: 'https://ris.example/v1.pdf'
		})
	).id;
	const pdf = await db
		.insertInto('files')
		.values({
			storage_key: 'files/x',
			mime_type: 'application/pdf',
			size_bytes: 12345,
			sha256: 'ab',
			original_name: 'Haushalt 2027.pdf'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	ids.pdf = pdf.id;
	ids.pdfPaper = (await f.createPaper(db, ids.item3, { name: 'Haushaltsplan', fileId: pdf.id })).id;
	ids.secretPaper = (
		await f.createPaper(db, ids.secret, { name: 'Kaufvertrag', url: 'https://ris.example/k.pdf' })
	).id;
	ids.gonePaper = (
		await f.createPaper(db, ids.item3, {
			name: 'Alt',
			url: 'https://ris.example/a.pdf',
			deleted: true
		})
	).id;
	ids.recording = (
		await f.createRecording(db, ids.meeting, {
			startedAt: START,
			durationMs: 180_000,
			outputPrefix: 'recordings/x/1'
		})
	).id;
	ids.goneMeeting = (
		await f.createMeeting(db, ids.council, { name: 'Abgesagt', deleted: true })
	).id;
	ids.offline = (
		await f.createMeeting(db, ids.council, { name: 'Ausschuss ohne Archiv', location: null })
	).id;
	ids.offlineItem = (
		await f.createAgendaItem(db, ids.offline, {
			number: 'TOP 1',
			title: 'Bericht',
			position: 1,
			chapterStartMs: 1000
		})
	).id;
	await f.createRecording(db, ids.offline, {
		startedAt: START,
		durationMs: 10_000,
		outputPrefix: null
	});
});

afterAll(() => database?.close());

describe('OParl 1.1 API', () => {
	it('every object in every list and at its own address validates and follows the text rules', async () => {
		const system = await getOk(API);
		expectValid(system);
		expect(system.oparlVersion).toBe('https://schema.oparl.org/1.1/');
		expect(system.name).toBe(site.siteName);
		const bodies = await walk(system.body);
		expect(bodies).toHaveLength(1);
		const body = bodies[0]!;
		expectValid(body);
		expect(body.name).toBe(site.operatorName);
		const lists = [
			'organization',
			'person',
			'meeting',
			'paper',
			'agendaItem',
			'consultation',
			'file',
			'membership',
			'locationList',
			'legislativeTermList'
		];
		let count = 0;
		for (const key of lists) {
			expect(body[key], `Body.${key}`).toMatch(/^https:\/\//);
			// Two per page, so every list with data has several pages.
			for (const object of await walk(`${body[key]}?elementsPerPage=2`)) {
				expectValid(object);
				expect(await getOk(object.id)).toEqual(object);
				count++;
			}
		}
		expect(count).toBeGreaterThan(15);
		expect(await getOk(body.id)).toEqual(body);
	});

	it('keeps deleted objects in the lists with deleted: true and nothing else', async () => {
		const orgs = await walk(`${API}/organizations`);
		const gone = orgs.find((o) => o.id.endsWith(ids.goneBody!))!;
		expect(gone).toMatchObject({ deleted: true });
		expect(Object.keys(gone).sort()).toEqual(['created', 'deleted', 'id', 'modified', 'type']);
		const persons = await walk(`${API}/persons`);
		expect(persons.find((p) => p.id.endsWith(ids.person!))!.membership).toEqual([
			expect.objectContaining({
				id: `${API}/memberships/${ids.membership}`,
				organization: `${API}/organizations/${ids.council}`,
				role: 'Mitglied'
			})
		]);
		expect(persons.find((p) => p.id.endsWith(ids.gonePerson!))).toMatchObject({ deleted: true });
		const meeting = await getOk(`${API}/meetings/${ids.goneMeeting}`);
		expect(meeting.deleted).toBe(true);
		expect(meeting.name).toBeUndefined();
		const item = await getOk(`${API}/agenda-items/${ids.goneItem}`);
		expect(item).toMatchObject({ deleted: true, order: 4 });
		const paper = await getOk(`${API}/files/${ids.gonePaper}`);
		expect(paper.deleted).toBe(true);
		expect(await oparlFileAccess(database.db, site, ids.gonePaper!)).toEqual({ status: 410 });
		expect(await oparlFileAccess(database.db, site, ids.paper!)).toEqual({
			status: 302,
			location: 'https://ris.example/v1.pdf'
		});
	});

	it('publishes the recording as a File and chapters as wall-clock start and end', async () => {
		const meeting = await getOk(`${API}/meetings/${ids.meeting}`);
		expect(meeting.auxiliaryFile).toEqual([
			expect.objectContaining({
				id: `${API}/files/${ids.recording}`,
				mimeType: 'application/vnd.apple.mpegurl',
				accessUrl: `${site.origin}/medien/aufzeichnungen/${ids.recording}/master.m3u8`,
				externalServiceUrl: `${site.origin}/sitzungen/${ids.meeting}`
			})
		]);
		const items = meeting.agendaItem as Json[];
		expect(items.map((i) => i.number)).toEqual(['TOP 1', 'TOP 2', 'TOP 3']);
		expect(items[0]).toMatchObject({
			start: '2026-10-01T16:05:00.000Z',
			end: '2026-10-01T16:06:00.000Z',
			name: 'Eröffnung'
		});
		expect(items[2]).toMatchObject({
			start: '2026-10-01T16:07:00.000Z',
			end: '2026-10-01T16:08:00.000Z'
		});
		expect(items[0]!.auxiliaryFile).toEqual([
			expect.objectContaining({ accessUrl: 'https://ris.example/v1.pdf', name: 'Vorlage V/2026/1' })
		]);
		expect(items[2]!.auxiliaryFile).toEqual([
			expect.objectContaining({
				id: `${API}/files/${ids.pdfPaper}`,
				name: 'Haushaltsplan',
				fileName: 'Haushalt 2027.pdf',
				mimeType: 'application/pdf',
				size: 12345,
				accessUrl: `${site.origin}/dateien/${ids.pdf}`
			})
		]);
		const offline = await getOk(`${API}/meetings/${ids.offline}`);
		expect(offline.auxiliaryFile).toBeUndefined();
		expect(offline.agendaItem[0].start).toBeUndefined();
	});

	it('shows a non-public item only as number and "nicht öffentlich", never its papers', async () => {
		const item = await getOk(`${API}/agenda-items/${ids.secret}`);
		expect(item).toMatchObject({
			number: 'TOP 2',
			order: 2,
			public: false,
			name: 'nicht öffentlich'
		});
		for (const key of ['auxiliaryFile', 'start', 'end', 'result', 'resolutionText'])
			expect(item[key]).toBeUndefined();
		expect(JSON.stringify(await getOk(`${API}/meetings/${ids.meeting}`))).not.toContain('Müller');
		expect((await get(`${API}/files/${ids.secretPaper}`)).status).toBe(404);
		const files = await walk(`${API}/files`);
		expect(JSON.stringify(files)).not.toContain('Kaufvertrag');
	});

	it('filters by created and modified time and keeps the filter in the page links', async () => {
		const future = encodeURIComponent('2999-01-01T00:00:00+01:00');
		expect((await getOk(`${API}/persons?modified_since=${future}`)).data).toEqual([]);
		expect((await getOk(`${API}/bodies?modified_since=${future}`)).data).toEqual([]);
		expect((await getOk(`${API}/bodies?modified_until=${future}`)).data).toHaveLength(1);
		const all = await getOk(`${API}/meetings?created_until=${future}&elementsPerPage=1`);
		expect(all.data).toHaveLength(1);
		expect(all.pagination.totalElements).toBe(3);
		expect(new URL(all.links.next).searchParams.get('created_until')).toBe(
			'2998-12-31T23:00:00.000Z'
		);
		// An unencoded plus arrives as a space and is still understood.
		expect((await get(`${API}/persons?modified_until=2999-01-01T00:00:00 01:00`)).status).toBe(200);
	});

	it('answers bad filters with 400 and unknown objects with 404', async () => {
		for (const query of [
			'created_since=gestern',
			'modified_until=2026-01-01',
			'page=0',
			'limit=-1'
		]) {
			const result = await get(`${API}/meetings?${query}`);
			expect(result.status, query).toBe(400);
			expect((result.body as Json).message).toBeTruthy();
		}
		expect((await get(`${API}/meetings/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
		expect((await get(`${API}/meetings/kein-uuid`)).status).toBe(404);
		expect((await get(`${API}/gibtsnicht`)).status).toBe(404);
		expect((await get(`${API}/bodies/2`)).status).toBe(404);
	});
});
