import { z } from 'zod';
import { format, messages, type Locale, type MessageKey } from '../../i18n/index.ts';

// Issue messages are message keys, optionally with one numeric parameter ("vTooLong:200"),
// translated once here so schemas stay language-free.
export const fields = {
	text: (max: number) =>
		z.string({ error: 'vRequired' }).trim().min(1, 'vRequired').max(max, `vTooLong:${max}`),
	optionalText: (max: number) =>
		z
			.string({ error: 'vRequired' })
			.trim()
			.max(max, `vTooLong:${max}`)
			.optional()
			.transform((v) => (v ? v : null)),
	email: () =>
		z
			.string({ error: 'vRequired' })
			.trim()
			.min(1, 'vRequired')
			.max(254, 'vTooLong:254')
			.regex(/^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/, 'vEmail')
			.transform((v) => v.toLowerCase()),
	optionalEmail: () =>
		z
			.string()
			.trim()
			.max(254, 'vTooLong:254')
			.optional()
			.refine((v) => !v || /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(v), 'vEmail')
			.transform((v) => (v ? v.toLowerCase() : null)),
	// Length rules for new passwords live in passwords.ts; this only bounds what we hash.
	password: () => z.string({ error: 'vRequired' }).min(1, 'vRequired').max(200, 'passwordTooLong')
};

export type FormErrors = Record<string, string>;

/** One message for one field (`form` for the whole form), typed like a full error map. */
export function fieldError(field: string, message: string): FormErrors {
	return { [field]: message };
}
export type FormValues = Record<string, string>;

export type ParsedForm<T> =
	{ ok: true; data: T } | { ok: false; errors: FormErrors; values: FormValues };

/** Never echoed back to the page. */
const SECRET = /password/i;

export function formValues(form: FormData): FormValues {
	const values: FormValues = {};
	for (const [key, value] of form.entries()) {
		if (typeof value === 'string' && !SECRET.test(key) && !(key in values)) {
			values[key] = value.slice(0, 2000);
		}
	}
	return values;
}

export function translateIssue(message: string, locale: Locale): string {
	const [key, param] = message.split(':');
	const m = messages(locale);
	const template = key && key in m ? m[key as MessageKey] : m.vRequired;
	return param ? format(template, { max: param, min: param }) : template;
}

export function parseForm<T extends z.ZodType>(
	schema: T,
	form: FormData,
	locale: Locale
): ParsedForm<z.output<T>> {
	const raw: Record<string, unknown> = {};
	for (const key of new Set(form.keys())) raw[key] = form.get(key);
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, data: result.data };
	const errors: FormErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= translateIssue(issue.message, locale);
	}
	return { ok: false, errors, values: formValues(form) };
}
