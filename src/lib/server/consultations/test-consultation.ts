import { randomBytes } from 'node:crypto';
import type { Phase } from '../../consultations/types.ts';
import type { Db } from '../db/index.ts';
import {
	insertConsultation,
	setConsultationStatus,
	type ConsultationBasics
} from './consultations.repository.ts';
import { renderMarkdown } from './markdown.ts';
import { replacePhases } from './phases.repository.ts';

/** A consultation for tests: draft unless `status` says otherwise; unique slug by default. */
export async function createTestConsultation(
	db: Db,
	opts: Partial<Omit<ConsultationBasics, 'bodyHtml'>> & {
		status?: 'draft' | 'published' | 'archived';
		phases?: Phase[];
		createdBy?: string | null;
		publishedAt?: Date;
	} = {}
): Promise<string> {
	const bodyMd = opts.bodyMd ?? '';
	const id = await insertConsultation(
		db,
		{
			title: opts.title ?? 'Testverfahren',
			slug: opts.slug ?? `test-${randomBytes(4).toString('hex')}`,
			summary: opts.summary ?? 'Eine Kurzbeschreibung.',
			bodyMd,
			bodyHtml: renderMarkdown(bodyMd),
			office: opts.office ?? '',
			contactName: opts.contactName ?? '',
			contactEmail: opts.contactEmail ?? '',
			contactPhone: opts.contactPhone ?? '',
			topics: opts.topics ?? [],
			location: opts.location ?? null
		},
		opts.createdBy ?? null
	);
	if (opts.phases) await replacePhases(db, id, opts.phases);
	if (opts.status === 'published' || opts.status === 'archived') {
		await setConsultationStatus(db, id, {
			status: 'published',
			publishedAt: opts.publishedAt ?? new Date()
		});
	}
	if (opts.status === 'archived') {
		await setConsultationStatus(db, id, { status: 'archived', archivedAt: new Date() });
	}
	return id;
}
