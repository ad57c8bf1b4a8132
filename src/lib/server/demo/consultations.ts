import { createHash } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import type { Phase, PhaseKind } from '../../consultations/types.ts';
import { config } from '../config.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Db } from '../db/index.ts';
import {
	insertConsultation,
	setConsultationCover,
	setConsultationStatus
} from '../consultations/consultations.repository.ts';
import { insertDocument } from '../consultations/documents.repository.ts';
import { insertFeedback } from '../consultations/feedback.repository.ts';
import { renderMarkdown } from '../consultations/markdown.ts';
import { replacePhases } from '../consultations/phases.repository.ts';
import { addDays, berlinToday } from '../consultations/phases.ts';
import { insertFile } from '../media/files.repository.ts';
import { processCoverImage } from '../media/images.ts';
import { localFileStorage, newStorageKey, type FileStorage } from '../media/storage.ts';
import { COVER_MOBILITY, COVER_MARKET_SQUARE, demoPdf } from './demo-media.ts';
import { MARKET_SQUARE, MOBILITY, type DemoConsultation } from './demo-texts.ts';

export interface DemoConsultationIds {
	masterplanMobilitaet: string;
	marktplatzStadtBlankenberg: string;
}

/** Phase offsets in days from today: [start, end] per phase. */
type Schedule = Record<PhaseKind, [number, number]>;

function phasesAround(today: string, schedule: Schedule, descriptions: Record<PhaseKind, string>) {
	return (Object.keys(schedule) as PhaseKind[]).map((kind): Phase => ({
		kind,
		startsOn: addDays(today, schedule[kind][0]),
		endsOn: addDays(today, schedule[kind][1]),
		description: descriptions[kind]
	}));
}

export async function storeFile(
	db: Db,
	storage: FileStorage,
	bytes: Uint8Array,
	meta: { mimeType: string; originalName: string; width?: number; height?: number },
	createdBy: string
): Promise<string> {
	const storageKey = newStorageKey();
	await storage.put(storageKey, bytes);
	return insertFile(db, {
		storageKey,
		sha256: createHash('sha256').update(bytes).digest('hex'),
		sizeBytes: bytes.byteLength,
		createdBy,
		...meta
	});
}

async function seedOne(
	db: Db,
	storage: FileStorage,
	plannerId: string,
	demo: DemoConsultation & { phases: Phase[] },
	coverSvg: string
): Promise<string> {
	const id = await insertConsultation(
		db,
		{ ...demo.basics, bodyHtml: renderMarkdown(demo.basics.bodyMd), location: demo.location },
		plannerId
	);
	await replacePhases(db, id, demo.phases);
	// The cover goes through the same checks and re-encoding as an upload.
	const png = await sharp(Buffer.from(coverSvg)).png().toBuffer();
	const cover = await processCoverImage(png);
	if (!cover.ok) throw new Error(`Demo-Titelbild abgelehnt: ${cover.error}`);
	const { bytes, width, height, mimeType } = cover.image;
	const coverId = await storeFile(
		db,
		storage,
		bytes,
		{ mimeType, originalName: `${demo.basics.slug}.jpg`, width, height },
		plannerId
	);
	await setConsultationCover(db, id, { fileId: coverId, alt: demo.coverAlt });
	const pdf = demoPdf(demo.document.title, demo.document.lines);
	const pdfId = await storeFile(
		db,
		storage,
		pdf,
		{ mimeType: 'application/pdf', originalName: demo.document.fileName },
		plannerId
	);
	await insertDocument(db, { consultationId: id, fileId: pdfId, title: demo.document.title });
	await insertFeedback(db, {
		consultationId: id,
		title: demo.feedback.title,
		bodyMd: demo.feedback.bodyMd,
		bodyHtml: renderMarkdown(demo.feedback.bodyMd, 'nested'),
		createdBy: plannerId
	});
	await setConsultationStatus(db, id, { status: 'published', publishedAt: new Date() });
	await recordAudit(db, {
		actorId: plannerId,
		action: 'consultation.published',
		targetType: 'consultation',
		targetId: id,
		details: { slug: demo.basics.slug, demo: true }
	});
	return id;
}

/**
 * Hennef's two demo consultations, published, with phases around today, a cover image, a PDF and
 * one feedback entry each. Returns their ids, so other demo content (surveys, polls) can be
 * attached to them. Run it inside the demo seed's transaction.
 */
export async function seedDemoConsultations(
	db: Db,
	plannerId: string,
	opts: { dataDir?: string } = {}
): Promise<DemoConsultationIds> {
	const storage = localFileStorage(path.join(opts.dataDir ?? config().dataDir, 'files'));
	const today = berlinToday();
	const masterplanMobilitaet = await seedOne(
		db,
		storage,
		plannerId,
		{
			...MOBILITY,
			// Participation is running now.
			phases: phasesAround(
				today,
				{
					information: [-45, -15],
					participation: [-14, 28],
					evaluation: [29, 75],
					feedback: [76, 150]
				},
				MOBILITY.phaseDescriptions
			)
		},
		COVER_MOBILITY
	);
	const marktplatzStadtBlankenberg = await seedOne(
		db,
		storage,
		plannerId,
		{
			...MARKET_SQUARE,
			// Participation has ended; the contributions are being evaluated.
			phases: phasesAround(
				today,
				{
					information: [-90, -61],
					participation: [-60, -8],
					evaluation: [-7, 30],
					feedback: [31, 120]
				},
				MARKET_SQUARE.phaseDescriptions
			)
		},
		COVER_MARKET_SQUARE
	);
	return { masterplanMobilitaet, marktplatzStadtBlankenberg };
}
