import { fieldName, NO_ANSWER, OTHER, type AnswerMap, type Question } from './types.ts';

/** Form field values by field name; what the question components render from. */
export type FieldValues = Record<string, string[]>;

/** Turns stored answers back into form field values, to prefill a page. */
export function answersToFields(questions: Question[], answers: AnswerMap): FieldValues {
	const out: FieldValues = {};
	for (const q of questions) {
		const a = answers[q.id] as Record<string, unknown> | undefined;
		if (!a) continue;
		switch (q.type) {
			case 'single': {
				const v = a as { choice: string; other?: string };
				out[fieldName(q.id)] = [v.choice];
				if (v.other) out[fieldName(q.id, 'other')] = [v.other];
				break;
			}
			case 'multiple': {
				const v = a as { choices: string[]; other?: string };
				out[fieldName(q.id)] = [...v.choices];
				if (v.other) out[fieldName(q.id, 'other')] = [v.other];
				break;
			}
			case 'ranking':
				(a as { order: string[] }).order.forEach(
					(id, i) => (out[fieldName(q.id, id)] = [String(i + 1)])
				);
				break;
			case 'matrix':
				for (const [row, value] of Object.entries((a as { rows: Record<string, string> }).rows)) {
					out[fieldName(q.id, row)] = [value];
				}
				break;
			case 'budget':
				for (const [opt, value] of Object.entries(
					(a as { allocation: Record<string, number> }).allocation
				)) {
					out[fieldName(q.id, opt)] = [String(value)];
				}
				break;
			case 'short_text':
			case 'long_text':
				out[fieldName(q.id)] = [(a as { text: string }).text];
				break;
			case 'rating':
			case 'number':
				out[fieldName(q.id)] = [String((a as { value: number }).value)];
				break;
		}
	}
	return out;
}

/** The raw `q.*` fields of a posted form, kept to re-render a page that failed validation. */
export function formFields(form: FormData): FieldValues {
	const out: FieldValues = {};
	for (const [key, value] of form.entries()) {
		if (!key.startsWith('q.') || typeof value !== 'string') continue;
		(out[key] ??= []).push(value.slice(0, 6000));
	}
	return out;
}

export { NO_ANSWER, OTHER };
