// What the server hands the archive's components: plain data, safe to send to the browser.

/** One agenda item beside the player. Non-public items carry their number only. */
export interface ReplayItem {
	id: string;
	number: string;
	/** Null for a non-public item: the public never sees its title. */
	title: string | null;
	public: boolean;
	/** `?top=` value, only for a public item with a chapter. */
	top: string | null;
	/** Seconds from the first frame; null without a (public) chapter. */
	start: number | null;
	duration: number | null;
}

/** What the replay player needs; plain data, safe to send to the browser. */
export interface Replay {
	meetingId: string;
	recordingId: string;
	masterUrl: string;
	posterUrl: string | null;
	captionsUrl: string | null;
	chaptersVttUrl: string;
	chaptersJsonUrl: string;
	durationSeconds: number;
	startedAt: string;
	items: ReplayItem[];
}
