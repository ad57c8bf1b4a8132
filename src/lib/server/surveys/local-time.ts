// `<input type="datetime-local">` sends a wall-clock time without a zone. Planners in Hennef mean
// Hennef's time, whatever zone the server runs in, so the value is read in Europe/Berlin.
const ZONE = 'Europe/Berlin';

const parts = new Intl.DateTimeFormat('en-CA', {
	timeZone: ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23'
});

interface Wall {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
}

function wallOf(date: Date): Wall & { second: number } {
	const get = (type: string) =>
		Number(parts.formatToParts(date).find((p) => p.type === type)?.value ?? NaN);
	return {
		year: get('year'),
		month: get('month'),
		day: get('day'),
		hour: get('hour'),
		minute: get('minute'),
		second: get('second')
	};
}

/** Offset of Berlin from UTC at that instant, in milliseconds (+1 h in winter, +2 h in summer). */
function offsetAt(utcMs: number): number {
	const w = wallOf(new Date(utcMs));
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	return asUtc - Math.floor(utcMs / 1000) * 1000;
}

const FORMAT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

export type LocalTimeResult =
	{ ok: true; value: Date | null } | { ok: false; reason: 'format' | 'gap' };

/**
 * Reads 'YYYY-MM-DDTHH:mm' as a time in Berlin. An empty value means "no date". A time that does
 * not exist because clocks spring forward (e.g. 02:30 on the last Sunday in March) is refused
 * rather than silently moved; of the hour that happens twice in October the later one is taken.
 */
export function parseBerlinDateTime(input: string): LocalTimeResult {
	const value = input.trim();
	if (!value) return { ok: true, value: null };
	const match = FORMAT.exec(value);
	if (!match) return { ok: false, reason: 'format' };
	const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [
		number,
		number,
		number,
		number,
		number
	];
	if (year < 2000 || year > 2100 || hour > 23 || minute > 59)
		return { ok: false, reason: 'format' };
	const wall = Date.UTC(year, month - 1, day, hour, minute);
	const check = new Date(wall);
	if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
		return { ok: false, reason: 'format' };
	}
	// Two rounds settle the offset on either side of a switch.
	const first = wall - offsetAt(wall);
	const utc = wall - offsetAt(first);
	const back = wallOf(new Date(utc));
	if (back.hour !== hour || back.minute !== minute || back.day !== day) {
		return { ok: false, reason: 'gap' };
	}
	return { ok: true, value: new Date(utc) };
}

/** The value for a `datetime-local` input showing this instant in Berlin. */
export function toBerlinInput(date: Date | null): string {
	if (!date) return '';
	const w = wallOf(date);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}`;
}
