import type { ConsultationLocation } from './types.ts';

type Locale = 'de' | 'en';
const tag = (locale: Locale) => (locale === 'de' ? 'de-DE' : 'en-GB');

/** 'YYYY-MM-DD' as "1. Dez. 2026" / "1 Dec 2026"; UTC so the calendar day never shifts. */
export function formatDay(day: string, locale: Locale): string {
	return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(
		new Date(`${day}T00:00:00Z`)
	);
}

export function formatDate(date: Date, locale: Locale): string {
	return new Intl.DateTimeFormat(tag(locale), {
		dateStyle: 'long',
		timeZone: 'Europe/Berlin'
	}).format(date);
}

/** "1,2 MB" / "1.2 MB", "340 kB". */
export function formatBytes(bytes: number, locale: Locale): string {
	const number = (n: number, digits: number) =>
		new Intl.NumberFormat(tag(locale), { maximumFractionDigits: digits }).format(n);
	if (bytes < 1000 * 1000) return `${number(Math.max(1, Math.round(bytes / 1000)), 0)} kB`;
	return `${number(bytes / 1000 / 1000, 1)} MB`;
}

export type LocationDescription =
	| { kind: 'point'; lat: string; lon: string }
	| { kind: 'area'; corners: number; lat: string; lon: string };

/** A location as words and numbers, for pages without a map. Five decimals ≈ 1 m. */
export function describeLocation(
	location: ConsultationLocation,
	locale: Locale
): LocationDescription {
	const number = (n: number) =>
		new Intl.NumberFormat(tag(locale), {
			minimumFractionDigits: 4,
			maximumFractionDigits: 5
		}).format(n);
	if (location.type === 'Point') {
		const [lon, lat] = location.coordinates;
		return { kind: 'point', lat: number(lat), lon: number(lon) };
	}
	// The outer ring without its closing point; the mean of its corners is a fair "around here".
	const corners = (location.coordinates[0] ?? []).slice(0, -1);
	const mean = (i: 0 | 1) => corners.reduce((sum, p) => sum + p[i], 0) / (corners.length || 1);
	return { kind: 'area', corners: corners.length, lat: number(mean(1)), lon: number(mean(0)) };
}
