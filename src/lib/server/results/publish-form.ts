import { z } from 'zod';
import { fields, parseForm, type FormErrors, type ParsedForm } from '../http/forms.ts';
import { messages, type Locale } from '../../i18n/index.ts';
import {
	PUBLICATION_LIMITS,
	type CrossTabSpec,
	type SegmentRef
} from '../../results/publication.ts';
import type { PublishInput } from './publish.service.ts';

const { crossTabs: MAX_CROSS_TABS, ...LIMITS } = PUBLICATION_LIMITS;

const textsForm = z.object({
	title: fields.text(LIMITS.title),
	description: z.string().trim().max(LIMITS.description, `vTooLong:${LIMITS.description}`),
	feedback: z.string().trim().max(LIMITS.feedback, `vTooLong:${LIMITS.feedback}`)
});

// The same notation as the dashboard's `nach=`: question id, and for a matrix row ":<row id>".
const REF = /^([0-9a-f-]{36})(?::([A-Za-z0-9_-]{1,40}))?$/i;

export function parseRef(value: string): SegmentRef | null {
	const match = REF.exec(value);
	if (!match) return null;
	return match[2] ? { questionId: match[1]!, rowId: match[2] } : { questionId: match[1]! };
}

export const refValue = (r: SegmentRef) => (r.rowId ? `${r.questionId}:${r.rowId}` : r.questionId);

const slotText = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v.trim() : '';
};

/** Filled slots as specs; a half-filled, malformed or self-crossing slot is a field error. */
function parseCrossTabs(
	form: FormData,
	locale: Locale
): { specs: CrossTabSpec[]; errors: FormErrors } {
	const m = messages(locale);
	const specs: CrossTabSpec[] = [];
	const errors: FormErrors = {};
	for (let i = 0; i < MAX_CROSS_TABS; i++) {
		const [byText, targetText] = [slotText(form, `by-${i}`), slotText(form, `target-${i}`)];
		if (!byText && !targetText) continue;
		const by = parseRef(byText);
		const target = parseRef(targetText);
		if (!by || !target) errors[by ? `target-${i}` : `by-${i}`] = m.rpCrossTabIncomplete;
		else if (refValue(by) === refValue(target)) errors[`target-${i}`] = m.rpCrossTabSame;
		else if (!specs.some((s) => refValue(s.by) === byText && refValue(s.target) === targetText))
			specs.push({ by, target });
	}
	return { specs, errors };
}

/** The publish form: texts plus up to MAX_CROSS_TABS pairs of questions. */
export function parsePublishForm(form: FormData, locale: Locale): ParsedForm<PublishInput> {
	const texts = parseForm(textsForm, form, locale);
	const crossTabs = parseCrossTabs(form, locale);
	if (!texts.ok || Object.keys(crossTabs.errors).length) {
		const errors = { ...(texts.ok ? {} : texts.errors), ...crossTabs.errors };
		const values: Record<string, string> = {};
		for (const [key, value] of form.entries()) {
			if (typeof value === 'string') values[key] = value.slice(0, LIMITS.feedback);
		}
		return { ok: false, errors, values };
	}
	const { title, description, feedback } = texts.data;
	return {
		ok: true,
		data: { title, description, feedbackMd: feedback, crossTabs: crossTabs.specs }
	};
}

/** The form slot a parsed cross-tab came from, to put a field error beside it. */
export function crossTabSlot(form: FormData, spec: CrossTabSpec): number {
	for (let i = 0; i < MAX_CROSS_TABS; i++) {
		if (
			slotText(form, `by-${i}`) === refValue(spec.by) &&
			slotText(form, `target-${i}`) === refValue(spec.target)
		)
			return i;
	}
	return 0;
}
