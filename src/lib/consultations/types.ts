// Consultation shapes shared by the server and the pages. No database types here.

export const PHASE_KINDS = ['information', 'participation', 'evaluation', 'feedback'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

/** What the list filter and the badges show: the running phase, or that the process is archived. */
export const STAGES = [...PHASE_KINDS, 'archived'] as const;
export type Stage = (typeof STAGES)[number];

export type ConsultationStatus = 'draft' | 'published' | 'archived';

/** GeoJSON (RFC 7946) geometry in WGS84, positions as [lon, lat]. */
export type ConsultationLocation =
	| { type: 'Point'; coordinates: [number, number] }
	| { type: 'Polygon'; coordinates: [number, number][][] };

export interface Phase {
	kind: PhaseKind;
	/** 'YYYY-MM-DD', a calendar day in Hennef (Europe/Berlin). */
	startsOn: string;
	endsOn: string;
	description: string;
}

export interface ConsultationListItem {
	id: string;
	slug: string;
	title: string;
	summary: string;
	status: ConsultationStatus;
	topics: string[];
	stage: Stage | null;
	publishedAt: Date | null;
	coverFileId: string | null;
	coverAlt: string;
}

export interface ConsultationDocument {
	id: string;
	fileId: string;
	title: string;
	sizeBytes: number;
	mimeType: string;
}

export interface FeedbackEntry {
	id: string;
	title: string;
	bodyMd: string;
	/** Sanitised HTML (consultations/markdown.ts), safe for {@html}. */
	bodyHtml: string;
	publishedAt: Date;
}

export interface Consultation {
	id: string;
	slug: string;
	title: string;
	summary: string;
	status: ConsultationStatus;
	bodyMd: string;
	/** Sanitised HTML (consultations/markdown.ts), safe for {@html}. */
	bodyHtml: string;
	office: string;
	contactName: string;
	contactEmail: string;
	contactPhone: string;
	topics: string[];
	location: ConsultationLocation | null;
	coverFileId: string | null;
	coverAlt: string;
	coverWidth: number | null;
	coverHeight: number | null;
	publishedAt: Date | null;
	archivedAt: Date | null;
	createdAt: Date;
	updatedAt: Date;
}

export const LIMITS = {
	title: 200,
	slug: 80,
	summary: 500,
	body: 50_000,
	office: 200,
	contactName: 200,
	contactPhone: 60,
	topic: 40,
	topics: 10,
	coverAlt: 300,
	documentTitle: 200,
	phaseDescription: 1000,
	feedbackTitle: 200,
	feedbackBody: 20_000,
	location: 100_000
} as const;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What a planner form action answered, for the section that sent it. */
export interface SectionResult {
	errors?: Record<string, string>;
	values?: Record<string, string>;
	message?: string;
}
