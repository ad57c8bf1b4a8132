import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import { createTestConsultation } from '../consultations/test-consultation.ts';
import { fileAudience } from '../consultations/consultations.repository.ts';
import { createUser } from '../testing/factories.ts';
import { createTestDatabase, testConfig } from '../testing/test-app.ts';
import type { AreaPolygon, CommentGeometry } from '../../mapcomments/types.ts';
import { insertComment } from './comments.repository.ts';
import { bboxOf } from './geometry.ts';
import { addPlace, removePlace } from './places.ts';
import { addPlan, editPlan, removePlan } from './plans.ts';
import type { StageInput } from './setup-forms.ts';
import { findStage } from './stages.repository.ts';
import {
	addCategory,
	createStage,
	editCategory,
	moveCategory,
	removeCategory,
	saveArea,
	saveStageSettings,
	type SetupDeps
} from './stages.service.ts';
import { TEST_AREA, createTestMapStage } from './test-map-stage.ts';

let database: Database;
let dataDir: string;
let deps: SetupDeps;
let planner: string;

beforeAll(async () => {
	database = await createTestDatabase();
	dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mitreden-setup-'));
	deps = { db: database.db, config: testConfig({ DATA_DIR: dataDir }) };
	planner = (await createUser(database.db, { roles: ['planner'] })).id;
});
afterAll(async () => {
	await database?.close();
	if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

const settings = (over: Partial<StageInput> = {}): StageInput => ({
	title: 'Hinweise zum Platz',
	intro: '',
	status: 'draft',
	baseMap: false,
	geometryTypes: ['Point', 'Polygon'],
	reportThreshold: 5,
	...over
});

async function newStage() {
	const consultationId = await createTestConsultation(database.db, { status: 'published' });
	const created = await createStage(deps, planner, consultationId, settings());
	if (!created.ok) throw new Error(created.reason);
	return { consultationId, stageId: created.stageId };
}

const audits = async (stageId: string) =>
	(
		await database.db
			.selectFrom('audit_log')
			.select('action')
			.where('target_id', '=', stageId)
			.orderBy('created_at')
			.execute()
	).map((r) => r.action);

const storedFiles = async () =>
	(await fs.readdir(dataDir, { recursive: true })).filter((f) => f.length > 3).length;
const fileRows = async () =>
	Number(
		(
			await database.db
				.selectFrom('files')
				.select((eb) => eb.fn.countAll<string>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);

async function comment(
	stageId: string,
	categoryId: string,
	geometry: CommentGeometry,
	planId: string | null = null
) {
	return insertComment(database.db, {
		stageId,
		planId,
		categoryId,
		authorId: null,
		title: 'Test',
		body: 'Text',
		geometry,
		bbox: bboxOf(geometry),
		anchor: geometry.type === 'Point' ? geometry.coordinates : [0, 0]
	});
}

const pngFile = async (name = 'plan.png', width = 400, height = 300) =>
	new File(
		[
			await sharp({ create: { width, height, channels: 3, background: '#dddddd' } })
				.png()
				.toBuffer()
		],
		name,
		{ type: 'image/png' }
	);

describe('creating a stage and its settings', () => {
	it('creates one stage per consultation, audited; a second is refused', async () => {
		const { consultationId, stageId } = await newStage();
		const stage = (await findStage(database.db, stageId))!;
		expect(stage).toMatchObject({ status: 'draft', reportThreshold: 5, baseMap: false });
		expect(stage.geometryTypes).toEqual(['Point', 'Polygon']);
		expect(await createStage(deps, planner, consultationId, settings())).toEqual({
			ok: false,
			reason: 'exists'
		});
		expect(await audits(stageId)).toEqual(['mapstage.created']);
	});

	it('keeps the base map off when the operator configured no tiles, on when tiles exist', async () => {
		const { stageId } = await newStage();
		await saveStageSettings(deps, planner, stageId, settings({ baseMap: true }));
		expect((await findStage(database.db, stageId))!.baseMap).toBe(false);
		const withTiles = {
			...deps,
			config: testConfig({
				DATA_DIR: dataDir,
				MAP_TILE_URL: 'https://tiles.example/{z}/{x}/{y}.png',
				MAP_TILE_ATTRIBUTION: '© OSM'
			})
		};
		await saveStageSettings(withTiles, planner, stageId, settings({ baseMap: true }));
		expect((await findStage(database.db, stageId))!.baseMap).toBe(true);
	});

	it('refuses to open without a category and without a base map or plan, and writes nothing', async () => {
		const { stageId } = await newStage();
		const result = await saveStageSettings(
			deps,
			planner,
			stageId,
			settings({ status: 'open', title: 'Neu' })
		);
		expect(result).toEqual({
			ok: false,
			reason: 'gaps',
			gaps: ['mapOpenNeedsCategory', 'mapOpenNeedsView']
		});
		expect((await findStage(database.db, stageId))!).toMatchObject({
			status: 'draft',
			title: 'Hinweise zum Platz'
		});
		await addCategory(deps, planner, stageId, { name: 'Verkehr', color: 'red' }, 20);
		expect(
			await addPlan(deps, planner, stageId, {
				file: await pngFile(),
				title: 'Plan',
				description: 'Ein Plan.',
				bounds: null
			})
		).toMatchObject({ ok: true });
		expect(await saveStageSettings(deps, planner, stageId, settings({ status: 'open' }))).toEqual({
			ok: true
		});
		expect((await findStage(database.db, stageId))!.status).toBe('open');
	});
});

describe('categories', () => {
	it('adds, renames, recolours and reorders; colours come from the palette', async () => {
		const { stageId } = await newStage();
		const a = await addCategory(deps, planner, stageId, { name: 'Verkehr', color: 'red' }, 20);
		const b = await addCategory(deps, planner, stageId, { name: 'Grün', color: 'green' }, 20);
		if (!a.ok || !b.ok) throw new Error('not added');
		expect(
			await addCategory(deps, planner, stageId, { name: 'verkehr', color: 'blue' }, 20)
		).toEqual({ ok: false, reason: 'nameTaken' });
		expect(
			await addCategory(deps, planner, stageId, { name: 'Pink', color: '#ff00ff' }, 20)
		).toEqual({ ok: false, reason: 'colorUnknown' });
		expect(await addCategory(deps, planner, stageId, { name: 'Drei', color: 'blue' }, 2)).toEqual({
			ok: false,
			reason: 'tooMany'
		});
		await editCategory(deps, planner, stageId, a.categoryId, {
			name: 'Radverkehr',
			color: 'purple'
		});
		await moveCategory(deps, planner, stageId, b.categoryId, 'up');
		const stage = (await findStage(database.db, stageId))!;
		expect(stage.categories.map((c) => [c.name, c.color])).toEqual([
			['Grün', '#1b6e20'],
			['Radverkehr', '#6a1b9a']
		]);
		// Moving the first one up again is a no-op, not an error.
		expect(await moveCategory(deps, planner, stageId, b.categoryId, 'up')).toEqual({ ok: true });
	});

	it('refuses to remove a category comments use, or the last one of an open stage', async () => {
		const stage = await createTestMapStage(database.db);
		const used = stage.categoryIds[0]!;
		await comment(stage.stageId, used, { type: 'Point', coordinates: [7.335, 50.775] });
		expect(await removeCategory(deps, planner, stage.stageId, used)).toEqual({
			ok: false,
			reason: 'inUse',
			count: 1
		});
		for (const id of stage.categoryIds.slice(1, 3)) {
			expect(await removeCategory(deps, planner, stage.stageId, id)).toEqual({ ok: true });
		}
		const open = await createTestMapStage(database.db);
		for (const id of open.categoryIds.slice(1))
			await removeCategory(deps, planner, open.stageId, id);
		expect(await removeCategory(deps, planner, open.stageId, open.categoryIds[0]!)).toEqual({
			ok: false,
			reason: 'lastOfOpen'
		});
		expect((await findStage(database.db, open.stageId))!.categories).toHaveLength(1);
		// Another stage's category is unknown here.
		expect(await removeCategory(deps, planner, open.stageId, stage.categoryIds[3]!)).toEqual({
			ok: false,
			reason: 'notFound'
		});
	});
});

const ring = (coords: [number, number][]) =>
	JSON.stringify({ type: 'Polygon', coordinates: [coords] });

describe('area of interest', () => {
	it.each([
		[
			'self-intersecting',
			ring([
				[7.33, 50.77],
				[7.34, 50.78],
				[7.34, 50.77],
				[7.33, 50.78],
				[7.33, 50.77]
			]),
			'mapGeometrySelfIntersects'
		],
		[
			'open',
			ring([
				[7.33, 50.77],
				[7.34, 50.77],
				[7.34, 50.78],
				[7.33, 50.78]
			]),
			'mapGeometryRing'
		],
		[
			'too many vertices',
			ring([
				...Array.from(
					{ length: 1200 },
					(_, i) =>
						[7.33 + Math.cos(i / 191) * 0.01, 50.77 + Math.sin(i / 191) * 0.01] as [number, number]
				),
				[7.34, 50.77]
			]),
			'mapAreaTooManyVertices'
		],
		[
			'out of range',
			ring([
				[7.33, 50.77],
				[190, 50.77],
				[7.34, 50.78],
				[7.33, 50.77]
			]),
			'mapGeometryCoordinates'
		],
		[
			'NaN as text',
			'{"type":"Polygon","coordinates":[[[NaN,1],[2,2],[3,1],[NaN,1]]]}',
			'mapGeometryJson'
		],
		['a point', '{"type":"Point","coordinates":[7.33,50.77]}', 'mapAreaPolygon'],
		[
			'with a hole',
			JSON.stringify({
				type: 'Polygon',
				coordinates: [TEST_AREA.coordinates[0], TEST_AREA.coordinates[0]]
			}),
			'mapGeometryRing'
		]
	])('refuses an area that is %s, and keeps the old one', async (_, text, error) => {
		const stage = await createTestMapStage(database.db);
		expect(await saveArea(deps, planner, stage.stageId, text)).toEqual({
			ok: false,
			reason: 'area',
			error
		});
		expect((await findStage(database.db, stage.stageId))!.areaOfInterest).toEqual(TEST_AREA);
	});

	it('accepts a Feature, clears with empty text, and counts comments left outside', async () => {
		const stage = await createTestMapStage(database.db);
		await comment(stage.stageId, stage.categoryIds[0]!, {
			type: 'Point',
			coordinates: [7.339, 50.779]
		});
		const smaller: AreaPolygon = {
			type: 'Polygon',
			coordinates: [
				[
					[7.33, 50.77],
					[7.335, 50.77],
					[7.335, 50.775],
					[7.33, 50.775],
					[7.33, 50.77]
				]
			]
		};
		const feature = JSON.stringify({ type: 'Feature', properties: {}, geometry: smaller });
		expect(await saveArea(deps, planner, stage.stageId, feature)).toEqual({
			ok: true,
			commentsOutside: 1
		});
		expect((await findStage(database.db, stage.stageId))!.areaOfInterest).toEqual(smaller);
		expect(await saveArea(deps, planner, stage.stageId, '  ')).toEqual({
			ok: true,
			commentsOutside: 0
		});
		expect((await findStage(database.db, stage.stageId))!.areaOfInterest).toBeNull();
		expect(await audits(stage.stageId)).toEqual(['mapstage.area_saved', 'mapstage.area_removed']);
	});

	it('refuses an area that would leave a named place outside', async () => {
		const stage = await createTestMapStage(database.db);
		await addPlace(deps, planner, stage.stageId, {
			placeName: 'Brunnen',
			target: 'map',
			position: '50.779, 7.339',
			x: '',
			y: ''
		});
		const smaller = ring([
			[7.33, 50.77],
			[7.335, 50.77],
			[7.335, 50.775],
			[7.33, 50.775],
			[7.33, 50.77]
		]);
		expect(await saveArea(deps, planner, stage.stageId, smaller)).toEqual({
			ok: false,
			reason: 'placesOutside',
			names: ['Brunnen']
		});
	});
});

describe('plan drawings', () => {
	it('stores a checked PNG with its georeference; the file is public once consultation and stage are', async () => {
		const { consultationId, stageId } = await newStage();
		const bounds = { south: 50.77, west: 7.33, north: 50.78, east: 7.34 };
		const result = await addPlan(deps, planner, stageId, {
			file: await pngFile(),
			title: 'Lageplan',
			description: 'Der Platz von oben.',
			bounds
		});
		expect(result.ok).toBe(true);
		const plan = (await findStage(database.db, stageId))!.plans[0]!;
		expect(plan).toMatchObject({ title: 'Lageplan', width: 400, height: 300, bounds });
		// The stage is still a draft: its plans stay with the planners.
		expect(await fileAudience(database.db, plan.fileId)).toBe('restricted');
		await database.db
			.updateTable('map_stages')
			.set({ status: 'open' })
			.where('id', '=', stageId)
			.execute();
		expect(await fileAudience(database.db, plan.fileId)).toBe('public');
		const draft = await createTestConsultation(database.db);
		const hidden = await createStage(deps, planner, draft, settings());
		if (!hidden.ok) throw new Error();
		await addPlan(deps, planner, hidden.stageId, {
			file: await pngFile(),
			title: 'Entwurf',
			description: 'Noch geheim.',
			bounds: null
		});
		const draftPlan = (await findStage(database.db, hidden.stageId))!.plans[0]!;
		expect(await fileAudience(database.db, draftPlan.fileId)).toBe('restricted');
		expect(consultationId).not.toBe(draft);
	});

	it('refuses an SVG with a script and a text file named .png, storing nothing', async () => {
		const { stageId } = await newStage();
		const [files, rows] = [await storedFiles(), await fileRows()];
		const script = new File(
			['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
			'plan.svg',
			{ type: 'image/svg+xml' }
		);
		expect(
			await addPlan(deps, planner, stageId, {
				file: script,
				title: 'X',
				description: 'Y',
				bounds: null
			})
		).toEqual({ ok: false, reason: 'file', error: 'mapSvgScript' });
		const text = new File(['nur Text'], 'plan.png', { type: 'image/png' });
		expect(
			await addPlan(deps, planner, stageId, {
				file: text,
				title: 'X',
				description: 'Y',
				bounds: null
			})
		).toEqual({ ok: false, reason: 'file', error: 'mapPlanFormat' });
		expect([await storedFiles(), await fileRows()]).toEqual([files, rows]);
		expect((await findStage(database.db, stageId))!.plans).toEqual([]);
	});

	it('rasterises an accepted SVG to PNG', async () => {
		const { stageId } = await newStage();
		const svg = new File(
			[
				'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="#0b57d0"/></svg>'
			],
			'plan.svg'
		);
		await addPlan(deps, planner, stageId, {
			file: svg,
			title: 'Skizze',
			description: 'Blaue Fläche.',
			bounds: null
		});
		const plan = (await findStage(database.db, stageId))!.plans[0]!;
		const file = await database.db
			.selectFrom('files')
			.select(['mime_type', 'original_name'])
			.where('id', '=', plan.fileId)
			.executeTakeFirstOrThrow();
		expect(file).toEqual({ mime_type: 'image/png', original_name: 'plan.png' });
		expect([plan.width, plan.height]).toEqual([2048, 1024]);
	});

	it('refuses removal while comments lie on a plan without georeference; removes bytes after', async () => {
		const stage = await createTestMapStage(database.db, { status: 'draft' });
		await addPlan(deps, planner, stage.stageId, {
			file: await pngFile(),
			title: 'Ansicht',
			description: 'Eine Ansicht.',
			bounds: null
		});
		const plan = (await findStage(database.db, stage.stageId))!.plans[0]!;
		const commentId = await comment(
			stage.stageId,
			stage.categoryIds[0]!,
			{ type: 'Point', coordinates: [10, 10] },
			plan.id
		);
		expect(await removePlan(deps, planner, stage.stageId, plan.id)).toEqual({
			ok: false,
			reason: 'hasComments',
			count: 1
		});
		// A georeference would move those pixel comments: refused too.
		const bounds = { south: 50.77, west: 7.33, north: 50.78, east: 7.34 };
		expect(
			await editPlan(deps, planner, stage.stageId, plan.id, {
				title: 'A',
				description: 'B',
				bounds
			})
		).toEqual({ ok: false, reason: 'pixelUses', comments: 1, places: 0 });
		await database.db.deleteFrom('map_comments').where('id', '=', commentId).execute();
		const before = await storedFiles();
		expect(await removePlan(deps, planner, stage.stageId, plan.id)).toEqual({ ok: true });
		expect(await storedFiles()).toBe(before - 1);
		expect(
			await database.db
				.selectFrom('files')
				.select('id')
				.where('id', '=', plan.fileId)
				.executeTakeFirst()
		).toBeUndefined();
	});
});

describe('named places', () => {
	it('accepts places inside the area or plan and refuses those outside', async () => {
		const stage = await createTestMapStage(database.db, { plan: true });
		const input = { placeName: 'Brunnen', target: 'map', position: '50.775, 7.335', x: '', y: '' };
		const added = await addPlace(deps, planner, stage.stageId, input);
		expect(added.ok).toBe(true);
		expect((await findStage(database.db, stage.stageId))!.places[0]).toMatchObject({
			name: 'Brunnen',
			planId: null,
			x: 7.335,
			y: 50.775
		});
		expect(
			await addPlace(deps, planner, stage.stageId, { ...input, position: '50.8, 7.335' })
		).toMatchObject({ ok: false, field: 'position', error: 'mapPlaceOutsideArea' });
		expect(
			await addPlace(deps, planner, stage.stageId, { ...input, position: 'NaN, 7' })
		).toMatchObject({ error: 'mapPlacePosition' });
		const onPlan = { ...input, target: stage.planId!, position: '' };
		expect(
			await addPlace(deps, planner, stage.stageId, { ...onPlan, x: '500', y: '400,5' })
		).toMatchObject({ ok: true });
		expect(
			await addPlace(deps, planner, stage.stageId, { ...onPlan, x: '1001', y: '5' })
		).toMatchObject({ field: 'x', error: 'mapPlaceOutsidePlan' });
		expect(
			await addPlace(deps, planner, stage.stageId, { ...onPlan, x: '-1', y: '5' })
		).toMatchObject({ field: 'x', error: 'mapPlacePixel' });
		expect(
			await addPlace(deps, planner, stage.stageId, {
				...onPlan,
				target: crypto.randomUUID(),
				x: '1',
				y: '1'
			})
		).toMatchObject({ field: 'target', error: 'mapPlanUnknown' });
		const places = (await findStage(database.db, stage.stageId))!.places;
		expect(places.map((p) => [p.planId, p.x, p.y])).toEqual([
			[null, 7.335, 50.775],
			[stage.planId, 500, 400.5]
		]);
		expect(await removePlace(deps, planner, stage.stageId, places[0]!.id)).toEqual({ ok: true });
		expect(await audits(stage.stageId)).toEqual([
			'mapstage.place_added',
			'mapstage.place_added',
			'mapstage.place_removed'
		]);
	});
});
