import { messages } from '../../i18n/index.ts';
import type { CommentGeometry } from '../../mapcomments/types.ts';
import { CSV_BOM, numberCell, textCell, type CsvSeparator } from '../http/csv.ts';
import type { ExportRow } from './export.repository.ts';

// Exports of a stage's visible comments for planners: GeoJSON (RFC 7946) and CSV that German
// Excel opens. Hidden comments are left out, not flagged: an export is easily passed on, and what
// a moderator hid should not be published again that way. No author names or addresses.

const de = messages('de');
const statusLabel = (s: ExportRow['status']) => de[`mmStatus_${s}`];

const permalink = (origin: string, slug: string, id: string) =>
	new URL(`/beteiligung/${slug}/karte/hinweise/${id}`, origin).href;

export interface GeoJsonFeature {
	type: 'Feature';
	id: string;
	geometry: CommentGeometry | null;
	properties: Record<string, string | number | null | CommentGeometry>;
}

export interface GeoJsonExport {
	type: 'FeatureCollection';
	features: GeoJsonFeature[];
}

function properties(row: ExportRow, origin: string, slug: string) {
	return {
		id: row.id,
		category: row.category,
		title: row.title,
		text: row.body,
		status: row.status,
		status_label: statusLabel(row.status),
		answer: row.answer,
		answered_at: row.answeredAt?.toISOString() ?? null,
		supports: row.supports,
		replies: row.replies,
		created_at: row.createdAt.toISOString(),
		permalink: permalink(origin, slug, row.id)
	};
}

/**
 * RFC 7946 says every coordinate is WGS84 longitude/latitude (section 4), so pixel positions on a
 * plan without geo reference cannot go into `geometry` without misleading every GIS that reads
 * the file (it would draw them near 0°/0°). Such features get `geometry: null` (allowed by section
 * 3.2 for unlocated features) and carry the pixel shape in `properties.plan_geometry` with
 * `plan_id` and `coordinate_system: "pixel"` (x right, y down from the drawing's top left).
 */
export function commentsGeoJson(rows: ExportRow[], origin: string, slug: string): GeoJsonExport {
	return {
		type: 'FeatureCollection',
		features: rows.map((row) => {
			const base = properties(row, origin, slug);
			if (row.planId === null) {
				return {
					type: 'Feature',
					id: row.id,
					geometry: row.geometry,
					properties: { ...base, coordinate_system: 'wgs84' }
				};
			}
			return {
				type: 'Feature',
				id: row.id,
				geometry: null,
				properties: {
					...base,
					coordinate_system: 'pixel',
					plan_id: row.planId,
					plan_geometry: row.geometry
				}
			};
		})
	};
}

const CSV_COLUMNS = [
	'id',
	'category',
	'title',
	'text',
	'status',
	'status_label',
	'answer',
	'answered_at',
	'supports',
	'replies',
	'created_at',
	'coordinate_system',
	'lon',
	'lat',
	'plan_id',
	'plan_x',
	'plan_y',
	'geometry',
	'permalink'
] as const;

function csvRow(row: ExportRow, origin: string, slug: string, sep: CsvSeparator): string {
	const onMap = row.planId === null;
	const p = properties(row, origin, slug);
	const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
		id: row.id,
		category: textCell(p.category, sep),
		title: textCell(p.title, sep),
		text: textCell(p.text, sep),
		status: p.status,
		status_label: textCell(p.status_label, sep),
		answer: textCell(p.answer, sep),
		answered_at: p.answered_at ?? '',
		supports: String(p.supports),
		replies: String(p.replies),
		created_at: p.created_at,
		coordinate_system: onMap ? 'wgs84' : 'pixel',
		lon: numberCell(onMap ? row.anchor[0] : null, sep),
		lat: numberCell(onMap ? row.anchor[1] : null, sep),
		plan_id: row.planId ?? '',
		plan_x: numberCell(onMap ? null : row.anchor[0], sep),
		plan_y: numberCell(onMap ? null : row.anchor[1], sep),
		geometry: textCell(JSON.stringify(row.geometry), sep),
		permalink: textCell(p.permalink, sep)
	};
	return CSV_COLUMNS.map((c) => cells[c]).join(sep);
}

/** UTF-8 with a byte order mark (Excel otherwise guesses Windows-1252), CRLF lines (RFC 4180). */
export function commentsCsv(
	rows: ExportRow[],
	origin: string,
	slug: string,
	sep: CsvSeparator
): string {
	const lines = [CSV_COLUMNS.join(sep)];
	for (const row of rows) lines.push(csvRow(row, origin, slug, sep));
	return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
