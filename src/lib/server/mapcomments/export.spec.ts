import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth/sessions.ts';
import { fileAudience } from '../consultations/consultations.repository.ts';
import type { Database } from '../db/index.ts';
import { insertFile } from '../media/files.repository.ts';
import { createUser } from '../testing/factories.ts';
import { parseCsv } from '../testing/parse-csv.ts';
import { createTestDatabase, testConfig } from '../testing/test-app.ts';
import { insertComment } from './comments.repository.ts';
import { createComment, type MapDeps } from './comments.service.ts';
import { findExportSource, listExportRows } from './export.repository.ts';
import { commentsCsv, commentsGeoJson } from './export.ts';
import { createTestMapStage, type TestMapStage } from './test-map-stage.ts';

let database: Database;
let deps: MapDeps;
let stage: TestMapStage;
let resident: SessionUser;
const ORIGIN = 'http://localhost:4173';

const point = (lon: number, lat: number) => ({ type: 'Point' as const, coordinates: [lon, lat] });

beforeAll(async () => {
	database = await createTestDatabase();
	deps = { db: database.db, config: testConfig() };
	stage = await createTestMapStage(database.db, { plan: true });
	const u = await createUser(database.db);
	resident = {
		id: u.id,
		email: u.email,
		displayName: null,
		locale: 'de',
		roles: ['resident'],
		verified: true
	};
	const write = async (title: string, body: string, geometry: object, planId: string | null) => {
		const r = await createComment(deps, resident, stage.stageId, {
			categoryId: stage.categoryIds[1]!,
			title,
			body,
			geometry: JSON.stringify(geometry),
			planId,
			placeId: null,
			photo: null,
			photoAlt: ''
		});
		if (!r.ok) throw new Error(r.error);
		return r.id;
	};
	await write(
		'=HYPERLINK("http://böse.example")',
		'Text; mit "Anführung"\nund Zeile',
		point(7.335, 50.775),
		null
	);
	await write(
		'Weg',
		'-1+2',
		{
			type: 'LineString',
			coordinates: [
				[7.331, 50.771],
				[7.338, 50.779]
			]
		},
		null
	);
	await write(
		'Brunnen',
		'@Planung bitte prüfen',
		{
			type: 'Polygon',
			coordinates: [
				[
					[100, 100],
					[300, 100],
					[300, 300],
					[100, 100]
				]
			]
		},
		stage.planId
	);
	const hidden = await write('Versteckt', 'weg damit', point(7.336, 50.776), null);
	await database.db
		.updateTable('map_comments')
		.set({ hidden_at: new Date(), hidden_kind: 'moderator', hidden_reason: 'Spam' })
		.where('id', '=', hidden)
		.execute();
});
afterAll(async () => {
	await database?.close();
});

async function rows() {
	const source = await findExportSource(database.db, stage.consultationId);
	expect(source?.slug).toBe(stage.slug);
	return listExportRows(database.db, source!.stageId);
}

describe('commentsGeoJson', () => {
	it('is an RFC 7946 FeatureCollection in WGS84; plan pixels go to properties, hidden are left out', async () => {
		const parsed = JSON.parse(JSON.stringify(commentsGeoJson(await rows(), ORIGIN, stage.slug)));
		expect(parsed.type).toBe('FeatureCollection');
		expect(parsed.features).toHaveLength(3);
		const inRange = ([lon, lat]: number[]) =>
			lon! >= -180 && lon! <= 180 && lat! >= -90 && lat! <= 90;
		for (const f of parsed.features) {
			expect(f.type).toBe('Feature');
			expect(Object.keys(f.properties)).not.toContain('author');
			if (f.geometry === null) {
				expect(f.properties).toMatchObject({ coordinate_system: 'pixel', plan_id: stage.planId });
				expect(f.properties.plan_geometry.type).toBe('Polygon');
				continue;
			}
			expect(['Point', 'LineString', 'Polygon']).toContain(f.geometry.type);
			const positions: number[][] =
				f.geometry.type === 'Point'
					? [f.geometry.coordinates]
					: f.geometry.type === 'LineString'
						? f.geometry.coordinates
						: f.geometry.coordinates.flat();
			expect(positions.every(inRange)).toBe(true);
			expect(f.properties.permalink).toBe(
				`${ORIGIN}/beteiligung/${stage.slug}/karte/hinweise/${f.id}`
			);
		}
		expect(
			parsed.features.map((f: { properties: { title: string } }) => f.properties.title)
		).not.toContain('Versteckt');
		expect(parsed.features[0].geometry.coordinates).toEqual([7.335, 50.775]);
	});
});

describe('commentsCsv', () => {
	it('starts with a BOM, parses back with semicolons, and defuses formulas', async () => {
		const csv = commentsCsv(await rows(), ORIGIN, stage.slug, ';');
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const [header, ...data] = parseCsv(csv.slice(1), ';');
		expect(data).toHaveLength(3);
		const col = (name: string) => header!.indexOf(name);
		const first = data[0]!;
		expect(first[col('title')]).toBe(`'=HYPERLINK("http://böse.example")`);
		expect(first[col('text')]).toBe('Text; mit "Anführung"\nund Zeile');
		expect(first[col('lon')]).toBe('7,335');
		expect(first[col('status_label')]).toBe('neu');
		expect(JSON.parse(first[col('geometry')]!)).toEqual(point(7.335, 50.775));
		expect(data[1]![col('text')]).toBe(`'-1+2`);
		const onPlan = data[2]!;
		expect(onPlan[col('text')]).toBe(`'@Planung bitte prüfen`);
		expect([onPlan[col('coordinate_system')], onPlan[col('plan_id')], onPlan[col('lon')]]).toEqual([
			'pixel',
			stage.planId,
			''
		]);
		expect(Number(onPlan[col('plan_x')]!.replace(',', '.'))).toBeGreaterThan(100);
	});

	it('uses commas and decimal points by default', async () => {
		const csv = commentsCsv(await rows(), ORIGIN, stage.slug, ',');
		const [header, first] = parseCsv(csv.slice(1), ',');
		expect(header).toHaveLength(19);
		expect(first).toHaveLength(19);
		expect(first![header!.indexOf('lat')]).toBe('50.775');
	});
});

describe('fileAudience for comment photos', () => {
	it('is public for a visible comment of a published consultation, restricted once hidden', async () => {
		const fileId = await insertFile(database.db, {
			storageKey: 'photo-test',
			sha256: '1'.repeat(64),
			sizeBytes: 1,
			mimeType: 'image/jpeg',
			originalName: 'foto.jpg',
			width: 10,
			height: 10,
			createdBy: null
		});
		const id = await insertComment(database.db, {
			stageId: stage.stageId,
			planId: null,
			categoryId: stage.categoryIds[0]!,
			authorId: resident.id,
			title: 'Mit Foto',
			body: 'x',
			geometry: point(7.335, 50.775) as never,
			bbox: [7.335, 50.775, 7.335, 50.775],
			anchor: [7.335, 50.775],
			photoFileId: fileId,
			photoAlt: 'Kaputte Bank'
		});
		expect(await fileAudience(database.db, fileId)).toBe('public');
		await database.db
			.updateTable('map_comments')
			.set({ hidden_at: new Date(), hidden_kind: 'reports' })
			.where('id', '=', id)
			.execute();
		expect(await fileAudience(database.db, fileId)).toBe('restricted');
		const draft = await createTestMapStage(database.db, { consultationStatus: 'draft' });
		await database.db
			.updateTable('map_comments')
			.set({
				hidden_at: null,
				hidden_kind: null,
				stage_id: draft.stageId,
				category_id: draft.categoryIds[0]!
			})
			.where('id', '=', id)
			.execute();
		expect(await fileAudience(database.db, fileId)).toBe('restricted');
	});
});
