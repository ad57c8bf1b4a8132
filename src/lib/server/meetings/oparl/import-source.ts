import { OparlImportError } from './import-fetch.ts';

// Reads everything an import needs from an OParl System or Body, following the lists' pages.
// Nothing is written while reading: a failure anywhere leaves the database as it was.

export interface SourceLimits {
	/** Pages per list at most; a list that goes on is treated like a loop. */
	maxPages: number;
}

export interface SourceData {
	organizations: unknown[];
	persons: unknown[];
	memberships: unknown[];
	terms: unknown[];
	meetings: unknown[];
	papers: unknown[];
}

type Fetch = (url: string) => Promise<unknown>;
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** `https://schema.oparl.org/1.1/Body` → `Body` (1.0 and 1.1). */
function typeOf(value: unknown): string | null {
	if (!isObject(value) || typeof value.type !== 'string') return null;
	const match = /^https:\/\/schema\.oparl\.org\/1\.[01]\/(\w+)$/.exec(value.type);
	return match ? match[1]! : null;
}

export async function readList(
	url: string,
	fetch: Fetch,
	limits: SourceLimits
): Promise<unknown[]> {
	const data: unknown[] = [];
	const seen = new Set<string>();
	let next: string | undefined = url;
	while (next) {
		if (seen.has(next)) {
			throw new OparlImportError(
				`Die Seiten der Liste ${url} verweisen im Kreis (${next} kam schon einmal); der Import wurde abgebrochen.`
			);
		}
		if (seen.size >= limits.maxPages) {
			throw new OparlImportError(
				`Die Liste ${url} hat mehr als ${limits.maxPages} Seiten; der Import wurde abgebrochen.`
			);
		}
		seen.add(next);
		const page = await fetch(next);
		if (!isObject(page) || !Array.isArray(page.data)) {
			throw new OparlImportError(`${next} ist keine OParl-Liste (das Feld „data“ fehlt).`);
		}
		data.push(...page.data);
		const links = isObject(page.links) ? page.links : {};
		next = typeof links.next === 'string' && links.next ? links.next : undefined;
	}
	return data;
}

const listUrl = (body: Json, key: string) =>
	typeof body[key] === 'string' ? (body[key] as string) : null;

async function readBody(body: Json, fetch: Fetch, limits: SourceLimits, into: SourceData) {
	const read = async (key: string) => {
		const url = listUrl(body, key);
		return url ? readList(url, fetch, limits) : [];
	};
	into.organizations.push(...(await read('organization')));
	into.persons.push(...(await read('person')));
	into.meetings.push(...(await read('meeting')));
	into.papers.push(...(await read('paper')));
	// Body.membership and Body.legislativeTermList are new in 1.1; 1.0 embeds them elsewhere.
	into.memberships.push(...(await read('membership')));
	if (listUrl(body, 'legislativeTermList')) into.terms.push(...(await read('legislativeTermList')));
	else if (Array.isArray(body.legislativeTerm)) into.terms.push(...body.legislativeTerm);
}

/** Reads a System (all its bodies) or a single Body. */
export async function readSource(
	startUrl: string,
	fetch: Fetch,
	limits: SourceLimits
): Promise<SourceData> {
	const start = await fetch(startUrl);
	const type = typeOf(start);
	let bodies: unknown[];
	if (type === 'System' && typeof (start as Json).body === 'string') {
		bodies = await readList((start as Json).body as string, fetch, limits);
	} else if (type === 'Body') {
		bodies = [start];
	} else {
		throw new OparlImportError(
			`Unter ${startUrl} liegt weder ein OParl-System noch eine OParl-Körperschaft (Body).`
		);
	}
	const data: SourceData = {
		organizations: [],
		persons: [],
		memberships: [],
		terms: [],
		meetings: [],
		papers: []
	};
	for (const body of bodies) {
		if (isObject(body) && typeOf(body) === 'Body' && body.deleted !== true) {
			await readBody(body, fetch, limits, data);
		}
	}
	return data;
}
