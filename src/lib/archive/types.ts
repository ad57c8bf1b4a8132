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

/** What the player hands the page's agenda list: chapter links, the playing item, seeking. */
export interface ReplayAgenda {
	currentId: string | null;
	/** Keyed by agenda item id; public items with a chapter only. */
	chapters: Record<string, { startMs: number; durationMs: number | null; href: string }>;
	/** Seeks and plays instead of following the link (the link works without script). */
	onchapter: (itemId: string, event: MouseEvent) => void;
}
