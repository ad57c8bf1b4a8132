import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConsultationDetails } from '../consultations/consultation-page.ts';
import {
	findConsultationById,
	searchConsultations
} from '../consultations/consultations.repository.ts';
import { berlinToday } from '../consultations/phases.ts';
import type { Database } from '../db/index.ts';
import { checkPdf } from '../media/documents.ts';
import { findFileById } from '../media/files.repository.ts';
import { localFileStorage } from '../media/storage.ts';
import { createUser } from '../testing/factories.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import { seedDemoConsultations, type DemoConsultationIds } from './consultations.ts';

let database: Database;
let dataDir: string;
let ids: DemoConsultationIds;
beforeAll(async () => {
	database = await createTestDatabase();
	dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mitreden-demo-'));
	const planner = await createUser(database.db, { roles: ['planner'] });
	ids = await database.db
		.transaction()
		.execute((trx) => seedDemoConsultations(trx, planner.id, { dataDir }));
});
afterAll(async () => {
	await database?.close();
	if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

const details = async (id: string) =>
	loadConsultationDetails(database.db, (await findConsultationById(database.db, id))!);

describe('demo consultations', () => {
	it('publishes both with four phases, one running now, and one feedback entry each', async () => {
		const mobility = await details(ids.masterplanMobilitaet);
		const market = await details(ids.marktplatzStadtBlankenberg);
		expect(mobility.consultation).toMatchObject({
			slug: 'masterplan-mobilitaet',
			status: 'published',
			topics: ['Verkehr', 'Radverkehr', 'ÖPNV']
		});
		expect(market.consultation).toMatchObject({
			slug: 'marktplatz-stadt-blankenberg',
			status: 'published',
			location: { type: 'Point', coordinates: [7.3357, 50.7753] }
		});
		expect(mobility.phases).toHaveLength(4);
		expect(mobility.stage).toBe('participation');
		expect(market.stage).toBe('evaluation');
		expect(mobility.feedback).toHaveLength(1);
		expect(market.feedback).toHaveLength(1);
	});

	it('is found by the German search', async () => {
		const { items } = await searchConsultations(database.db, {
			q: 'Radwege Bus',
			today: berlinToday(),
			limit: 20,
			offset: 0
		});
		expect(items.map((i) => i.id)).toEqual([ids.masterplanMobilitaet]);
	});

	it('stores a real JPEG cover with alt text and a real PDF', async () => {
		const storage = localFileStorage(path.join(dataDir, 'files'));
		const { consultation, documents } = await details(ids.masterplanMobilitaet);
		expect(consultation.coverAlt).not.toBe('');
		const cover = (await findFileById(database.db, consultation.coverFileId!))!;
		const meta = await sharp((await storage.read(cover.storageKey))!).metadata();
		expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1600, 900]);
		const pdf = (await findFileById(database.db, documents[0]!.fileId))!;
		const bytes = (await storage.read(pdf.storageKey))!;
		expect(checkPdf(bytes)).toEqual({ ok: true });
		expect(bytes.toString('latin1')).toMatch(/startxref\n\d+\n%%EOF\n$/);
	});
});
