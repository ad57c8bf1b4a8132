import sharp from 'sharp';
import type { Db } from '../db/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import { insertUser, setUserRoles } from '../auth/users.repository.ts';
import type { FileStorage } from '../media/storage.ts';
import { insertComment } from '../mapcomments/comments.repository.ts';
import { checkGeometry, type GeometryFrame } from '../mapcomments/geometry.ts';
import { insertCategories, insertStage } from '../mapcomments/stages.repository.ts';
import type { AreaPolygon, GeometryType, Position } from '../../mapcomments/types.ts';
import { storeFile } from './consultations.ts';
import { DETAIL_PLAN, DETAIL_PLAN_SIZE, SITE_PLAN, SITE_PLAN_SIZE } from './map-plans.ts';
import { DEMO_MAP_COMMENTS, DEMO_NEIGHBOURS, type DemoComment } from './map-texts.ts';

// The map stage of the Marktplatz Stadt Blankenberg consultation: a site plan placed on the map,
// a detail plan without geo reference, four categories, named places and about 30 comments from
// fictional neighbours with supports, replies and planners' answers.

/** Where the site plan lies (WGS84): about 280 m by 210 m around the Marktplatz. */
export const DEMO_PLAN_BOUNDS = { south: 50.769, west: 7.333, north: 50.7709, east: 7.337 };

const CATEGORIES = [
	{ name: 'Verkehr', color: '#b3261e' },
	{ name: 'Grün', color: '#1b6e20' },
	{ name: 'Aufenthalt', color: '#0b57d0' },
	{ name: 'Sonstiges', color: '#6b4f00' }
];

/** A position on the site plan, given as fractions of its width and height (y downwards). */
export function onSitePlan(fx: number, fy: number): Position {
	const { south, west, north, east } = DEMO_PLAN_BOUNDS;
	return [
		Number((west + (east - west) * fx).toFixed(7)),
		Number((north - (north - south) * fy).toFixed(7))
	];
}

const onDetailPlan = (fx: number, fy: number): Position => [
	Math.round(DETAIL_PLAN_SIZE.width * fx),
	Math.round(DETAIL_PLAN_SIZE.height * fy)
];

/** The square without the streets at its edges: comments are about the square itself. */
const AREA: AreaPolygon = {
	type: 'Polygon',
	coordinates: [
		[
			onSitePlan(0.06, 0.03),
			onSitePlan(0.98, 0.03),
			onSitePlan(0.98, 0.98),
			onSitePlan(0.06, 0.98),
			onSitePlan(0.06, 0.03)
		]
	]
};

const PLACES: { name: string; at: [number, number]; detail?: boolean }[] = [
	{ name: 'Brunnen', at: [0.5, 0.517] },
	{ name: 'Alte Linde', at: [0.3125, 0.375] },
	{ name: 'Kirchtreppe St. Katharina', at: [0.875, 0.5] },
	{ name: 'Bushaltestelle Marktplatz', at: [0.815, 0.9] },
	{ name: 'Parkplatz am Markt', at: [0.24, 0.83] },
	{ name: 'Einmündung Burgstraße', at: [0.5, 0.08] },
	{ name: 'Sitzstufen (Detailplan)', at: [0.5, 0.8], detail: true }
];

export async function seedDemoMapStage(
	db: Db,
	storage: FileStorage,
	consultationId: string,
	plannerId: string
): Promise<string> {
	const stageId = await insertStage(db, {
		consultationId,
		title: 'Hinweise zum Marktplatz',
		intro:
			'Wo fehlt Schatten, wo ist es eng, was soll bleiben? Setzen Sie einen Punkt, eine Linie oder eine Fläche auf den Lageplan oder den Detailplan und schreiben Sie uns Ihren Hinweis.',
		status: 'open',
		areaOfInterest: AREA,
		createdBy: plannerId
	});
	const categoryIds = await insertCategories(db, stageId, CATEGORIES);
	await insertPlan(db, storage, stageId, plannerId, {
		title: 'Lageplan Marktplatz',
		description:
			'Lageplan des Marktplatzes von oben: oben die Burgstraße, links die Straße Markt, rechts oben die Kirche St. Katharina mit ihrer Treppe, in der Mitte der runde Brunnen mit Sitzstufen im Süden, links davon die alte Linde, unten links der Parkplatz, unten rechts die Bushaltestelle und die Fläche des Wochenmarkts.',
		svg: SITE_PLAN,
		size: SITE_PLAN_SIZE,
		bounds: DEMO_PLAN_BOUNDS,
		position: 0
	});
	const detailPlanId = await insertPlan(db, storage, stageId, plannerId, {
		title: 'Detailplan Brunnen und Sitzstufen',
		description:
			'Detailplan ohne Kartenbezug: der Brunnen von oben, darunter drei Reihen halbrunder Sitzstufen, links und rechts oben je ein Baum.',
		svg: DETAIL_PLAN,
		size: DETAIL_PLAN_SIZE,
		bounds: null,
		position: 1
	});
	await db
		.insertInto('map_places')
		.values(
			PLACES.map((p, position) => {
				const [x, y] = p.detail ? onDetailPlan(...p.at) : onSitePlan(...p.at);
				return {
					stage_id: stageId,
					plan_id: p.detail ? detailPlanId : null,
					name: p.name,
					x,
					y,
					position
				};
			})
		)
		.execute();
	const authors = await insertNeighbours(db);
	for (const [i, comment] of DEMO_MAP_COMMENTS.entries()) {
		await insertDemoComment(db, {
			stageId,
			comment,
			categoryId: categoryIds[CATEGORIES.findIndex((c) => c.name === comment.category)]!,
			planId: comment.detail ? detailPlanId : null,
			authors,
			plannerId,
			// Spread over the last five weeks, newest last in the list.
			createdAt: new Date(Date.now() - (DEMO_MAP_COMMENTS.length - i) * 26 * 3_600_000)
		});
	}
	return stageId;
}

async function insertPlan(
	db: Db,
	storage: FileStorage,
	stageId: string,
	plannerId: string,
	plan: {
		title: string;
		description: string;
		svg: string;
		size: { width: number; height: number };
		bounds: typeof DEMO_PLAN_BOUNDS | null;
		position: number;
	}
): Promise<string> {
	const png = await sharp(Buffer.from(plan.svg)).png({ palette: true }).toBuffer();
	const fileId = await storeFile(
		db,
		storage,
		png,
		{ mimeType: 'image/png', originalName: 'plan.png', ...plan.size },
		plannerId
	);
	const row = await db
		.insertInto('map_plans')
		.values({
			stage_id: stageId,
			title: plan.title,
			description: plan.description,
			file_id: fileId,
			...plan.size,
			...(plan.bounds ?? {}),
			position: plan.position
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** Fictional neighbours who wrote the demo comments; nobody can log in as them. */
async function insertNeighbours(db: Db): Promise<string[]> {
	const passwordHash = await hashPassword(crypto.randomUUID());
	const ids: string[] = [];
	for (const [i, displayName] of DEMO_NEIGHBOURS.entries()) {
		const id = await insertUser(db, {
			email: `nachbarschaft-${i + 1}@demo.mitreden.example`,
			passwordHash,
			displayName,
			locale: 'de',
			verified: true
		});
		await setUserRoles(db, id, ['resident']);
		ids.push(id);
	}
	return ids;
}

async function insertDemoComment(
	db: Db,
	o: {
		stageId: string;
		comment: DemoComment;
		categoryId: string;
		planId: string | null;
		authors: string[];
		plannerId: string;
		createdAt: Date;
	}
): Promise<void> {
	const { comment } = o;
	const at = (p: [number, number]) => (comment.detail ? onDetailPlan(...p) : onSitePlan(...p));
	const frame: GeometryFrame = comment.detail
		? { kind: 'plan', ...DETAIL_PLAN_SIZE }
		: { kind: 'geo', area: AREA };
	const geometry = toGeometry(comment.type, comment.at.map(at));
	const checked = checkGeometry(geometry, frame, ['Point', 'LineString', 'Polygon']);
	if (!checked.ok) throw new Error(`Demo-Hinweis „${comment.title}“: ${checked.error}`);
	const authorId = o.authors[comment.author % o.authors.length]!;
	const id = await insertComment(db, {
		stageId: o.stageId,
		planId: o.planId,
		categoryId: o.categoryId,
		authorId,
		title: comment.title,
		body: comment.body,
		...checked.value,
		createdAt: o.createdAt
	});
	const supporters = o.authors.filter((a) => a !== authorId).slice(0, comment.supports);
	if (supporters.length) {
		await db
			.insertInto('map_comment_supports')
			.values(supporters.map((user_id) => ({ comment_id: id, user_id })))
			.execute();
	}
	for (const [i, reply] of (comment.replies ?? []).entries()) {
		await db
			.insertInto('map_comment_replies')
			.values({
				comment_id: id,
				author_id: o.authors[(comment.author + i + 1) % o.authors.length]!,
				body: reply,
				created_at: new Date(o.createdAt.getTime() + (i + 1) * 3_600_000)
			})
			.execute();
	}
	await db
		.updateTable('map_comments')
		.set({
			support_count: supporters.length,
			reply_count: comment.replies?.length ?? 0,
			status: comment.status ?? 'new',
			answer: comment.answer ?? '',
			answered_at: comment.answer ? new Date(o.createdAt.getTime() + 2 * 86_400_000) : null,
			answered_by: comment.answer ? o.plannerId : null
		})
		.where('id', '=', id)
		.execute();
}

function toGeometry(type: GeometryType, positions: Position[]) {
	if (type === 'Point') return { type, coordinates: positions[0] };
	if (type === 'LineString') return { type, coordinates: positions };
	return { type, coordinates: [[...positions, positions[0]]] };
}
