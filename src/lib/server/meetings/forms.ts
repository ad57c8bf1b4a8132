import { z } from 'zod';
import { MEETING_LIMITS as L, MEETING_STATES } from '../../meetings/types.ts';
import { isUuid } from '../db/ids.ts';
import { fields } from '../http/forms.ts';
import { parseBerlinDateTime } from '../surveys/local-time.ts';

// Schemas of the Sitzungsdienst forms. Messages are message keys (see http/forms.ts and
// i18n/meetings.ts), so the schemas stay language-free.

const text = fields.text;
const optionalText = fields.optionalText;

/** A form's checkbox: present ('on') or absent. */
const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'on');

const id = z
	.string({ error: 'meetSelectRequired' })
	.trim()
	.refine((v) => isUuid(v), 'meetSelectRequired');

const optionalId = z
	.string()
	.trim()
	.optional()
	.refine((v) => !v || isUuid(v), 'meetSelectRequired')
	.transform((v) => v || null);

export function isCalendarDay(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	if (Number.isNaN(date.getTime())) return false;
	const year = date.getUTCFullYear();
	return date.toISOString().startsWith(value) && year >= 1900 && year <= 2100;
}

const day = z
	.string()
	.trim()
	.optional()
	.refine((v) => !v || isCalendarDay(v), 'meetDateFormat')
	.transform((v) => v || null);

/** Only links a browser opens as a page: http(s). No javascript:, data: or relative tricks. */
export function isWebUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (url.protocol === 'https:' || url.protocol === 'http:') && !!url.hostname;
	} catch {
		return false;
	}
}

const optionalUrl = z
	.string()
	.trim()
	.max(L.url, `vTooLong:${L.url}`)
	.optional()
	.refine((v) => !v || isWebUrl(v), 'meetUrlFormat')
	.transform((v) => v || null);

/** End dates may not come before start dates; reported on the end field. */
function datesInOrder<T extends { startDate: string | null; endDate: string | null }>(
	data: T,
	ctx: z.RefinementCtx
): void {
	if (data.startDate && data.endDate && data.endDate < data.startDate)
		ctx.addIssue({ code: 'custom', message: 'meetEndBeforeStart', path: ['endDate'] });
}

export const bodyForm = z
	.object({
		name: text(L.name),
		shortName: optionalText(L.shortName),
		classification: text(L.classification),
		startDate: day,
		endDate: day,
		website: optionalUrl
	})
	.superRefine(datesInOrder);

export const termForm = z
	.object({ name: text(L.name), startDate: day, endDate: day })
	.superRefine(datesInOrder);

export const personForm = z.object({
	formOfAddress: optionalText(L.personPart),
	title: optionalText(L.personPart),
	givenName: optionalText(L.personPart),
	familyName: text(L.personPart),
	recordingConsent: checkbox
});

export const membershipForm = z
	.object({
		bodyId: id,
		role: optionalText(L.role),
		votingRight: checkbox,
		startDate: day,
		endDate: day
	})
	.superRefine(datesInOrder);

/** `datetime-local` in Hennef's time; required or optional. */
function dateTime(required: boolean) {
	return z
		.string()
		.optional()
		.transform((v, ctx) => {
			const parsed = parseBerlinDateTime(v ?? '');
			if (!parsed.ok) {
				const message = parsed.reason === 'gap' ? 'meetTimeGap' : 'meetDateTimeFormat';
				ctx.addIssue({ code: 'custom', message });
				return z.NEVER;
			}
			if (required && !parsed.value) {
				ctx.addIssue({ code: 'custom', message: 'vRequired' });
				return z.NEVER;
			}
			return parsed.value;
		});
}

export const meetingForm = z
	.object({
		bodyId: id,
		name: text(L.name),
		startsAt: dateTime(true),
		endsAt: dateTime(false),
		location: optionalText(L.location),
		state: z.enum(MEETING_STATES, { error: 'meetSelectRequired' }).default('scheduled'),
		legislativeTermId: optionalId
	})
	.superRefine((data, ctx) => {
		if (data.startsAt && data.endsAt && data.endsAt <= data.startsAt)
			ctx.addIssue({ code: 'custom', message: 'meetEndBeforeStart', path: ['endsAt'] });
	})
	.transform((data) => ({ ...data, startsAt: data.startsAt as Date }));

export const agendaItemForm = z.object({
	number: text(L.number),
	title: text(L.itemTitle),
	// Public is the rule (Gemeindeordnung NRW § 48 Abs. 2): the clerk ticks the exception.
	nonPublic: checkbox
});

export const editAgendaItemForm = agendaItemForm.extend({ itemId: id });

export const moveForm = z.object({ itemId: id, direction: z.enum(['up', 'down']) });

/** An uploaded file; browsers send an empty, nameless part when nothing was chosen. */
const upload = z
	.instanceof(File)
	.optional()
	.transform((f) => (f && f.size > 0 ? f : null));

export const paperForm = z
	.object({
		itemId: id,
		paperName: text(L.paperName),
		reference: optionalText(L.reference),
		url: optionalUrl,
		pdf: upload
	})
	.superRefine((data, ctx) => {
		if (!data.url === !data.pdf)
			ctx.addIssue({ code: 'custom', message: 'meetPaperTarget', path: ['url'] });
	});

const confirmed = z.literal('on', { error: 'meetConfirmRequired' });

export const confirmForm = z.object({ confirm: confirmed });
export const deleteItemForm = z.object({ itemId: id, confirm: confirmed });
export const deletePaperForm = z.object({ paperId: id, confirm: confirmed });
export const deleteMembershipForm = z.object({ membershipId: id, confirm: confirmed });

export type BodyFormData = z.output<typeof bodyForm>;
export type MeetingFormData = z.output<typeof meetingForm>;
export type PersonFormData = z.output<typeof personForm>;

/** What the clerk typed, echoed back after a refused submit (files are never echoed). */
export function echoForm(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value === 'string' && !(key in values)) values[key] = value.slice(0, L.url);
	}
	return values;
}
