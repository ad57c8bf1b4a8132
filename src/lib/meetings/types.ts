// Meeting shapes shared by the server and the pages (Sitzungsdienst and public). No database types.

export const MEETING_STATES = ['scheduled', 'live', 'held', 'cancelled'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

/** Field lengths; generous for real agendas, bounded so nobody stores a novel in a title. */
export const MEETING_LIMITS = {
	name: 200,
	shortName: 40,
	classification: 80,
	url: 2000,
	location: 200,
	number: 20,
	itemTitle: 500,
	paperName: 300,
	reference: 80,
	personPart: 120,
	role: 120
} as const;

export interface BodyItem {
	id: string;
	name: string;
	shortName: string | null;
	classification: string;
	startDate: string | null;
	endDate: string | null;
	website: string | null;
}

export interface LegislativeTermItem {
	id: string;
	name: string;
	startDate: string | null;
	endDate: string | null;
}

export interface PersonItem {
	id: string;
	name: string;
	givenName: string | null;
	familyName: string | null;
	formOfAddress: string | null;
	title: string | null;
	recordingConsent: boolean;
}

export interface MembershipItem {
	id: string;
	personId: string;
	personName: string;
	bodyId: string;
	bodyName: string;
	role: string | null;
	votingRight: boolean;
	startDate: string | null;
	endDate: string | null;
}

export interface MeetingItem {
	id: string;
	name: string;
	bodyId: string;
	bodyName: string;
	startsAt: Date;
	endsAt: Date | null;
	location: string | null;
	state: MeetingState;
	legislativeTermId: string | null;
}

export interface PaperItem {
	id: string;
	name: string;
	reference: string | null;
	/** Either a link to the council information system or an uploaded PDF (fileId). */
	url: string | null;
	fileId: string | null;
}

export interface AgendaEntry {
	id: string;
	number: string;
	title: string;
	public: boolean;
	position: number;
	chapterStartMs: number | null;
	papers: PaperItem[];
}

/**
 * An agenda item as the public sees it. A non-public item keeps only its number: no title,
 * papers, chapter or media, ever.
 */
export type PublicAgendaEntry =
	| {
			id: string;
			number: string;
			public: true;
			title: string;
			chapterStartMs: number | null;
			/** The next mark on the recording or its end; null without a mark or known duration. */
			chapterEndMs: number | null;
			papers: PaperItem[];
	  }
	| { id: string; number: string; public: false };

export interface PublicMeeting {
	meeting: MeetingItem;
	bodyShortName: string | null;
	agenda: PublicAgendaEntry[];
	/** The published archive, when there is one (recordings.output_prefix set). */
	recording: { id: string; durationMs: number | null; startedAt: Date } | null;
}

/** What the clerk's overview shows about a meeting's recording. */
export type RecordingStatus =
	'none' | 'uploading' | 'queued' | 'processing' | 'ready' | 'failed' | 'cancelled';

export interface ClerkMeetingRow extends MeetingItem {
	recordingState: RecordingStatus;
	/** True when an archive is online, even if a later re-transcode failed. */
	archiveOnline: boolean;
}
