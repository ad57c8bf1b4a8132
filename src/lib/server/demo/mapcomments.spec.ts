import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import { findFileById } from '../media/files.repository.ts';
import { localFileStorage } from '../media/storage.ts';
import { countComments, listComments } from '../mapcomments/comments.repository.ts';
import { checkGeometry } from '../mapcomments/geometry.ts';
import { findStage } from '../mapcomments/stages.repository.ts';
import { createTestConsultation } from '../consultations/test-consultation.ts';
import { createUser } from '../testing/factories.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import type { MapStage } from '../../mapcomments/types.ts';
import { seedDemoMapStage } from './mapcomments.ts';

let database: Database;
let dataDir: string;
let stage: MapStage;
beforeAll(async () => {
	database = await createTestDatabase();
	dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mitreden-demo-map-'));
	const planner = await createUser(database.db, { roles: ['planner'] });
	const consultationId = await createTestConsultation(database.db, { status: 'published' });
	const storage = localFileStorage(path.join(dataDir, 'files'));
	const stageId = await database.db
		.transaction()
		.execute((trx) => seedDemoMapStage(trx, storage, consultationId, planner.id));
	stage = (await findStage(database.db, stageId))!;
});
afterAll(async () => {
	await database?.close();
	if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe('demo map stage (Marktplatz Stadt Blankenberg)', () => {
	it('is open with four categories, a placed site plan, a detail plan and named places', () => {
		expect(stage.status).toBe('open');
		expect(stage.categories.map((c) => c.name)).toEqual([
			'Verkehr',
			'Grün',
			'Aufenthalt',
			'Sonstiges'
		]);
		expect(stage.plans.map((p) => p.bounds !== null)).toEqual([true, false]);
		expect(stage.places.length).toBeGreaterThanOrEqual(6);
		expect(stage.places.filter((p) => p.planId === stage.plans[1]!.id)).toHaveLength(1);
	});

	it('stores the plans as PNG images of the stated size', async () => {
		for (const plan of stage.plans) {
			const file = (await findFileById(database.db, plan.fileId))!;
			const bytes = await fs.readFile(
				path.join(dataDir, 'files', file.storageKey.slice(0, 2), file.storageKey)
			);
			const meta = await sharp(bytes).metadata();
			expect([meta.format, meta.width, meta.height]).toEqual(['png', plan.width, plan.height]);
			expect(plan.description.length).toBeGreaterThan(40);
		}
	});

	it('has about thirty comments on the map, all inside the area, and three on the detail plan', async () => {
		const onMap = await listComments(database.db, { stageId: stage.id, planId: null, bbox: null });
		expect(onMap).toHaveLength(30);
		const detail = await countComments(database.db, {
			stageId: stage.id,
			planId: stage.plans[1]!.id,
			bbox: null
		});
		expect(detail).toBe(3);
		const rows = await database.db
			.selectFrom('map_comments')
			.select('geometry')
			.where('plan_id', 'is', null)
			.execute();
		for (const row of rows) {
			expect(
				checkGeometry(
					row.geometry,
					{ kind: 'geo', area: stage.areaOfInterest },
					stage.geometryTypes
				).ok
			).toBe(true);
		}
		expect(new Set(onMap.map((c) => c.geometryType))).toEqual(
			new Set(['Point', 'LineString', 'Polygon'])
		);
		expect(new Set(onMap.map((c) => c.status))).toEqual(
			new Set(['new', 'in_review', 'accepted', 'rejected'])
		);
	});

	it('keeps supports and replies consistent with their counters', async () => {
		const counters = await database.db
			.selectFrom('map_comments as c')
			.select((eb) => [
				'c.support_count',
				'c.reply_count',
				eb
					.selectFrom('map_comment_supports as s')
					.whereRef('s.comment_id', '=', 'c.id')
					.select((e) => e.fn.countAll<string>().as('n'))
					.as('supports'),
				eb
					.selectFrom('map_comment_replies as r')
					.whereRef('r.comment_id', '=', 'c.id')
					.select((e) => e.fn.countAll<string>().as('n'))
					.as('replies')
			])
			.execute();
		for (const c of counters) {
			expect([c.support_count, c.reply_count]).toEqual([Number(c.supports), Number(c.replies)]);
		}
		expect(counters.some((c) => c.reply_count > 0)).toBe(true);
	});
});
