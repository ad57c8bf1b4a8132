import { randomBytes } from 'node:crypto';
import type { Db } from '../db/index.ts';
import { insertFile } from '../media/files.repository.ts';
import { createTestConsultation } from '../consultations/test-consultation.ts';
import type { AreaPolygon, GeometryType, StageStatus } from '../../mapcomments/types.ts';
import { insertCategories, insertStage } from './stages.repository.ts';
import { TEST_AREA } from './test-area.ts';

export { TEST_AREA };

export const TEST_CATEGORIES = [
	{ name: 'Verkehr', color: '#b3261e' },
	{ name: 'Grün', color: '#1b6e20' },
	{ name: 'Aufenthalt', color: '#0b57d0' },
	{ name: 'Sonstiges', color: '#5f4b00' }
];

export interface TestMapStage {
	consultationId: string;
	slug: string;
	stageId: string;
	categoryIds: string[];
	/** A plan without geo reference, 1000 x 800 px, when `plan` was asked for. */
	planId: string | null;
}

/**
 * A published consultation with an open map stage, four categories and the test area; with
 * `plan`, also a plan drawing without geo reference (its file row has no bytes behind it).
 */
export async function createTestMapStage(
	db: Db,
	opts: {
		status?: StageStatus;
		area?: AreaPolygon | null;
		geometryTypes?: GeometryType[];
		reportThreshold?: number;
		plan?: boolean;
		consultationStatus?: 'draft' | 'published' | 'archived';
	} = {}
): Promise<TestMapStage> {
	const slug = `karte-${randomBytes(4).toString('hex')}`;
	const consultationId = await createTestConsultation(db, {
		slug,
		title: 'Marktplatz Stadt Blankenberg',
		status: opts.consultationStatus ?? 'published'
	});
	const stageId = await insertStage(db, {
		consultationId,
		title: 'Hinweise zum Marktplatz',
		status: opts.status ?? 'open',
		areaOfInterest: opts.area === undefined ? TEST_AREA : opts.area,
		geometryTypes: opts.geometryTypes,
		reportThreshold: opts.reportThreshold
	});
	const categoryIds = await insertCategories(db, stageId, TEST_CATEGORIES);
	let planId: string | null = null;
	if (opts.plan) {
		const fileId = await insertFile(db, {
			storageKey: `test-plan-${randomBytes(6).toString('hex')}`,
			sha256: '0'.repeat(64),
			sizeBytes: 1,
			mimeType: 'image/png',
			originalName: 'plan.png',
			width: 1000,
			height: 800,
			createdBy: null
		});
		const row = await db
			.insertInto('map_plans')
			.values({
				stage_id: stageId,
				title: 'Ansicht Brunnen',
				file_id: fileId,
				width: 1000,
				height: 800,
				position: 0
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		planId = row.id;
	}
	return { consultationId, slug, stageId, categoryIds, planId };
}
