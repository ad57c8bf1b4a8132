import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/sessions.ts';
import type { Database } from '../db/index.ts';
import { createUser } from '../testing/factories.ts';
import { createTestDatabase, testConfig } from '../testing/test-app.ts';
import { countComments, listComments } from './comments.repository.ts';
import { createComment, type MapDeps } from './comments.service.ts';
import type { CommentInput } from './forms.ts';
import { createTestMapStage, type TestMapStage } from './test-map-stage.ts';

let database: Database;
let dataDir: string;
let deps: MapDeps;
let resident: SessionUser;
let stage: TestMapStage;

const asSession = (id: string, verified = true): SessionUser => ({
	id,
	email: 'x@test',
	displayName: null,
	locale: 'de',
	roles: ['resident'],
	verified
});

beforeAll(async () => {
	database = await createTestDatabase();
	dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mitreden-map-'));
	deps = { db: database.db, config: testConfig({ DATA_DIR: dataDir }) };
	resident = asSession((await createUser(database.db)).id);
	stage = await createTestMapStage(database.db, { plan: true });
});
afterAll(async () => {
	await database?.close();
	if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

const input = (over: Partial<CommentInput> = {}): CommentInput => ({
	categoryId: stage.categoryIds[0]!,
	title: 'Zebrastreifen fehlt',
	body: 'Hier queren viele Kinder die Straße.',
	geometry: JSON.stringify({ type: 'Point', coordinates: [7.335, 50.775] }),
	planId: null,
	placeId: null,
	photo: null,
	photoAlt: '',
	...over
});

const jpegLike = (size: number) => {
	const bytes = new Uint8Array(size);
	bytes.set([0xff, 0xd8, 0xff, 0xe0]);
	return bytes;
};

const stored = () =>
	countComments(database.db, { stageId: stage.stageId, planId: null, bbox: null });
const storedFiles = async () => (await fs.readdir(dataDir, { recursive: true })).length;

describe('createComment', () => {
	it('stores a point and finds it in a viewport around it, not in one beside it', async () => {
		const result = await createComment(deps, resident, stage.stageId, input());
		expect(result.ok).toBe(true);
		const around = await listComments(database.db, {
			stageId: stage.stageId,
			planId: null,
			bbox: [7.334, 50.774, 7.336, 50.776]
		});
		expect(around.map((c) => c.title)).toContain('Zebrastreifen fehlt');
		const beside = await listComments(database.db, {
			stageId: stage.stageId,
			planId: null,
			bbox: [7.337, 50.774, 7.339, 50.776]
		});
		expect(beside).toEqual([]);
	});

	it('stores an area drawn on a plan without geo reference in pixels', async () => {
		const square = [
			[
				[10, 10],
				[200, 10],
				[200, 150],
				[10, 150],
				[10, 10]
			]
		];
		const result = await createComment(
			deps,
			resident,
			stage.stageId,
			input({
				planId: stage.planId,
				geometry: JSON.stringify({ type: 'Polygon', coordinates: square })
			})
		);
		expect(result.ok).toBe(true);
		const onPlan = await listComments(database.db, {
			stageId: stage.stageId,
			planId: stage.planId,
			bbox: null
		});
		expect(onPlan).toHaveLength(1);
		expect(onPlan[0]!.geometryType).toBe('Polygon');
	});

	it('refuses each hostile input with its reason and stores nothing', async () => {
		const before = await stored();
		const files = await storedFiles();
		const cases: [Partial<CommentInput>, string][] = [
			[
				{ geometry: JSON.stringify({ type: 'Point', coordinates: [7.5, 50.9] }) },
				'mapGeometryOutsideArea'
			],
			[{ geometry: '{"type":"Point","coordinates":[NaN,50.77]}' }, 'mapGeometryJson'],
			[
				{ geometry: JSON.stringify({ type: 'Point', coordinates: [1e308, 1e308] }) },
				'mapGeometryCoordinates'
			],
			[{ geometry: JSON.stringify({ type: 'MultiPolygon', coordinates: [] }) }, 'mapGeometryType'],
			[{ categoryId: '00000000-0000-4000-8000-000000000000' }, 'mapCategoryUnknown'],
			[{ planId: 'not-a-plan' }, 'mapPlanUnknown'],
			[
				{
					planId: stage.planId,
					geometry: JSON.stringify({ type: 'Point', coordinates: [1200, 10] })
				},
				'mapGeometryOutsidePlan'
			],
			[{ placeId: '00000000-0000-4000-8000-000000000000' }, 'mapGeometryMissing'],
			[
				{
					photo: new File([new TextEncoder().encode('nur Text, kein Bild')], 'foto.jpg', {
						type: 'image/jpeg'
					})
				},
				'mediaImageFormat'
			],
			[
				{
					// 9 MB that start like a JPEG: refused by size before anything decodes it.
					photo: new File([jpegLike(9 * 1024 * 1024)], 'gross.jpg', { type: 'image/jpeg' })
				},
				'mediaImageTooLarge'
			],
			[
				{ geometry: JSON.stringify({ type: 'LineString', coordinates: [[7.335, 50.775]] }) },
				'mapGeometryLineShort'
			]
		];
		for (const [over, error] of cases) {
			const result = await createComment(deps, resident, stage.stageId, input(over));
			expect(result.ok ? 'stored' : result.error, JSON.stringify(over).slice(0, 80)).toBe(error);
		}
		expect(await stored()).toBe(before);
		expect(await storedFiles()).toBe(files);
	});

	it('refuses unverified accounts and closed stages', async () => {
		const unverified = asSession((await createUser(database.db, { verified: false })).id, false);
		const refused = await createComment(deps, unverified, stage.stageId, input());
		expect(refused.ok ? 'stored' : refused.error).toBe('mapVerifiedOnly');
		const closed = await createTestMapStage(database.db, { status: 'closed' });
		const closedResult = await createComment(deps, resident, closed.stageId, {
			...input(),
			categoryId: closed.categoryIds[0]!
		});
		expect(closedResult.ok ? 'stored' : closedResult.error).toBe('mapStageClosed');
	});

	it('keeps HTML as text and strips a photo of its EXIF position', async () => {
		const photo = await sharp({
			create: { width: 2400, height: 1600, channels: 3, background: '#6a8' }
		})
			.withExif({
				IFD0: { Make: 'Testkamera' },
				IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 46/1 0/1' }
			})
			.jpeg()
			.toBuffer();
		expect((await sharp(photo).metadata()).exif).toBeDefined();
		const result = await createComment(
			deps,
			resident,
			stage.stageId,
			input({
				title: '<script>alert(1)</script>',
				photo: new File([new Uint8Array(photo)], 'IMG_0001.jpg', { type: 'image/jpeg' }),
				photoAlt: 'Der Brunnen'
			})
		);
		expect(result.ok).toBe(true);
		const row = await database.db
			.selectFrom('map_comments')
			.innerJoin('files', 'files.id', 'map_comments.photo_file_id')
			.select(['title', 'files.storage_key', 'files.width', 'photo_alt'])
			.where('map_comments.id', '=', result.ok ? result.id : '')
			.executeTakeFirstOrThrow();
		expect(row.title).toBe('<script>alert(1)</script>');
		expect(row.width).toBe(1600);
		expect(row.photo_alt).toBe('Der Brunnen');
		const bytes = await fs.readFile(
			path.join(dataDir, 'files', row.storage_key.slice(0, 2), row.storage_key)
		);
		const meta = await sharp(bytes).metadata();
		expect(meta.exif).toBeUndefined();
	});
});
