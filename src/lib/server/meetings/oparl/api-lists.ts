/**
 * Paginated external object lists as OParl 1.1 defines them (chapter "Objektlisten und
 * Paginierung"): `data`, `pagination`, `links`, a stable order, and the filters created_since,
 * created_until, modified_since, modified_until, which every following page must keep.
 */

export const DEFAULT_PER_PAGE = 100;
export const MAX_PER_PAGE = 500;

export interface ListQuery {
	createdSince?: Date;
	createdUntil?: Date;
	modifiedSince?: Date;
	modifiedUntil?: Date;
	page: number;
	perPage: number;
}

export type ParsedListQuery = { ok: true; query: ListQuery } | { ok: false; message: string };

// The specification asks for a full date-time with offset, e.g. 2014-01-01T00:00:00+01:00.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;

const FILTERS = {
	created_since: 'createdSince',
	created_until: 'createdUntil',
	modified_since: 'modifiedSince',
	modified_until: 'modifiedUntil'
} as const;

function parseDateTime(raw: string): Date | null {
	// An unencoded "+01:00" arrives as " 01:00" (a plus in a query string is a space).
	const value = raw.replace(/ (\d{2}:?\d{2})$/, '+$1');
	if (!DATE_TIME.test(value)) return null;
	const date = new Date(value);
	return Number.isNaN(date.getTime()) ? null : date;
}

function parsePositive(raw: string | null, fallback: number): number | null {
	if (raw === null) return fallback;
	if (!/^\d{1,9}$/.test(raw)) return null;
	const n = Number(raw);
	return n >= 1 ? n : null;
}

export function parseListQuery(params: URLSearchParams): ParsedListQuery {
	const query: ListQuery = { page: 1, perPage: DEFAULT_PER_PAGE };
	for (const [param, key] of Object.entries(FILTERS)) {
		const raw = params.get(param);
		if (raw === null) continue;
		const date = parseDateTime(raw);
		if (!date) {
			return {
				ok: false,
				message: `${param} must be a date-time with time zone offset, e.g. 2026-01-01T00:00:00+01:00`
			};
		}
		query[key] = date;
	}
	const page = parsePositive(params.get('page'), 1);
	if (page === null) return { ok: false, message: 'page must be a positive integer' };
	// `limit` (OParl 1.0 clients) and `elementsPerPage` (1.1) both ask for a page size; the
	// specification lets the server answer with fewer.
	const asked = params.get('elementsPerPage') ?? params.get('limit');
	const perPage = parsePositive(asked, DEFAULT_PER_PAGE);
	if (perPage === null) {
		return { ok: false, message: 'elementsPerPage/limit must be a positive integer' };
	}
	query.page = page;
	query.perPage = Math.min(perPage, MAX_PER_PAGE);
	return { ok: true, query };
}

export interface ListPage<T> {
	data: T[];
	pagination: {
		totalElements: number;
		elementsPerPage: number;
		currentPage: number;
		totalPages: number;
	};
	links: { first: string; prev?: string; self: string; next?: string; last: string };
}

/** The URL of one page of a list, keeping the client's filters (the specification requires it). */
function pageUrl(listUrl: string, query: ListQuery, page: number): string {
	const url = new URL(listUrl);
	for (const [param, key] of Object.entries(FILTERS)) {
		const value = query[key];
		if (value) url.searchParams.set(param, value.toISOString());
	}
	if (query.perPage !== DEFAULT_PER_PAGE)
		url.searchParams.set('elementsPerPage', String(query.perPage));
	if (page > 1) url.searchParams.set('page', String(page));
	return url.href;
}

export function listPage<T>(
	listUrl: string,
	query: ListQuery,
	data: T[],
	totalElements: number
): ListPage<T> {
	const totalPages = Math.max(1, Math.ceil(totalElements / query.perPage));
	const at = (page: number) => pageUrl(listUrl, query, page);
	return {
		data,
		pagination: {
			totalElements,
			elementsPerPage: query.perPage,
			currentPage: query.page,
			totalPages
		},
		links: {
			first: at(1),
			...(query.page > 1 ? { prev: at(Math.min(query.page - 1, totalPages)) } : {}),
			self: at(query.page),
			...(query.page < totalPages ? { next: at(query.page + 1) } : {}),
			last: at(totalPages)
		}
	};
}
