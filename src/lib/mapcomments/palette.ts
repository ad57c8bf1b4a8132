// The colours a planner may give a category. A fixed list instead of free hex: every colour keeps
// at least 3:1 contrast against white and against the light grey of a plan or a base map, which
// WCAG 1.4.11 (non-text contrast) asks of markers, and each has a name a screen reader can say.

export const CATEGORY_COLORS = [
	{ id: 'red', hex: '#b3261e', de: 'Rot', en: 'Red' },
	{ id: 'green', hex: '#1b6e20', de: 'Grün', en: 'Green' },
	{ id: 'blue', hex: '#0b57d0', de: 'Blau', en: 'Blue' },
	{ id: 'brown', hex: '#6b4f00', de: 'Ocker', en: 'Ochre' },
	{ id: 'purple', hex: '#6a1b9a', de: 'Violett', en: 'Purple' },
	{ id: 'teal', hex: '#00695c', de: 'Petrol', en: 'Teal' },
	{ id: 'orange', hex: '#a63c00', de: 'Orange', en: 'Orange' },
	{ id: 'grey', hex: '#4a4a4a', de: 'Dunkelgrau', en: 'Dark grey' }
] as const;

export type CategoryColor = (typeof CATEGORY_COLORS)[number];
export type CategoryColorId = CategoryColor['id'];
export const CATEGORY_COLOR_IDS = CATEGORY_COLORS.map((c) => c.id) as [
	CategoryColorId,
	...CategoryColorId[]
];

/** The backgrounds markers sit on: white, and the light grey of a plan's paper or a base map. */
export const MARKER_BACKGROUNDS = ['#ffffff', '#eeeeee'] as const;

export function colorById(id: string): CategoryColor | null {
	return CATEGORY_COLORS.find((c) => c.id === id) ?? null;
}

/** The palette entry of a stored hex value (stored as hex so the map needs no look-up). */
export function colorByHex(hex: string): CategoryColor | null {
	return CATEGORY_COLORS.find((c) => c.hex === hex.toLowerCase()) ?? null;
}

/** WCAG 2.x contrast ratio of two '#rrggbb' colours. */
export function contrastRatio(a: string, b: string): number {
	const [la, lb] = [luminance(a), luminance(b)];
	return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(hex: string): number {
	const channel = (i: number) => {
		const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}
