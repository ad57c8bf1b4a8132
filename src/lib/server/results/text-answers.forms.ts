import { z } from 'zod';
import { isUuid } from '../db/ids.ts';
import type { ThemeFilter } from './text-answers.repository.ts';

// Schemas of the free-text page's forms and query. Messages are message keys (see
// http/forms.ts), so the schemas stay language-free.

export const THEME_LABEL_MAX = 80;
export const HIDE_REASON_MAX = 200;
export const SEARCH_MAX = 200;
// More than any question will have; bounds the work a forged coding form can ask for.
const MAX_THEMES_PER_ANSWER = 200;
// Beyond this a page number is not a page but an attempt to make the database count.
const MAX_PAGE = 100_000;

const uuid = (message: string) => z.string({ error: message }).trim().refine(isUuid, message);

const label = z
	.string({ error: 'rxThemeLabelRequired' })
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
		.trim()
		.max(HIDE_REASON_MAX, `rxReasonTooLong:${HIDE_REASON_MAX}`)
		.optional()
		.transform((v) => v ?? '')
});

/** The coding form sends one `themeId` per ticked box, so it is read with getAll. */
export function readCodingForm(
	form: FormData
): { ok: true; responseId: string; themeIds: string[] } | { ok: false; message: string } {
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

export interface TextQuery {
	/** null: the first question that has free text. */
	questionId: string | null;
	search: string;
	theme: ThemeFilter;
	showHidden: boolean;
	page: number;
}

/**
 * The page's address: `frage`, `suche`, `thema` (a theme id or `ohne`), `ausgeblendet=1`,
 * `seite`. Whether the question and theme exist is the service's business.
 */
export function parseTextQuery(
	params: URLSearchParams
): { ok: true; query: TextQuery } | { ok: false; message: string } {
	const questionId = params.get('frage') || null;
	if (questionId !== null && !isUuid(questionId))
		return { ok: false, message: 'rxQuestionUnknown' };
	const search = (params.get('suche') ?? '').trim();
	if (search.length > SEARCH_MAX) return { ok: false, message: 'rxSearchTooLong' };
	const themeParam = params.get('thema') || null;
	let theme: ThemeFilter = { kind: 'all' };
	if (themeParam === 'ohne') theme = { kind: 'none' };
	else if (themeParam !== null) {
		if (!isUuid(themeParam)) return { ok: false, message: 'rxThemeUnknown' };
		theme = { kind: 'theme', themeId: themeParam };
	}
	const pageParam = params.get('seite') ?? '1';
	const page = /^[1-9][0-9]{0,5}$/.test(pageParam) ? Number(pageParam) : NaN;
	if (!(page <= MAX_PAGE)) return { ok: false, message: 'rxPageInvalid' };
	const showHidden = params.get('ausgeblendet') === '1';
	return { ok: true, query: { questionId, search, theme, showHidden, page } };
}

/** Back to the address, leaving out defaults, so links stay short. */
export function textQueryString(q: TextQuery): string {
	const params = new URLSearchParams();
	if (q.questionId) params.set('frage', q.questionId);
	if (q.search) params.set('suche', q.search);
	if (q.theme.kind === 'none') params.set('thema', 'ohne');
	if (q.theme.kind === 'theme') params.set('thema', q.theme.themeId);
	if (q.showHidden) params.set('ausgeblendet', '1');
	if (q.page > 1) params.set('seite', String(q.page));
	const s = params.toString();
	return s ? `?${s}` : '';
}
