// Shared by the server (validation, WebVTT) and the browser (player, chapter editor).

/** 3723.5 → "1:02:03.5", 65 → "1:05": hours only when needed, milliseconds only when set. */
export function formatClock(seconds: number): string {
	const totalMs = Math.max(0, Math.round(seconds * 1000));
	const ms = totalMs % 1000;
	const s = Math.floor(totalMs / 1000) % 60;
	const m = Math.floor(totalMs / 60_000) % 60;
	const h = Math.floor(totalMs / 3_600_000);
	const pad = (n: number) => String(n).padStart(2, '0');
	const base = h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
	return ms ? `${base}.${String(ms).padStart(3, '0').replace(/0+$/, '')}` : base;
}

/** "1 Std. 2 Min." style durations are worded by the caller; this gives whole minutes/seconds. */
export function splitDuration(seconds: number): { h: number; m: number; s: number } {
	const total = Math.max(0, Math.round(seconds));
	return { h: Math.floor(total / 3600), m: Math.floor(total / 60) % 60, s: total % 60 };
}

const CLOCK = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2}(?:[.,]\d{1,3})?)$/;
const SECONDS = /^\d{1,7}(?:[.,]\d{1,3})?$/;

/**
 * Reads "1:02:03", "2:03", "2:03.5" or a number of seconds ("123", "123,5") into milliseconds.
 * Returns null for anything else (negative, NaN, minutes or seconds ≥ 60, too many digits).
 */
export function parseClock(input: string): number | null {
	const text = input.trim();
	if (SECONDS.test(text)) return Math.round(Number(text.replace(',', '.')) * 1000);
	const match = CLOCK.exec(text);
	if (!match) return null;
	const [, h = '0', m = '0', s = '0'] = match;
	const minutes = Number(m);
	const secs = Number(s.replace(',', '.'));
	if (minutes >= 60 || secs >= 60) return null;
	return Math.round((Number(h) * 3600 + minutes * 60 + secs) * 1000);
}

/**
 * The `?top=` value of an agenda number: the number without its prefix ("TOP 5" → "5",
 * "Ö 5.1" → "5.1"). Null when the number has no digits to link by.
 */
export function topParam(number: string): string | null {
	return /(\d+(?:\.\d+)*[a-z]?)\s*$/i.exec(number)?.[1]?.toLowerCase() ?? null;
}
