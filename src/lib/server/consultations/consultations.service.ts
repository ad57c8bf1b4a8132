import type { Phase } from '../../consultations/types.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/index.ts';
import {
	findConsultationById,
	insertConsultation,
	isSlugTaken,
	lockConsultation,
	setConsultationStatus,
	touchConsultation,
	updateConsultationBasics,
	type ConsultationBasics
} from './consultations.repository.ts';
import {
	deleteFeedback,
	findFeedback,
	insertFeedback,
	updateFeedback
} from './feedback.repository.ts';
import type { BasicsInput } from './forms.ts';
import { renderMarkdown } from './markdown.ts';
import { listPhases, replacePhases } from './phases.repository.ts';

// Create, edit, publish and archive consultations. Every change and its audit entry are written in
// one transaction: either both land or neither does.

export type ConsultationDeps = Pick<AppContext, 'db' | 'config'>;

/** One union member per reason, so callers can narrow reason by reason. */
export type Failure<R extends string> = R extends string ? { ok: false; reason: R } : never;
const fail = <R extends string>(reason: R) => ({ ok: false, reason }) as Failure<R>;

/** Fields checked before publishing; message keys name what is missing. */
export type PublishGap = 'consPublishNeedsSummary' | 'consPublishNeedsPhases';

export async function audit(
	db: Db,
	actorId: string,
	action: string,
	consultationId: string,
	details: Record<string, unknown> = {}
): Promise<void> {
	await recordAudit(db, {
		actorId,
		action: `consultation.${action}`,
		targetType: 'consultation',
		targetId: consultationId,
		details
	});
}

function toBasics(input: BasicsInput): ConsultationBasics {
	return {
		title: input.title,
		slug: input.slug,
		summary: input.summary,
		bodyMd: input.body,
		bodyHtml: renderMarkdown(input.body),
		office: input.office,
		contactName: input.contactName,
		contactEmail: input.contactEmail,
		contactPhone: input.contactPhone,
		topics: input.topics,
		location: input.location
	};
}

/** The database's own unique check catches what a look-up beforehand cannot: a concurrent insert. */
function isUniqueViolation(err: unknown): boolean {
	return (err as { code?: string } | null)?.code === '23505';
}

export async function createConsultation(
	deps: ConsultationDeps,
	actorId: string,
	input: BasicsInput
): Promise<{ ok: true; id: string } | Failure<'slugTaken'>> {
	const basics = toBasics(input);
	try {
		return await deps.db.transaction().execute(async (trx) => {
			if (await isSlugTaken(trx, basics.slug)) return fail('slugTaken');
			const id = await insertConsultation(trx, basics, actorId);
			await audit(trx, actorId, 'created', id, { slug: basics.slug, title: basics.title });
			return { ok: true as const, id };
		});
	} catch (err) {
		if (isUniqueViolation(err)) return fail('slugTaken');
		throw err;
	}
}

export async function updateBasics(
	deps: ConsultationDeps,
	actorId: string,
	id: string,
	input: BasicsInput
): Promise<{ ok: true } | Failure<'slugTaken' | 'notFound'>> {
	const basics = toBasics(input);
	try {
		return await deps.db.transaction().execute(async (trx) => {
			if (!(await lockConsultation(trx, id))) return fail('notFound');
			if (await isSlugTaken(trx, basics.slug, id)) return fail('slugTaken');
			await updateConsultationBasics(trx, id, basics);
			await audit(trx, actorId, 'updated', id, { slug: basics.slug });
			return { ok: true as const };
		});
	} catch (err) {
		if (isUniqueViolation(err)) return fail('slugTaken');
		throw err;
	}
}

export async function savePhases(
	deps: ConsultationDeps,
	actorId: string,
	id: string,
	phases: Phase[]
): Promise<{ ok: true } | Failure<'notFound'>> {
	return deps.db.transaction().execute(async (trx) => {
		if (!(await lockConsultation(trx, id))) return fail('notFound');
		await replacePhases(trx, id, phases);
		await touchConsultation(trx, id);
		await audit(trx, actorId, 'phases_updated', id, {
			phases: phases.map((p) => `${p.kind} ${p.startsOn}–${p.endsOn}`)
		});
		return { ok: true as const };
	});
}

/** Draft → published. Needs a summary and at least one phase, so the public page is not empty. */
export async function publishConsultation(
	deps: ConsultationDeps,
	actorId: string,
	id: string
): Promise<
	| { ok: true }
	| Failure<'notFound' | 'notDraft'>
	| { ok: false; reason: 'incomplete'; gaps: PublishGap[] }
> {
	return deps.db.transaction().execute(async (trx) => {
		const locked = await lockConsultation(trx, id);
		if (!locked) return fail('notFound');
		if (locked.status !== 'draft') return fail('notDraft');
		const consultation = (await findConsultationById(trx, id))!;
		const phases = await listPhases(trx, id);
		const gaps: PublishGap[] = [];
		if (!consultation.summary) gaps.push('consPublishNeedsSummary');
		if (!phases.length) gaps.push('consPublishNeedsPhases');
		if (gaps.length) return { ok: false as const, reason: 'incomplete' as const, gaps };
		await setConsultationStatus(trx, id, {
			status: 'published',
			publishedAt: locked.publishedAt ?? new Date()
		});
		await audit(trx, actorId, 'published', id, { slug: consultation.slug });
		return { ok: true as const };
	});
}

/** Published → archived: stays readable, listed as archived, no longer current. */
export async function archiveConsultation(
	deps: ConsultationDeps,
	actorId: string,
	id: string
): Promise<{ ok: true } | Failure<'notFound' | 'notPublished'>> {
	return deps.db.transaction().execute(async (trx) => {
		const locked = await lockConsultation(trx, id);
		if (!locked) return fail('notFound');
		if (locked.status !== 'published') return fail('notPublished');
		await setConsultationStatus(trx, id, { status: 'archived', archivedAt: new Date() });
		await audit(trx, actorId, 'archived', id);
		return { ok: true as const };
	});
}

export interface FeedbackInput {
	feedbackTitle: string;
	feedbackBody: string;
}

const feedbackText = (input: FeedbackInput) => ({
	title: input.feedbackTitle,
	bodyMd: input.feedbackBody,
	bodyHtml: renderMarkdown(input.feedbackBody, 'nested')
});

export async function addFeedback(
	deps: ConsultationDeps,
	actorId: string,
	id: string,
	input: FeedbackInput
): Promise<{ ok: true; feedbackId: string } | Failure<'notFound'>> {
	return deps.db.transaction().execute(async (trx) => {
		if (!(await lockConsultation(trx, id))) return fail('notFound');
		const feedbackId = await insertFeedback(trx, {
			...feedbackText(input),
			consultationId: id,
			createdBy: actorId
		});
		await touchConsultation(trx, id);
		await audit(trx, actorId, 'feedback_added', id, { feedbackId, title: input.feedbackTitle });
		return { ok: true as const, feedbackId };
	});
}

export async function editFeedback(
	deps: ConsultationDeps,
	actorId: string,
	id: string,
	feedbackId: string,
	input: FeedbackInput
): Promise<{ ok: true } | Failure<'notFound'>> {
	return deps.db.transaction().execute(async (trx) => {
		if (!(await updateFeedback(trx, id, feedbackId, feedbackText(input)))) return fail('notFound');
		await touchConsultation(trx, id);
		await audit(trx, actorId, 'feedback_updated', id, { feedbackId, title: input.feedbackTitle });
		return { ok: true as const };
	});
}

export async function removeFeedback(
	deps: ConsultationDeps,
	actorId: string,
	id: string,
	feedbackId: string
): Promise<{ ok: true } | Failure<'notFound'>> {
	return deps.db.transaction().execute(async (trx) => {
		const entry = await findFeedback(trx, id, feedbackId);
		if (!entry || !(await deleteFeedback(trx, id, feedbackId))) return fail('notFound');
		await touchConsultation(trx, id);
		await audit(trx, actorId, 'feedback_deleted', id, { feedbackId, title: entry.title });
		return { ok: true as const };
	});
}
