import { z } from 'zod';
import { LIMITS, QUESTION_TYPES } from '../../surveys/types.ts';
import { MAX_CODES_PER_BATCH } from './codes.ts';
import { parseBerlinDateTime } from './local-time.ts';

// Schemas of the survey builder's forms, with message keys as messages (see http/forms.ts). The
// question form, which is more than a schema, is in question-form.ts.

export const LIMITS_SURVEY = { title: 200, intro: 2000, pageTitle: 200 } as const;

const MODES = ['account', 'code', 'open'] as const;
const VISIBILITIES = ['after_vote', 'after_close', 'planners'] as const;
const KINDS = ['survey', 'poll'] as const;

const title = z
	.string({ error: 'vRequired' })
	.trim()
	.min(1, 'vRequired')
	.max(LIMITS_SURVEY.title, `vTooLong:${LIMITS_SURVEY.title}`);

const berlinDate = z
	.string()
	.optional()
	.transform((v, ctx) => {
		const parsed = parseBerlinDateTime(v ?? '');
		if (parsed.ok) return parsed.value;
		ctx.addIssue({ code: 'custom', message: parsed.reason === 'gap' ? 'sbDateGap' : 'sbDate' });
		return z.NEVER;
	});

export const createForm = z.object({
	consultationId: z.uuid('sbConsultationMissing'),
	kind: z.enum(KINDS, 'sbKindMissing'),
	title,
	mode: z.enum(MODES, 'sbModeMissing')
});

export const settingsForm = z
	.object({
		title,
		intro: z
			.string()
			.trim()
			.max(LIMITS_SURVEY.intro, `vTooLong:${LIMITS_SURVEY.intro}`)
			.optional()
			.transform((v) => v ?? ''),
		mode: z.enum(MODES, 'sbModeMissing'),
		opensAt: berlinDate,
		closesAt: berlinDate,
		resultsVisibility: z.enum(VISIBILITIES, 'sbVisibilityMissing').optional()
	})
	.superRefine((s, ctx) => {
		if (s.opensAt && s.closesAt && s.closesAt <= s.opensAt) {
			ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'sbClosesBeforeOpens' });
		}
	});
export type SettingsInput = z.output<typeof settingsForm>;

export const pageForm = z.object({
	title: z
		.string()
		.trim()
		.max(LIMITS_SURVEY.pageTitle, `vTooLong:${LIMITS_SURVEY.pageTitle}`)
		.optional()
		.transform((v) => v ?? '')
});

export const addQuestionForm = z.object({
	questionTitle: z
		.string({ error: 'vRequired' })
		.trim()
		.min(1, 'vRequired')
		.max(LIMITS.title, `vTooLong:${LIMITS.title}`),
	type: z.enum(QUESTION_TYPES, 'sbTypeMissing'),
	pageId: z.uuid('sbPageMissing')
});

export const typeForm = z.object({ type: z.enum(QUESTION_TYPES, 'sbTypeMissing') });

export const questionTextForm = z.object({
	title: z
		.string({ error: 'vRequired' })
		.trim()
		.min(1, 'vRequired')
		.max(LIMITS.title, `vTooLong:${LIMITS.title}`),
	help: z
		.string()
		.trim()
		.max(LIMITS.help, `vTooLong:${LIMITS.help}`)
		.optional()
		.transform((v) => v ?? '')
});

export const codesForm = z.object({
	count: z
		.string({ error: 'sbCodesCount' })
		.trim()
		.regex(/^\d{1,6}$/, 'sbCodesCount')
		.transform(Number)
		.pipe(z.number().min(1, 'sbCodesCount').max(MAX_CODES_PER_BATCH, 'sbCodesCount'))
});

/** "Umfrage Marktplatz 2026" → "umfrage-marktplatz-2026", for download file names. */
export function fileSlug(text: string): string {
	return (
		text
			.toLowerCase()
			.replace(/ä/g, 'ae')
			.replace(/ö/g, 'oe')
			.replace(/ü/g, 'ue')
			.replace(/ß/g, 'ss')
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60)
			.replace(/-+$/, '') || 'umfrage'
	);
}
