import { z } from 'zod';
import {
	LIMITS,
	PHASE_KINDS,
	SLUG_PATTERN,
	type Phase,
	type PhaseKind
} from '../../consultations/types.ts';
import { fields } from '../http/forms.ts';
import type { Consultation } from '../../consultations/types.ts';
import { formatLocationInput, parseLocation } from './location.ts';

// Schemas of the planners' forms. Messages are message keys (see http/forms.ts), so the schemas
// stay language-free.

/** Optional text: missing and blank both become ''. */
const optional = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `vTooLong:${max}`)
		.optional()
		.transform((v) => v ?? '');

/** German titles to an address: "Marktplatz Stadt Blankenberg" → "marktplatz-stadt-blankenberg". */
export function slugify(title: string): string {
	return title
		.toLowerCase()
		.replace(/ä/g, 'ae')
		.replace(/ö/g, 'oe')
		.replace(/ü/g, 'ue')
		.replace(/ß/g, 'ss')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.slice(0, LIMITS.slug)
		.replace(/^-+|-+$/g, '');
}

/**
 * "Verkehr, Radverkehr ,  ÖPNV" → ['Verkehr', 'Radverkehr', 'ÖPNV']: trimmed, inner spaces
 * collapsed, duplicates (ignoring case) dropped, first spelling kept.
 */
export function parseTopics(
	input: string
): { ok: true; topics: string[] } | { ok: false; error: string } {
	const topics: string[] = [];
	const seen = new Set<string>();
	for (const part of input.split(/[,;\n]/)) {
		const topic = part.replace(/\s+/g, ' ').trim();
		if (!topic) continue;
		if (topic.length > LIMITS.topic)
			return { ok: false, error: `consTopicTooLong:${LIMITS.topic}` };
		const key = topic.toLocaleLowerCase('de');
		if (seen.has(key)) continue;
		seen.add(key);
		topics.push(topic);
	}
	if (topics.length > LIMITS.topics)
		return { ok: false, error: `consTopicsTooMany:${LIMITS.topics}` };
	return { ok: true, topics };
}

const slugField = z
	.string()
	.trim()
	.toLowerCase()
	.max(LIMITS.slug, `vTooLong:${LIMITS.slug}`)
	.optional()
	.refine((v) => !v || SLUG_PATTERN.test(v), 'consSlugFormat');

export const basicsForm = z
	.object({
		title: fields.text(LIMITS.title),
		slug: slugField,
		summary: optional(LIMITS.summary),
		body: optional(LIMITS.body),
		office: optional(LIMITS.office),
		contactName: optional(LIMITS.contactName),
		contactEmail: fields.optionalEmail().transform((v) => v ?? ''),
		contactPhone: optional(LIMITS.contactPhone).refine(
			(v) => !v || /^\+?[0-9][0-9 ()/.-]{2,}$/.test(v),
			'consPhoneFormat'
		),
		location: optional(LIMITS.location).transform((v, ctx) => {
			const result = parseLocation(v);
			if (result.ok) return result.location;
			ctx.addIssue({ code: 'custom', message: result.error });
			return z.NEVER;
		}),
		topics: optional(2000).transform((v, ctx) => {
			const result = parseTopics(v);
			if (result.ok) return result.topics;
			ctx.addIssue({ code: 'custom', message: result.error });
			return z.NEVER;
		})
	})
	.transform((data, ctx) => {
		// Without an address the title makes one; the planner sees it and may change it.
		const slug = data.slug || slugify(data.title);
		if (!slug) {
			ctx.addIssue({ code: 'custom', message: 'consSlugFormat', path: ['slug'] });
			return z.NEVER;
		}
		return { ...data, slug };
	});

export type BasicsInput = z.output<typeof basicsForm>;

function isCalendarDay(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	const year = date.getUTCFullYear();
	return (
		!Number.isNaN(date.getTime()) &&
		date.toISOString().startsWith(value) &&
		year >= 2000 &&
		year <= 2100
	);
}

// Dates are checked together with their phase below, so one submit reports every problem.
const dayField = z
	.string()
	.trim()
	.max(10, 'consDateFormat')
	.optional()
	.transform((v) => v || null);

export const phaseFieldNames = (kind: PhaseKind) => ({
	start: `${kind}Start`,
	end: `${kind}End`,
	description: `${kind}Description`
});

const phaseShape: Record<string, z.ZodType> = {};
for (const kind of PHASE_KINDS) {
	const names = phaseFieldNames(kind);
	phaseShape[names.start] = dayField;
	phaseShape[names.end] = dayField;
	phaseShape[names.description] = optional(LIMITS.phaseDescription);
}

/** Each phase is optional; a phase with one date needs the other, and may not end before it starts. */
export const phasesForm = z.object(phaseShape).transform((raw, ctx) => {
	const data = raw as Record<string, string | null>;
	const phases: Phase[] = [];
	for (const kind of PHASE_KINDS) {
		const names = phaseFieldNames(kind);
		const start = data[names.start] ?? null;
		const end = data[names.end] ?? null;
		if (!start && !end) continue;
		const badStart = start !== null && !isCalendarDay(start);
		const badEnd = end !== null && !isCalendarDay(end);
		if (badStart) ctx.addIssue({ code: 'custom', message: 'consDateFormat', path: [names.start] });
		if (badEnd) ctx.addIssue({ code: 'custom', message: 'consDateFormat', path: [names.end] });
		if (badStart || badEnd) continue;
		if (!start)
			ctx.addIssue({ code: 'custom', message: 'consPhaseStartMissing', path: [names.start] });
		if (!end) ctx.addIssue({ code: 'custom', message: 'consPhaseEndMissing', path: [names.end] });
		if (start && end && end < start) {
			ctx.addIssue({ code: 'custom', message: 'consPhaseEndBeforeStart', path: [names.end] });
		}
		if (start && end) {
			phases.push({
				kind,
				startsOn: start,
				endsOn: end,
				description: data[names.description] ?? ''
			});
		}
	}
	return phases;
});

/** An uploaded file; browsers send an empty, nameless part when nothing was chosen. */
const upload = z
	.instanceof(File, { error: 'consFileRequired' })
	.optional()
	.transform((f) => (f && f.size > 0 ? f : null));

export const coverForm = z.object({ cover: upload, coverAlt: optional(LIMITS.coverAlt) });

export const documentForm = z.object({
	docTitle: fields.text(LIMITS.documentTitle),
	document: upload.refine((f) => f !== null, 'consFileRequired')
});

const id = z.string({ error: 'vRequired' }).regex(/^[0-9a-f-]{36}$/i, 'vRequired');
const confirmed = z.literal('on', { error: 'consConfirmRequired' });

export const removeDocumentForm = z.object({ documentId: id, confirm: confirmed });

export const feedbackForm = z.object({
	feedbackTitle: fields.text(LIMITS.feedbackTitle),
	feedbackBody: fields.text(LIMITS.feedbackBody)
});

export const confirmForm = z.object({ confirm: confirmed });

/**
 * What the planner typed, echoed back after a refused submit. Unlike formValues() in
 * http/forms.ts this keeps long fields whole, so a 20-page description is never cut off.
 */
export function echoForm(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value === 'string' && !(key in values))
			values[key] = value.slice(0, LIMITS.location);
	}
	return values;
}

/** The basics form's fields, filled from the stored consultation. */
export function basicsValues(c: Consultation): Record<string, string> {
	return {
		title: c.title,
		slug: c.slug,
		summary: c.summary,
		body: c.bodyMd,
		topics: c.topics.join(', '),
		office: c.office,
		contactName: c.contactName,
		contactEmail: c.contactEmail,
		contactPhone: c.contactPhone,
		location: formatLocationInput(c.location)
	};
}
