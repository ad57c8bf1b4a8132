import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import { insertFile } from '../media/files.repository.ts';
import {
	fileAudience,
	findConsultationById,
	findConsultationBySlug,
	insertConsultation,
	isSlugTaken,
	listAllConsultations,
	listPublicTopics,
	searchConsultations,
	setConsultationCover,
	updateConsultationBasics
} from './consultations.repository.ts';
import { insertDocument, listDocuments } from './documents.repository.ts';
import { insertFeedback, listFeedback } from './feedback.repository.ts';
import { listPhases, replacePhases } from './phases.repository.ts';
import { addDays, currentStage } from './phases.ts';
import { createTestConsultation } from './test-consultation.ts';

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

const TODAY = '2026-06-15';
const search = (s: Partial<Parameters<typeof searchConsultations>[1]> = {}) =>
	searchConsultations(database.db, { today: TODAY, limit: 20, offset: 0, ...s });

const basics = {
	title: 'Spielplatz Weldergoven',
	slug: 'spielplatz-weldergoven',
	summary: 'Neue Spielgeräte',
	bodyMd: 'Text',
	bodyHtml: '<p>Text</p>',
	office: 'Jugendamt',
	contactName: 'A. Beispiel',
	contactEmail: 'a@hennef.de',
	contactPhone: '02242 888-0',
	topics: ['Spielen', 'Familie'],
	location: { type: 'Point' as const, coordinates: [7.3, 50.8] as [number, number] }
};

describe('consultation rows', () => {
	it('stores and reads back every field, including topics and GeoJSON', async () => {
		const id = await insertConsultation(database.db, basics, null);
		const found = await findConsultationById(database.db, id);
		expect(found).toMatchObject({
			...basics,
			status: 'draft',
			publishedAt: null,
			coverFileId: null
		});
		expect((await findConsultationBySlug(database.db, basics.slug))?.id).toBe(id);

		await updateConsultationBasics(database.db, id, {
			...basics,
			title: 'Spielplatz Weldergoven (neu)',
			topics: [],
			location: null
		});
		const updated = await findConsultationById(database.db, id);
		expect(updated).toMatchObject({
			title: 'Spielplatz Weldergoven (neu)',
			topics: [],
			location: null
		});
	});

	it('keeps addresses unique, in the check and in the database itself', async () => {
		const id = await createTestConsultation(database.db, { slug: 'einmalig' });
		expect(await isSlugTaken(database.db, 'einmalig')).toBe(true);
		expect(await isSlugTaken(database.db, 'einmalig', id)).toBe(false);
		await expect(createTestConsultation(database.db, { slug: 'einmalig' })).rejects.toMatchObject({
			code: '23505'
		});
	});

	it('stores phase dates as calendar days, documents in order, feedback newest first', async () => {
		const id = await createTestConsultation(database.db);
		await replacePhases(database.db, id, [
			{ kind: 'participation', startsOn: '2026-04-01', endsOn: '2026-04-30', description: '' },
			{ kind: 'information', startsOn: '2026-03-01', endsOn: '2026-03-31', description: 'x' }
		]);
		expect(await listPhases(database.db, id)).toEqual([
			{ kind: 'information', startsOn: '2026-03-01', endsOn: '2026-03-31', description: 'x' },
			{ kind: 'participation', startsOn: '2026-04-01', endsOn: '2026-04-30', description: '' }
		]);
		await expect(
			replacePhases(database.db, id, [
				{ kind: 'feedback', startsOn: '2026-05-02', endsOn: '2026-05-01', description: '' }
			])
		).rejects.toThrow();

		const file = (n: number) =>
			insertFile(database.db, {
				storageKey: crypto.randomUUID(),
				mimeType: 'application/pdf',
				sizeBytes: 1000 * n,
				sha256: 'x',
				originalName: `d${n}.pdf`,
				createdBy: null
			});
		await insertDocument(database.db, {
			consultationId: id,
			fileId: await file(1),
			title: 'Erstes'
		});
		await insertDocument(database.db, {
			consultationId: id,
			fileId: await file(2),
			title: 'Zweites'
		});
		expect((await listDocuments(database.db, id)).map((d) => [d.title, d.sizeBytes])).toEqual([
			['Erstes', 1000],
			['Zweites', 2000]
		]);

		const entry = (title: string, publishedAt: Date) =>
			insertFeedback(database.db, {
				consultationId: id,
				title,
				bodyMd: title,
				bodyHtml: title,
				createdBy: null,
				publishedAt
			});
		await entry('Alt', new Date('2026-05-01T10:00:00Z'));
		await entry('Neu', new Date('2026-06-01T10:00:00Z'));
		expect((await listFeedback(database.db, id)).map((f) => f.title)).toEqual(['Neu', 'Alt']);
	});
});

describe('public list and German full-text search', () => {
	let radweg: string;
	let radwegArchived: string;
	let bus: string;
	let draft: string;
	beforeAll(async () => {
		const db = database.db;
		radweg = await createTestConsultation(db, {
			title: 'Radverkehrskonzept Innenstadt',
			summary: 'Ein neuer Radweg entlang der Frankfurter Straße.',
			bodyMd: 'Der Radweg soll sicherer werden. Radweg, Radweg, Radweg.',
			topics: ['Radverkehr', 'Verkehr'],
			status: 'published',
			publishedAt: new Date('2026-05-01T00:00:00Z'),
			phases: [
				{ kind: 'information', startsOn: '2026-05-01', endsOn: '2026-05-31', description: '' },
				{ kind: 'participation', startsOn: TODAY, endsOn: '2026-07-31', description: '' }
			]
		});
		radwegArchived = await createTestConsultation(db, {
			title: 'Straßensanierung Geistingen',
			summary: 'Kanal und Fahrbahn.',
			bodyMd: 'Nebenbei wird auch ein Radweg markiert.',
			topics: ['Verkehr'],
			status: 'archived',
			publishedAt: new Date('2026-01-01T00:00:00Z')
		});
		bus = await createTestConsultation(db, {
			title: 'Buslinien im Stadtgebiet',
			summary: 'Takt und Haltestellen.',
			topics: ['ÖPNV'],
			status: 'published',
			publishedAt: new Date('2026-06-01T00:00:00Z'),
			phases: [
				{ kind: 'information', startsOn: addDays(TODAY, 1), endsOn: '2026-07-31', description: '' }
			]
		});
		draft = await createTestConsultation(db, {
			title: 'Geheimer Radweg-Entwurf',
			bodyMd: 'Radwege überall',
			topics: ['Entwurfsthema']
		});
	});

	it('lists published and archived, never drafts; running ones first', async () => {
		const { items, total } = await search();
		const ids = items.map((i) => i.id);
		expect(ids).not.toContain(draft);
		expect(ids.indexOf(bus)).toBeLessThan(ids.indexOf(radweg));
		expect(ids.at(-1)).toBe(radwegArchived);
		expect(total).toBe(items.length);
	});

	it('finds "Radweg" when searching "Radwege" (German stemming), best match first', async () => {
		const { items } = await search({ q: 'Radwege' });
		expect(items.map((i) => i.id)).toEqual([radweg, radwegArchived]);
	});

	it('answers a search without matches with an empty list', async () => {
		expect(await search({ q: 'Schwimmbad' })).toEqual({ items: [], total: 0 });
		expect((await search({ q: 'Radweg -Innenstadt' })).items.map((i) => i.id)).toEqual([
			radwegArchived
		]);
	});

	it('filters by topic and by current phase, computed like the page computes it', async () => {
		expect((await search({ topic: 'ÖPNV' })).items.map((i) => i.id)).toEqual([bus]);
		expect((await search({ stage: 'participation' })).items.map((i) => i.id)).toEqual([radweg]);
		expect((await search({ stage: 'archived' })).items.map((i) => i.id)).toEqual([radwegArchived]);
		expect((await search({ stage: 'information' })).items).toEqual([]);
		for (const item of (await search()).items) {
			const phases = await listPhases(database.db, item.id);
			expect(item.stage).toBe(currentStage(item.status, phases, TODAY));
		}
	});

	it('pages through results and counts them all', async () => {
		const first = await search({ limit: 2, offset: 0 });
		const second = await search({ limit: 2, offset: 2 });
		expect(first.items).toHaveLength(2);
		expect(first.total).toBeGreaterThanOrEqual(3);
		expect(second.items.map((i) => i.id)).not.toContain(first.items[0]!.id);
	});

	it('offers only topics of public consultations, and the dashboard shows all', async () => {
		const topics = await listPublicTopics(database.db);
		expect(topics).toEqual(expect.arrayContaining(['Radverkehr', 'Verkehr', 'ÖPNV']));
		expect(topics).not.toContain('Entwurfsthema');
		const all = await listAllConsultations(database.db, TODAY);
		expect(all[0]!.status).toBe('draft');
		expect(all.map((c) => c.id)).toEqual(expect.arrayContaining([draft, bus, radweg]));
	});

	it('makes files public only through a published or archived consultation', async () => {
		const file = () =>
			insertFile(database.db, {
				storageKey: crypto.randomUUID(),
				mimeType: 'image/jpeg',
				sizeBytes: 10,
				sha256: 'x',
				originalName: 'a.jpg',
				createdBy: null
			});
		const draftCover = await file();
		await setConsultationCover(database.db, draft, { fileId: draftCover, alt: 'Bild' });
		expect(await fileAudience(database.db, draftCover)).toBe('restricted');
		const publicDoc = await file();
		await insertDocument(database.db, {
			consultationId: radwegArchived,
			fileId: publicDoc,
			title: 'D'
		});
		expect(await fileAudience(database.db, publicDoc)).toBe('public');
		expect(await fileAudience(database.db, await file())).toBe('restricted');
	});
});
