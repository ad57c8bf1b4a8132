import type {
	AgendaItemRow,
	FileRow,
	LocationRow,
	MeetingRow,
	MembershipRow,
	OrganizationRow,
	PersonRow,
	TermRow
} from './api.repository.ts';
import { chapterEnds } from '../../../meetings/chapters.ts';
import { OPARL_SCHEMA, type OparlUrls } from './api-urls.ts';

// Rows to OParl 1.1 objects. Optional properties are left out instead of sent as null: the
// schemas type them as string/boolean/array, and null would fail validation.

export type OparlObject = Record<string, unknown> & { id: string; type: string };

const NOT_PUBLIC = 'nicht öffentlich';

function base(
	type: string,
	id: string,
	row: { created: Date; modified: Date; deleted_at: Date | null }
): OparlObject {
	const object: OparlObject = {
		id,
		type: `${OPARL_SCHEMA}${type}`,
		created: row.created.toISOString(),
		modified: row.modified.toISOString()
	};
	if (row.deleted_at) object.deleted = true;
	return object;
}

/** Drops null and undefined values. */
function compact(values: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(values).filter(([, v]) => v !== null && v !== undefined)
	);
}

export function organizationObject(u: OparlUrls, row: OrganizationRow): OparlObject {
	const object = base('Organization', u.object('organizations', row.id), row);
	if (row.deleted_at) return object;
	return {
		...object,
		...compact({
			body: u.body,
			name: row.name,
			shortName: row.short_name,
			organizationType: 'Gremium',
			classification: row.classification,
			startDate: row.start_date,
			endDate: row.end_date,
			website: row.website ?? undefined
		})
	};
}

export function personObject(
	u: OparlUrls,
	row: PersonRow,
	memberships: OparlObject[]
): OparlObject {
	const object = base('Person', u.object('persons', row.id), row);
	if (row.deleted_at) return object;
	return {
		...object,
		...(memberships.length ? { membership: memberships } : {}),
		...compact({
			body: u.body,
			name: row.name,
			familyName: row.family_name,
			givenName: row.given_name,
			formOfAddress: row.form_of_address,
			title: row.title ? [row.title] : undefined
		})
	};
}

export function membershipObject(u: OparlUrls, row: MembershipRow): OparlObject {
	const object = base('Membership', u.object('memberships', row.id), row);
	if (row.deleted_at) return object;
	return {
		...object,
		...compact({
			person: u.object('persons', row.person_id),
			organization: u.object('organizations', row.body_id),
			role: row.role,
			votingRight: row.voting_right,
			startDate: row.start_date,
			endDate: row.end_date
		})
	};
}

export function termObject(u: OparlUrls, row: TermRow): OparlObject {
	const object = base('LegislativeTerm', u.object('legislative-terms', row.id), row);
	if (row.deleted_at) return object;
	return {
		...object,
		...compact({ body: u.body, name: row.name, startDate: row.start_date, endDate: row.end_date })
	};
}

export function locationObject(u: OparlUrls, row: LocationRow): OparlObject {
	const object = base('Location', u.object('locations', row.id), row);
	if (row.deleted_at || !row.location) return object;
	return { ...object, description: row.location, meetings: [u.object('meetings', row.id)] };
}

export function fileObject(u: OparlUrls, row: FileRow): OparlObject {
	const id = u.object('files', row.id);
	const object = base('File', id, row);
	// accessUrl is required even for a deleted File; its address then answers 410 Gone.
	if (row.deleted_at) return { ...object, accessUrl: u.fileAccess(row.id) };
	if (row.kind === 'recording') {
		return {
			...object,
			name: `Aufzeichnung: ${row.name}`,
			mimeType: 'application/vnd.apple.mpegurl',
			accessUrl: u.masterPlaylist(row.id),
			externalServiceUrl: u.meetingPage(row.meeting_id),
			meeting: [u.object('meetings', row.meeting_id)]
		};
	}
	const uploaded = row.file_id !== null;
	return {
		...object,
		...compact({
			name: row.name,
			fileName: row.original_name,
			mimeType: row.mime_type,
			size: row.size_bytes === null ? null : Number(row.size_bytes),
			accessUrl: uploaded ? u.uploadedFile(row.file_id!) : row.url,
			agendaItem: row.agenda_item_id ? [u.object('agenda-items', row.agenda_item_id)] : null
		})
	};
}

/** Wall-clock chapter times of the items of one meeting (only while its recording is online). */
export function chapterTimes(
	meeting: Pick<
		MeetingRow,
		'recording_prefix' | 'recording_started_at' | 'recording_duration_ms' | 'recording_deleted_at'
	>,
	items: Pick<AgendaItemRow, 'id' | 'public' | 'chapter_start_ms' | 'deleted_at'>[]
): Map<string, { start: string; end?: string }> {
	const times = new Map<string, { start: string; end?: string }>();
	if (!meeting.recording_prefix || meeting.recording_deleted_at || !meeting.recording_started_at) {
		return times;
	}
	const origin = meeting.recording_started_at.getTime();
	const live = items.filter((i) => !i.deleted_at);
	const ends = chapterEnds(
		live.map((i) => ({ id: i.id, chapterStartMs: i.chapter_start_ms })),
		meeting.recording_duration_ms
	);
	for (const item of live) {
		// Non-public items get no chapter in public: their time would tell what was skipped.
		if (!item.public || item.chapter_start_ms === null) continue;
		const end = ends.get(item.id);
		times.set(item.id, {
			start: new Date(origin + item.chapter_start_ms).toISOString(),
			...(end !== null && end !== undefined ? { end: new Date(origin + end).toISOString() } : {})
		});
	}
	return times;
}

export function agendaItemObject(
	u: OparlUrls,
	row: AgendaItemRow,
	extra: { times?: { start: string; end?: string }; files: OparlObject[] }
): OparlObject {
	const object = {
		...base('AgendaItem', u.object('agenda-items', row.id), row),
		order: row.position
	};
	if (row.deleted_at) return object;
	const shared = { meeting: u.object('meetings', row.meeting_id), number: row.number };
	if (!row.public) return { ...object, ...shared, name: NOT_PUBLIC, public: false };
	return {
		...object,
		...shared,
		...compact({
			name: row.title,
			public: true,
			result: row.result,
			resolutionText: row.resolution_text,
			start: extra.times?.start,
			end: extra.times?.end
		}),
		...(extra.files.length ? { auxiliaryFile: extra.files } : {})
	};
}

const MEETING_STATE: Record<string, string> = {
	scheduled: 'terminiert',
	live: 'läuft',
	held: 'durchgeführt',
	cancelled: 'abgesagt'
};

export function meetingObject(
	u: OparlUrls,
	row: MeetingRow,
	extra: { items: OparlObject[]; recording: OparlObject | null }
): OparlObject {
	const object = base('Meeting', u.object('meetings', row.id), row);
	if (row.deleted_at) return object;
	return {
		...object,
		name: row.name,
		meetingState: MEETING_STATE[row.state] ?? row.state,
		cancelled: row.state === 'cancelled',
		start: row.starts_at.toISOString(),
		...(row.ends_at ? { end: row.ends_at.toISOString() } : {}),
		...(row.location
			? {
					location: {
						...base('Location', u.object('locations', row.id), row),
						description: row.location
					}
				}
			: {}),
		organization: [u.object('organizations', row.body_id)],
		agendaItem: extra.items,
		...(extra.recording ? { auxiliaryFile: [extra.recording] } : {}),
		web: u.meetingPage(row.id)
	};
}
