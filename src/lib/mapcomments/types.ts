// Map comment shapes shared by the server and the pages. No database types here.

export const GEOMETRY_TYPES = ['Point', 'LineString', 'Polygon'] as const;
export type GeometryType = (typeof GEOMETRY_TYPES)[number];

export const COMMENT_STATUSES = ['new', 'in_review', 'accepted', 'rejected'] as const;
/** neu, in Prüfung, berücksichtigt, nicht berücksichtigt */
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export type StageStatus = 'draft' | 'open' | 'closed';
export type HiddenKind = 'moderator' | 'reports';

/** [x, y]: [lon, lat] in WGS84 on the map, [px, py] (y downwards) on a plan without geo reference. */
export type Position = [number, number];

/** GeoJSON (RFC 7946) geometries a comment may have. */
export type CommentGeometry =
	| { type: 'Point'; coordinates: Position }
	| { type: 'LineString'; coordinates: Position[] }
	| { type: 'Polygon'; coordinates: Position[][] };

export type AreaPolygon = { type: 'Polygon'; coordinates: Position[][] };

/** minX, minY, maxX, maxY in the view's coordinates. */
export type BBox = [number, number, number, number];

export interface MapCategory {
	id: string;
	name: string;
	/** '#rrggbb', chosen so markers keep 3:1 contrast against the map (WCAG 1.4.11). */
	color: string;
}

export interface MapPlan {
	id: string;
	title: string;
	/** The text alternative of the drawing: what it shows, for people who cannot see it. */
	description: string;
	fileId: string;
	width: number;
	height: number;
	/** null: no geo reference, the plan is its own view in pixel coordinates. */
	bounds: { south: number; west: number; north: number; east: number } | null;
}

export interface MapPlace {
	id: string;
	planId: string | null;
	name: string;
	x: number;
	y: number;
}

export interface MapStage {
	id: string;
	consultationId: string;
	title: string;
	intro: string;
	status: StageStatus;
	baseMap: boolean;
	areaOfInterest: AreaPolygon | null;
	geometryTypes: GeometryType[];
	reportThreshold: number;
	categories: MapCategory[];
	plans: MapPlan[];
	places: MapPlace[];
}

/** What a marker and a list entry need; the full text is on the comment's own page. */
export interface CommentSummary {
	id: string;
	planId: string | null;
	categoryId: string;
	title: string;
	excerpt: string;
	geometryType: GeometryType;
	anchor: Position;
	status: CommentStatus;
	supportCount: number;
	replyCount: number;
	createdAt: string;
}

export interface CommentReply {
	id: string;
	authorName: string;
	body: string;
	hidden: { kind: HiddenKind; reason: string } | null;
	createdAt: string;
}

export interface CommentDetails extends CommentSummary {
	body: string;
	geometry: CommentGeometry;
	authorId: string | null;
	authorName: string;
	photo: { fileId: string; alt: string } | null;
	answer: string;
	answeredAt: string | null;
	hidden: { kind: HiddenKind; reason: string } | null;
	reportCount: number;
	replies: CommentReply[];
}

export const COMMENT_LIMITS = {
	title: 120,
	body: 2000,
	reply: 1000,
	reportReason: 500,
	hideReason: 500,
	answer: 4000,
	photoAlt: 300,
	/** Vertices of a line or of all rings of an area: plenty for a hand-drawn shape. */
	vertices: 200
} as const;
