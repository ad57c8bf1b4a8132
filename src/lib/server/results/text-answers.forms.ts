import { z } from 'zod';
import type { MessageKey } from '../../i18n/index.ts';
import { isUuid } from '../db/ids.ts';
import { cleanText, HIDE_REASON_MAX, THEME_LABEL_MAX } from '../../results/text-query.ts';

// Schemas of the free-text page's forms and query. Messages are message keys (see
// http/forms.ts), so the schemas stay language-free.

// More than any question will have; bounds the work a forged coding form can ask for.
const MAX_THEMES_PER_ANSWER = 200;

const uuid = (message: string) => z.string({ error: message }).trim().refine(isUuid, message);

const label = z
	.string({ error: 'rxThemeLabelRequired' })
	.overwrite(cleanText)
	.trim()
	.min(1, 'rxThemeLabelRequired')
	.max(THEME_LABEL_MAX, `rxThemeLabelTooLong:${THEME_LABEL_MAX}`);

export const createThemeForm = z.object({ label });
export const renameThemeForm = z.object({ themeId: uuid('rxThemeUnknown'), label });
export const themeForm = z.object({ themeId: uuid('rxThemeUnknown') });
export const answerForm = z.object({ responseId: uuid('rxAnswerUnknown') });
export const hideForm = z.object({
	responseId: uuid('rxAnswerUnknown'),
	reason: z
		.string()
		.overwrite(cleanText)
		.trim()
		.max(HIDE_REASON_MAX, `rxReasonTooLong:${HIDE_REASON_MAX}`)
		.optional()
		.transform((v) => v ?? '')
});

/** The coding form sends one `themeId` per ticked box, so it is read with getAll. */
export function readCodingForm(
	form: FormData
): { ok: true; responseId: string; themeIds: string[] } | { ok: false; message: MessageKey } {
	const responseId = form.get('responseId');
	if (typeof responseId !== 'string' || !isUuid(responseId)) {
		return { ok: false, message: 'rxAnswerUnknown' };
	}
	const themeIds = form.getAll('themeId');
	if (themeIds.length > MAX_THEMES_PER_ANSWER) return { ok: false, message: 'rxThemeUnknown' };
	if (!themeIds.every((id): id is string => typeof id === 'string' && isUuid(id))) {
		return { ok: false, message: 'rxThemeUnknown' };
	}
	return { ok: true, responseId, themeIds: [...new Set(themeIds)] };
}

/** A theme deletion needs the ticked confirmation box (ConfirmCheckbox). */
export const deleteThemeForm = themeForm.extend({
	confirm: z.literal('on', { error: 'rxConfirmRequired' })
});
