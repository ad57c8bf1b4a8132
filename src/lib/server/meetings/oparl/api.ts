import type { Db } from '../../db/index.ts';
import { isUuid } from '../../db/ids.ts';
import { listPage, parseListQuery, type ListQuery } from './api-lists.ts';
import {
	agendaItemObject,
	chapterTimes,
	fileObject,
	locationObject,
	meetingObject,
	membershipObject,
	organizationObject,
	personObject,
	termObject,
	type OparlObject
} from './api-objects.ts';
import {
	oparlBodyDates,
	oparlQueries as Q,
	type AgendaItemRow,
	type MeetingRow,
	type Page,
	type PersonRow
} from './api.repository.ts';
import {
	BODY_ID,
	OPARL_SCHEMA,
	isOparlList,
	oparlUrls,
	type OparlList,
	type OparlSite,
	type OparlUrls
} from './api-urls.ts';

/** What a route answers: a status and a JSON body. */
export interface OparlResult {
	status: number;
	body: unknown;
}

const notFound = (what: string): OparlResult => ({
	status: 404,
	body: { error: 'not found', message: `${what} does not exist` }
});

// When the API has no data yet, System and Body still need a creation date.
const API_SINCE = new Date('2026-11-25T00:00:00Z');

async function bodyDates(db: Db) {
	const dates = await oparlBodyDates(db);
	const created = dates.created ?? API_SINCE;
	const modified = dates.modified && dates.modified > created ? dates.modified : created;
	return { created: created.toISOString(), modified: modified.toISOString() };
}

export async function oparlSystem(db: Db, site: OparlSite): Promise<OparlResult> {
	const u = oparlUrls(site.origin);
	return {
		status: 200,
		body: {
			id: u.system,
			type: `${OPARL_SCHEMA}System`,
			oparlVersion: OPARL_SCHEMA,
			body: u.list('bodies'),
			name: site.siteName,
			contactEmail: site.operatorEmail,
			contactName: site.operatorName,
			website: `${site.origin}/`,
			...(await bodyDates(db))
		}
	};
}

async function townBody(db: Db, site: OparlSite): Promise<OparlObject> {
	const u = oparlUrls(site.origin);
	const terms = await Q.terms.all(db);
	return {
		id: u.body,
		type: `${OPARL_SCHEMA}Body`,
		system: u.system,
		name: site.operatorName,
		website: `${site.origin}/`,
		contactEmail: site.operatorEmail,
		contactName: site.operatorName,
		organization: u.list('organizations'),
		person: u.list('persons'),
		meeting: u.list('meetings'),
		paper: u.list('papers'),
		agendaItem: u.list('agenda-items'),
		consultation: u.list('consultations'),
		file: u.list('files'),
		membership: u.list('memberships'),
		locationList: u.list('locations'),
		legislativeTermList: u.list('legislative-terms'),
		legislativeTerm: terms.map((t) => termObject(u, t)),
		...(await bodyDates(db))
	};
}

/** Agenda items with their public papers and chapter times, grouped per meeting. */
async function agendaItemObjects(
	db: Db,
	u: OparlUrls,
	meetings: MeetingRow[],
	only?: Set<string>
): Promise<Map<string, OparlObject[]>> {
	const items = await Q.agendaItems.ofMeetings(
		db,
		meetings.map((m) => m.id)
	);
	const files = await Q.files.ofItems(
		db,
		items.filter((i) => i.public).map((i) => i.id)
	);
	const result = new Map<string, OparlObject[]>();
	for (const meeting of meetings) {
		const own = items.filter((i) => i.meeting_id === meeting.id);
		const times = chapterTimes(meeting, own);
		for (const item of own) {
			if (only ? !only.has(item.id) : item.deleted_at) continue;
			const objects = result.get(meeting.id) ?? [];
			const itemFiles = files
				.filter((f) => f.agenda_item_id === item.id)
				.map((f) => fileObject(u, f));
			objects.push(agendaItemObject(u, item, { times: times.get(item.id), files: itemFiles }));
			result.set(meeting.id, objects);
		}
	}
	return result;
}

function recordingFile(u: OparlUrls, m: MeetingRow): OparlObject | null {
	if (!m.recording_id || !m.recording_prefix || m.recording_deleted_at || !m.recording_created) {
		return null;
	}
	return fileObject(u, {
		id: m.recording_id,
		kind: 'recording',
		name: m.name,
		url: null,
		file_id: null,
		mime_type: null,
		size_bytes: null,
		original_name: null,
		meeting_id: m.id,
		agenda_item_id: null,
		deleted_at: null,
		created: m.recording_created,
		modified: m.modified
	});
}

async function meetingObjects(db: Db, u: OparlUrls, rows: MeetingRow[]): Promise<OparlObject[]> {
	const items = await agendaItemObjects(
		db,
		u,
		rows.filter((m) => !m.deleted_at)
	);
	return rows.map((m) =>
		meetingObject(u, m, { items: items.get(m.id) ?? [], recording: recordingFile(u, m) })
	);
}

async function itemObjects(db: Db, u: OparlUrls, rows: AgendaItemRow[]): Promise<OparlObject[]> {
	const meetings = await Q.meetings.ofIds(db, [...new Set(rows.map((r) => r.meeting_id))]);
	const byMeeting = await agendaItemObjects(db, u, meetings, new Set(rows.map((r) => r.id)));
	const objects = new Map([...byMeeting.values()].flat().map((o) => [o.id, o]));
	return rows.map((r) => objects.get(u.object('agenda-items', r.id))!);
}

/** Persons with their current memberships embedded (as OParl 1.1's example shows them). */
async function personObjects(db: Db, u: OparlUrls, rows: PersonRow[]): Promise<OparlObject[]> {
	const memberships = await Q.memberships.ofPersons(
		db,
		rows.filter((r) => !r.deleted_at).map((r) => r.id)
	);
	return rows.map((r) =>
		personObject(
			u,
			r,
			memberships.filter((m) => m.person_id === r.id).map((m) => membershipObject(u, m))
		)
	);
}

type Lister = (db: Db, u: OparlUrls, q: ListQuery) => Promise<Page<OparlObject>>;
type Finder = (db: Db, u: OparlUrls, id: string) => Promise<OparlObject | null>;

const mapPage = async <R>(
	page: Page<R>,
	f: (rows: R[]) => Promise<OparlObject[]> | OparlObject[]
) => ({
	rows: await f(page.rows),
	total: page.total
});
const emptyPage: Lister = async () => ({ rows: [], total: 0 });

const LISTS: Record<Exclude<OparlList, 'bodies'>, { list: Lister; find: Finder }> = {
	organizations: {
		list: async (db, u, q) =>
			mapPage(await Q.organizations.list(db, q), (r) => r.map((x) => organizationObject(u, x))),
		find: async (db, u, id) => {
			const row = await Q.organizations.find(db, id);
			return row ? organizationObject(u, row) : null;
		}
	},
	persons: {
		list: async (db, u, q) => mapPage(await Q.persons.list(db, q), (r) => personObjects(db, u, r)),
		find: async (db, u, id) => {
			const row = await Q.persons.find(db, id);
			return row ? (await personObjects(db, u, [row]))[0]! : null;
		}
	},
	memberships: {
		list: async (db, u, q) =>
			mapPage(await Q.memberships.list(db, q), (r) => r.map((x) => membershipObject(u, x))),
		find: async (db, u, id) => {
			const row = await Q.memberships.find(db, id);
			return row ? membershipObject(u, row) : null;
		}
	},
	'legislative-terms': {
		list: async (db, u, q) =>
			mapPage(await Q.terms.list(db, q), (r) => r.map((x) => termObject(u, x))),
		find: async (db, u, id) => {
			const row = await Q.terms.find(db, id);
			return row ? termObject(u, row) : null;
		}
	},
	meetings: {
		list: async (db, u, q) =>
			mapPage(await Q.meetings.list(db, q), (r) => meetingObjects(db, u, r)),
		find: async (db, u, id) => {
			const row = await Q.meetings.find(db, id);
			return row ? (await meetingObjects(db, u, [row]))[0]! : null;
		}
	},
	'agenda-items': {
		list: async (db, u, q) =>
			mapPage(await Q.agendaItems.list(db, q), (r) => itemObjects(db, u, r)),
		find: async (db, u, id) => {
			const row = await Q.agendaItems.find(db, id);
			return row ? (await itemObjects(db, u, [row]))[0]! : null;
		}
	},
	files: {
		list: async (db, u, q) =>
			mapPage(await Q.files.list(db, q), (r) => r.map((x) => fileObject(u, x))),
		find: async (db, u, id) => {
			const row = await Q.files.find(db, id);
			return row ? fileObject(u, row) : null;
		}
	},
	locations: {
		list: async (db, u, q) =>
			mapPage(await Q.locations.list(db, q), (r) => r.map((x) => locationObject(u, x))),
		find: async (db, u, id) => {
			const row = await Q.locations.find(db, id);
			return row ? locationObject(u, row) : null;
		}
	},
	// Our papers are published as Files of their agenda items; Paper and Consultation lists exist
	// because a Body must link them, and stay empty.
	papers: { list: emptyPage, find: async () => null },
	consultations: { list: emptyPage, find: async () => null }
};

/** The list of our one Body, with the filters applied to it like to any other object. */
async function bodyList(db: Db, site: OparlSite, q: ListQuery): Promise<Page<OparlObject>> {
	const body = await townBody(db, site);
	const created = new Date(body.created as string);
	const modified = new Date(body.modified as string);
	const shown =
		(!q.createdSince || created >= q.createdSince) &&
		(!q.createdUntil || created <= q.createdUntil) &&
		(!q.modifiedSince || modified >= q.modifiedSince) &&
		(!q.modifiedUntil || modified <= q.modifiedUntil);
	if (!shown) return { rows: [], total: 0 };
	return { rows: q.page === 1 ? [body] : [], total: 1 };
}

export async function oparlList(
	db: Db,
	site: OparlSite,
	list: string,
	params: URLSearchParams
): Promise<OparlResult> {
	if (!isOparlList(list)) return notFound(`The list ${list}`);
	const parsed = parseListQuery(params);
	if (!parsed.ok) return { status: 400, body: { error: 'bad request', message: parsed.message } };
	const u = oparlUrls(site.origin);
	const page =
		list === 'bodies'
			? await bodyList(db, site, parsed.query)
			: await LISTS[list].list(db, u, parsed.query);
	return { status: 200, body: listPage(u.list(list), parsed.query, page.rows, page.total) };
}

export async function oparlObject(
	db: Db,
	site: OparlSite,
	list: string,
	id: string
): Promise<OparlResult> {
	if (!isOparlList(list)) return notFound(`The list ${list}`);
	if (list === 'bodies') {
		return id === BODY_ID ? { status: 200, body: await townBody(db, site) } : notFound('The body');
	}
	if (!isUuid(id)) return notFound('The object');
	const object = await LISTS[list].find(db, oparlUrls(site.origin), id);
	return object ? { status: 200, body: object } : notFound('The object');
}

/** For the File access address: 410 once a file is deleted (OParl 1.1), else where it is. */
export async function oparlFileAccess(
	db: Db,
	site: OparlSite,
	id: string
): Promise<{ status: 404 | 410 } | { status: 302; location: string }> {
	if (!isUuid(id)) return { status: 404 };
	const row = await Q.files.find(db, id);
	if (!row) return { status: 404 };
	if (row.deleted_at) return { status: 410 };
	return { status: 302, location: fileObject(oparlUrls(site.origin), row).accessUrl as string };
}
