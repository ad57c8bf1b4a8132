import type { Messages } from '../i18n/index.ts';

// Field names of the map-setup forms and their labels, for the error summary's links.
export function setupLabels(m: Messages): Record<string, string> {
	return {
		title: m.mapStageTitleLabel,
		intro: m.mapStageIntroLabel,
		status: m.mapStageStatusLabel,
		typePoint: m.mapTypesLegend,
		reportThreshold: m.mapThresholdLabel,
		name: m.mapCategoryNameLabel,
		color: m.mapCategoryColorLabel,
		area: m.mapAreaLabel,
		plan: m.mapPlanFileLabel,
		planTitle: m.mapPlanTitleLabel,
		planDescription: m.mapPlanDescriptionLabel,
		south: m.mapSouth,
		west: m.mapWest,
		north: m.mapNorth,
		east: m.mapEast,
		placeName: m.mapPlaceNameLabel,
		target: m.mapPlaceTargetLabel,
		position: m.mapPlacePositionLabel,
		x: m.mapPlaceXLabel,
		y: m.mapPlaceYLabel
	};
}

/** What an action returns to its section of the page. */
export interface SetupResult {
	section?: string;
	errors?: Record<string, string>;
	values?: Record<string, string>;
	message?: string;
	warning?: string | null;
}

/** German decimal comma for coordinates shown to planners. */
export function formatCoordinate(value: number, locale: 'de' | 'en'): string {
	const text = String(value);
	return locale === 'de' ? text.replace('.', ',') : text;
}
