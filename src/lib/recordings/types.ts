/** What the clerk's page and its polling endpoint show about a meeting's recording. */
export interface RecordingStatus {
	recordingId: string | null;
	/** `none`, or recordings.state (RecordingState in db/schema.ts). */
	state: 'none' | 'uploading' | 'queued' | 'processing' | 'ready' | 'failed' | 'cancelled';
	/** 0..1, from the transcoder's progress reports. */
	progress: number;
	etaSeconds: number | null;
	error: string | null;
	durationMs: number | null;
	renditions: { name: string; width: number; height: number }[];
	sourceName: string | null;
	sourceBytes: number | null;
	/** A published archive stays online while a new one is made, and after that one fails. */
	archiveOnline: boolean;
	captions: boolean;
	/** ISO 8601; the wall-clock time of the recording's first frame. */
	startedAt: string | null;
}

/** An unfinished upload the page offers to resume. */
export interface OpenUpload {
	id: string;
	name: string;
	receivedBytes: number;
	totalBytes: number;
	updatedAt: Date;
}
