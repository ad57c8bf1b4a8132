import { z } from 'zod';
import { CATEGORY_COLOR_IDS } from '../../mapcomments/palette.ts';
import type { GeometryType } from '../../mapcomments/types.ts';
import { plainText } from './forms.ts';
import type { PlanBounds } from './plans.repository.ts';

// Schemas of the planners' map-setup forms. Messages are message keys (see http/forms.ts).

export const SETUP_LIMITS = {
	stageTitle: 120,
	intro: 4000,
	categoryName: 60,
	categories: 20,
	planTitle: 120,
	planDescription: 4000,
	placeName: 120,
	places: 200,
	plans: 20
} as const;

const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'on' || v === 'true');

const optionalPlain = (max: number) =>
	z
		.string()
		.trim()
		.max(max, `vTooLong:${max}`)
		.optional()
		.transform((v) => (v ?? '').replace(/\r\n?/g, '\n'));

const id = z.string({ error: 'vRequired' }).trim().min(1, 'vRequired');
const confirm = z.literal('on', { error: 'mapSetupConfirmRequired' });

export const stageForm = z
	.object({
		title: plainText(SETUP_LIMITS.stageTitle),
		intro: optionalPlain(SETUP_LIMITS.intro),
		status: z.enum(['draft', 'open', 'closed'], { error: 'mapStageStatusInvalid' }),
		typePoint: checkbox,
		typeLine: checkbox,
		typePolygon: checkbox,
		reportThreshold: z
			.string({ error: 'mapThresholdRange' })
			.trim()
			.regex(/^\d{1,3}$/, 'mapThresholdRange')
			.transform(Number)
			.refine((n) => n >= 1 && n <= 100, 'mapThresholdRange'),
		baseMap: checkbox
	})
	.refine((v) => v.typePoint || v.typeLine || v.typePolygon, {
		path: ['typePoint'],
		message: 'mapGeometryTypesRequired'
	})
	.transform(({ typePoint, typeLine, typePolygon, ...rest }) => ({
		...rest,
		geometryTypes: [
			...(typePoint ? ['Point'] : []),
			...(typeLine ? ['LineString'] : []),
			...(typePolygon ? ['Polygon'] : [])
		] as GeometryType[]
	}));
export type StageInput = z.output<typeof stageForm>;

const color = z.enum(CATEGORY_COLOR_IDS, { error: 'mapCategoryColorInvalid' });
export const categoryForm = z.object({
	name: plainText(SETUP_LIMITS.categoryName),
	color
});
export const categoryEditForm = z.object({
	categoryId: id,
	name: plainText(SETUP_LIMITS.categoryName),
	color
});
export const moveForm = z.object({ id, direction: z.enum(['up', 'down'], { error: 'vRequired' }) });
export const removeForm = z.object({ id, confirm });

export const areaForm = z.object({
	area: z
		.string()
		.max(200_000, 'mapAreaTooManyVertices')
		.optional()
		.transform((v) => v ?? '')
});

const DECIMAL = /^[-+]?\d{1,3}(?:[.,]\d{1,12})?$/;
/** "50,7731" or "50.7731"; null for anything else (NaN, 1e3, "50°"). */
export function parseDecimal(text: string): number | null {
	const trimmed = text.trim();
	if (!DECIMAL.test(trimmed)) return null;
	const value = Number(trimmed.replace(',', '.'));
	return Number.isFinite(value) ? value : null;
}

const PIXEL = /^\d{1,5}(?:[.,]\d{1,2})?$/;
/** A pixel of a plan: "120", "120,5"; null for negatives, NaN and anything else. */
export function parsePixel(text: string): number | null {
	const trimmed = text.trim();
	return PIXEL.test(trimmed) ? Number(trimmed.replace(',', '.')) : null;
}

const SIDES = ['south', 'west', 'north', 'east'] as const;
const boundsFields = {
	south: z
		.string()
		.optional()
		.transform((v) => v?.trim() ?? ''),
	west: z
		.string()
		.optional()
		.transform((v) => v?.trim() ?? ''),
	north: z
		.string()
		.optional()
		.transform((v) => v?.trim() ?? ''),
	east: z
		.string()
		.optional()
		.transform((v) => v?.trim() ?? '')
};

/** All four corners or none; numbers in WGS84; south below north, west left of east. */
function checkBounds(
	v: Record<(typeof SIDES)[number], string>,
	ctx: z.RefinementCtx
): PlanBounds | null {
	const given = SIDES.filter((s) => v[s] !== '');
	if (given.length === 0) return null;
	const issue = (path: string, message: string) => {
		ctx.addIssue({ code: 'custom', path: [path], message });
		return null;
	};
	if (given.length < 4)
		return issue(
			SIDES.find((s) => v[s] === '')!,
			'mapBoundsIncomplete'
		);
	const n: Partial<PlanBounds> = {};
	for (const side of SIDES) {
		const value = parseDecimal(v[side]);
		if (value === null) return issue(side, 'mapBoundsNumber');
		const limit = side === 'south' || side === 'north' ? 90 : 180;
		if (Math.abs(value) > limit) return issue(side, 'mapBoundsRange');
		n[side] = value;
	}
	const b = n as PlanBounds;
	if (b.south >= b.north) return issue('north', 'mapBoundsOrder');
	if (b.west >= b.east) return issue('east', 'mapBoundsOrder');
	return b;
}

const upload = z
	.instanceof(File, { error: 'mapPlanFileRequired' })
	.optional()
	.nullable()
	.refine((f) => !!f && f.size > 0, 'mapPlanFileRequired')
	.transform((f) => f!);

const planFields = {
	planTitle: plainText(SETUP_LIMITS.planTitle),
	planDescription: plainText(SETUP_LIMITS.planDescription),
	...boundsFields
};
const withBounds = <T extends Record<(typeof SIDES)[number], string>>(
	v: T,
	ctx: z.RefinementCtx
) => ({
	...v,
	bounds: checkBounds(v, ctx)
});

export const planForm = z.object({ plan: upload, ...planFields }).transform(withBounds);
export const planEditForm = z.object({ planId: id, ...planFields }).transform(withBounds);

export const placeForm = z.object({
	placeName: plainText(SETUP_LIMITS.placeName),
	/** 'map', or the id of a plan without geo reference. */
	target: z
		.string()
		.trim()
		.optional()
		.transform((v) => v || 'map'),
	position: z
		.string()
		.trim()
		.max(100, 'vTooLong:100')
		.optional()
		.transform((v) => v ?? ''),
	x: z
		.string()
		.trim()
		.max(30, 'vTooLong:30')
		.optional()
		.transform((v) => v ?? ''),
	y: z
		.string()
		.trim()
		.max(30, 'vTooLong:30')
		.optional()
		.transform((v) => v ?? '')
});
export type PlaceInput = z.output<typeof placeForm>;
