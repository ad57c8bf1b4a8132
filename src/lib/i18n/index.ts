import * as archive from './archive.ts';
import * as consultations from './consultations.ts';
import * as liveConsole from './live-console.ts';
import * as liveView from './live-view.ts';
import { de as coreDe } from './de.ts';
import { en as coreEn } from './en.ts';
import * as mapModeration from './map-moderation.ts';
import * as mapSetup from './map-setup.ts';
import * as mapView from './map-view.ts';
import * as mapcomments from './mapcomments.ts';
import * as meetings from './meetings.ts';
import * as oparl from './oparl.ts';
import * as recordings from './recordings.ts';
import * as retention from './retention.ts';
import * as results from './results.ts';
import * as resultsDashboard from './results-dashboard.ts';
import * as resultsText from './results-text.ts';
import * as resultsExport from './results-export.ts';
import * as resultsPublish from './results-publish.ts';
import * as mapAnalytics from './map-analytics.ts';
import * as surveyBuilder from './survey-builder.ts';
import * as surveys from './surveys.ts';

export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

// One catalog per domain, so each capability keeps its texts beside the others'; German is the
// source and each English catalog is typed against it.
const de = {
	...coreDe,
	...consultations.de,
	...surveys.de,
	...surveyBuilder.de,
	...meetings.de,
	...oparl.de,
	...recordings.de,
	...archive.de,
	...mapcomments.de,
	...mapSetup.de,
	...mapModeration.de,
	...mapView.de,
	...liveConsole.de,
	...liveView.de,
	...retention.de,
	...results.de,
	...resultsDashboard.de,
	...resultsText.de,
	...resultsExport.de,
	...resultsPublish.de,
	...mapAnalytics.de
};
const en: Messages = {
	...coreEn,
	...consultations.en,
	...surveys.en,
	...surveyBuilder.en,
	...meetings.en,
	...oparl.en,
	...recordings.en,
	...archive.en,
	...mapcomments.en,
	...mapSetup.en,
	...mapModeration.en,
	...mapView.en,
	...liveConsole.en,
	...liveView.en,
	...retention.en,
	...results.en,
	...resultsDashboard.en,
	...resultsText.en,
	...resultsExport.en,
	...resultsPublish.en,
	...mapAnalytics.en
};

export type Messages = { [K in keyof typeof de]: string };
export type MessageKey = keyof Messages;

const catalogs: Record<Locale, Messages> = { de, en };

export function messages(locale: Locale): Messages {
	return catalogs[locale];
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

// German lives at the root, English under /en. The language is part of the address, so it needs
// no cookie (only the session cookie may be set) and every page can be linked in either language.
export function localeFromPath(pathname: string): Locale {
	return pathname === '/en' || pathname.startsWith('/en/') ? 'en' : 'de';
}

export function stripLocale(pathname: string): string {
	return localeFromPath(pathname) === 'en' ? pathname.slice(3) || '/' : pathname;
}

export function localizePath(path: string, locale: Locale): string {
	if (locale === 'de') return path;
	return path === '/' ? '/en' : `/en${path}`;
}

export function dateTimeFormat(locale: Locale): Intl.DateTimeFormat {
	return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Europe/Berlin'
	});
}
