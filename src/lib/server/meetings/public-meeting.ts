import { chapterEnds } from '../../meetings/chapters.ts';
import type { AgendaEntry, PublicAgendaEntry, PublicMeeting } from '../../meetings/types.ts';
import type { Db } from '../db/index.ts';
import { isUuid } from '../db/ids.ts';
import { listAgenda } from './agenda.repository.ts';
import { findBody } from './bodies.repository.ts';
import { findMeeting } from './meetings.repository.ts';
import { findRecordingByMeeting } from './recordings.repository.ts';

/**
 * What the public may know of an agenda item. Non-public items (nichtöffentlich, GO NRW § 48)
 * keep their number only: title, papers and chapter mark never leave the server.
 */
export function redactAgendaItem(
	item: AgendaEntry,
	chapterEndMs: number | null = null
): PublicAgendaEntry {
	if (!item.public) return { id: item.id, number: item.number, public: false };
	return {
		id: item.id,
		number: item.number,
		public: true,
		title: item.title,
		chapterStartMs: item.chapterStartMs,
		chapterEndMs: item.chapterStartMs === null ? null : chapterEndMs,
		papers: item.papers
	};
}

/** The public meeting page's data, or null for unknown, deleted or malformed ids (a 404). */
export async function loadPublicMeeting(db: Db, id: string): Promise<PublicMeeting | null> {
	if (!isUuid(id)) return null;
	const meeting = await findMeeting(db, id);
	if (!meeting) return null;
	const [body, agenda, recording] = await Promise.all([
		findBody(db, meeting.bodyId),
		listAgenda(db, id),
		findRecordingByMeeting(db, id)
	]);
	const online = recording?.outputPrefix ? recording : null;
	const ends = chapterEnds(agenda, online?.durationMs ?? null);
	return {
		meeting,
		bodyShortName: body?.shortName ?? null,
		agenda: agenda.map((item) => redactAgendaItem(item, ends.get(item.id) ?? null)),
		recording: online
			? { id: online.id, durationMs: online.durationMs, startedAt: online.startedAt }
			: null
	};
}
