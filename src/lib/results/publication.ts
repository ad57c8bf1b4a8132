// Published survey results: the snapshot a planner released and the open-data document built
// from it. Plain data, shared by the server (publishing, JSON/CSV, catalogue) and the public page.
//
// Everything in a snapshot is already suppressed: no count (cell, row or column total, table
// total, respondents) lies in 1..k-1, free text never appears, and planner-only numbers (hidden
// answers, drop-off, answers per day) are left out.

import type { CrossTab, QuestionResult, SegmentRef } from './types.ts';

export type { SegmentRef };

/** Bumped when the snapshot's shape changes, so readers of stored snapshots and JSON know it. */
export const SNAPSHOT_VERSION = 1;

/** Form limits; more than four cross-tabs would make the public page a wall of tables. */
export const PUBLICATION_LIMITS = {
	title: 300,
	description: 2000,
	feedback: 20_000,
	crossTabs: 4
} as const;

/** One published cross-tab: rows are `by`'s categories, columns `target`'s. */
export interface CrossTabSpec {
	by: SegmentRef;
	target: SegmentRef;
}

export interface PublishedCrossTab {
	spec: CrossTabSpec;
	table: CrossTab;
}

export interface ResultsSnapshot {
	version: typeof SNAPSHOT_VERSION;
	surveyId: string;
	kind: 'survey' | 'poll';
	/** k: cells based on fewer responses are null. */
	minCell: number;
	/** When the engine computed the numbers (ISO 8601), shown as "Stand". */
	computedAt: string;
	/** Submitted responses; null when fewer than k. */
	responses: number | null;
	questions: QuestionResult[];
	crossTabs: PublishedCrossTab[];
}

export interface LicenceRef {
	id: string;
	name: string;
	url: string;
}

/**
 * The machine-readable results (`/umfragen/<id>/ergebnisse.json`): metadata after DCAT's terms
 * (title, description, publisher, issued, modified, licence) and the snapshot's numbers.
 * A null count or share means "suppressed" (fewer than `minCell` responses) or "not computable".
 */
export interface PublishedResults {
	version: typeof SNAPSHOT_VERSION;
	title: string;
	description: string;
	/** The planners' feedback on the results, Markdown. */
	feedback: string;
	publisher: { name: string; email: string };
	/** First publication and last update, ISO 8601. */
	issued: string;
	modified: string;
	licence: LicenceRef;
	/** What a re-user must credit: "Quelle: <operator>, <licence>". */
	attribution: string;
	minCell: number;
	survey: { id: string; kind: 'survey' | 'poll'; url: string };
	consultation: { title: string; url: string } | null;
	computedAt: string;
	responses: number | null;
	questions: QuestionResult[];
	crossTabs: PublishedCrossTab[];
	distributions: { html: string; json: string; csv: string };
}

/** One row of the open-data index and catalogue. */
export interface DatasetEntry {
	surveyId: string;
	title: string;
	description: string;
	consultation: { title: string; slug: string } | null;
	issued: Date;
	modified: Date;
	licence: LicenceRef;
}
