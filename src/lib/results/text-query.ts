// The address of the planners' free-text page: `frage`, `suche`, `thema` (a theme id or `ohne`),
// `ausgeblendet=1`, `seite`. Shared by the server (which reads it) and the page (which builds
// links and form actions from it). Whether the question and theme exist is the service's business.

import type { MessageKey } from '../i18n/index.ts';

export type ThemeFilter = { kind: 'all' } | { kind: 'none' } | { kind: 'theme'; themeId: string };

export const SEARCH_MAX = 200;
export const THEME_LABEL_MAX = 80;
export const HIDE_REASON_MAX = 200;
// Beyond this a page number is not a page but an attempt to make the database count.
const MAX_PAGE = 100_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (v: string) => UUID.test(v);

export interface TextQuery {
	/** null: the first question that has free text. */
	questionId: string | null;
	search: string;
	theme: ThemeFilter;
	showHidden: boolean;
	page: number;
}

// Answers are stored NFC-normalised without control characters (surveys/answer-rules.ts), so a
// search and a theme label are cleaned the same way: a decomposed "ü" from a Mac keyboard still
// finds "ü", and a NUL (which PostgreSQL text cannot hold) never reaches a query.
export function cleanText(raw: string): string {
	return raw
		.toWellFormed()
		.normalize('NFC')
		.replace(/\p{Cc}/gu, ' ');
}

/** Messages are message keys ("rx…"). */
export function parseTextQuery(
	params: URLSearchParams
): { ok: true; query: TextQuery } | { ok: false; message: MessageKey } {
	const questionId = params.get('frage') || null;
	if (questionId !== null && !isUuid(questionId))
		return { ok: false, message: 'rxQuestionUnknown' };
	const search = cleanText(params.get('suche') ?? '').trim();
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

/** Back to the address ("" or "?…"), leaving out defaults, so links stay short. */
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

/** A form action on the current view, so the page after a POST without script keeps it. */
export function textAction(q: TextQuery, action: string): string {
	const s = textQueryString(q);
	return `${s ? `${s}&` : '?'}/${action}`;
}
