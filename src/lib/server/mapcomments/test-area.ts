// Kept apart from test-map-stage.ts so the browser tests can import it without the database code
// (Node strips the types; this file must import nothing at run time).
import type { AreaPolygon } from '../../mapcomments/types.ts';

/** The Marktplatz of Stadt Blankenberg as a rectangle: the area of interest used in tests. */
export const TEST_AREA: AreaPolygon = {
	type: 'Polygon',
	coordinates: [
		[
			[7.33, 50.77],
			[7.34, 50.77],
			[7.34, 50.78],
			[7.33, 50.78],
			[7.33, 50.77]
		]
	]
};
