// Numbers on the clerk's recording page, shared by the server (load, messages) and the browser
// (upload progress), so both say the same.
type Locale = 'de' | 'en';
const tag = (locale: Locale) => (locale === 'de' ? 'de-DE' : 'en-GB');

function number(n: number, digits: number, locale: Locale): string {
	return new Intl.NumberFormat(tag(locale), { maximumFractionDigits: digits }).format(n);
}

/** Binary units as file managers show them: "812 KB", "7,5 MB", "3,2 GB". */
export function formatSize(bytes: number, locale: Locale): string {
	const units = ['Byte', 'KB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${number(value, unit < 2 ? 0 : 1, locale)} ${units[unit]}`;
}

/** "1:02:03" or "4:05" (hours only when there are any). */
export function formatClock(ms: number): string {
	const total = Math.max(0, Math.round(ms / 1000));
	const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
	const two = (n: number) => String(n).padStart(2, '0');
	return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** A remaining time in words a person reads at a glance: "3 Min.", "1 Std. 5 Min.", "20 Sek.". */
export function formatRemaining(seconds: number, locale: Locale): string {
	const u = locale === 'de' ? { h: 'Std.', m: 'Min.', s: 'Sek.' } : { h: 'h', m: 'min', s: 's' };
	const s = Math.max(0, Math.round(seconds));
	if (s < 60) return `${s} ${u.s}`;
	const h = Math.floor(s / 3600);
	const m = Math.round((s % 3600) / 60);
	return h > 0 ? `${h} ${u.h} ${m} ${u.m}` : `${m} ${u.m}`;
}

export function formatPercent(fraction: number): number {
	return Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
}
