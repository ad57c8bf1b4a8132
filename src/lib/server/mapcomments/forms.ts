import { z } from 'zod';
import { COMMENT_LIMITS } from '../../mapcomments/types.ts';
import { fields } from '../http/forms.ts';

// Schemas of the residents' map forms. Messages are message keys (see http/forms.ts).

// Text is stored as typed and always rendered as text, never as HTML; control characters other
// than line breaks and tabs are removed so nothing invisible can hide in a comment.
const CONTROL =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;
export const plainText = (max: number) =>
	fields.text(max).transform((v) => v.replace(CONTROL, '').replace(/\r\n?/g, '\n'));

export const optionalPlain = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `vTooLong:${max}`)
		.optional()
		.transform((v) => (v ?? '').replace(CONTROL, ''));

const upload = z
	.instanceof(File)
	.optional()
	.nullable()
	.transform((f) => (f && f.size > 0 ? f : null));

export const commentForm = z.object({
	categoryId: z.string({ error: 'mapCategoryUnknown' }).trim().min(1, 'mapCategoryUnknown'),
	title: plainText(COMMENT_LIMITS.title),
	body: plainText(COMMENT_LIMITS.body),
	/** GeoJSON text written by the map (or by the place picker). */
	geometry: z.string({ error: 'mapGeometryMissing' }).max(70_000, 'mapGeometryTooManyVertices'),
	/** Empty: the map view; otherwise a plan drawing without geo reference. */
	planId: z
		.string()
		.trim()
		.optional()
		.transform((v) => v || null),
	/** A named place instead of a drawn geometry. */
	placeId: z
		.string()
		.trim()
		.optional()
		.transform((v) => v || null),
	photo: upload,
	photoAlt: optionalPlain(COMMENT_LIMITS.photoAlt)
});

export type CommentInput = z.output<typeof commentForm>;
