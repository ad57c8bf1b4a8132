import { parseBerlinDateTime, toBerlinInput } from '../surveys/local-time.ts';

/**
 * Range corrections on the console: the clerk types a wall-clock time HH:MM:SS (Berlin) on the
 * meeting day, the way it was on the hall's clock. Meetings can run past midnight, so a time
 * earlier than the broadcast's start means the next day, as long as that is not after the
 * broadcast's end.
 */

export type RangeTimeError =
	'format' | 'beforeStart' | 'afterEnd' | 'endBeforeStart' | 'endMissing';

const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const DAY_MS = 86_400_000;

/** HH:MM:SS in Berlin of an instant (what the correction fields show). */
export function berlinClock(date: Date): string {
	// Berlin's offset is whole minutes, so the seconds are UTC's.
	return `${toBerlinInput(date).slice(11)}:${String(date.getUTCSeconds()).padStart(2, '0')}`;
}

/** Reads HH:MM[:SS] on the Berlin day of `day`; null for anything else. */
function onDay(input: string, day: Date): Date | null {
	const match = CLOCK.exec(input);
	if (!match) return null;
	const [hour, minute, second] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
	if (hour > 23 || minute > 59 || second > 59) return null;
	const date = toBerlinInput(day).slice(0, 10);
	const two = (n: number) => String(n).padStart(2, '0');
	const parsed = parseBerlinDateTime(`${date}T${two(hour)}:${two(minute)}`);
	if (!parsed.ok || !parsed.value) return null;
	return new Date(parsed.value.getTime() + second * 1000);
}

/** One typed time within the broadcast [startedAt, until]. */
export function parseRangeTime(
	input: string,
	startedAt: Date,
	until: Date
): { ok: true; value: Date } | { ok: false; error: RangeTimeError } {
	const first = onDay(input.trim(), startedAt);
	if (!first) return { ok: false, error: 'format' };
	// Whole seconds: the broadcast began somewhere within the second the clerk sees.
	const start = Math.floor(startedAt.getTime() / 1000) * 1000;
	let value = first;
	if (value.getTime() < start) {
		const next = onDay(input.trim(), new Date(startedAt.getTime() + DAY_MS));
		if (!next || next.getTime() > until.getTime()) return { ok: false, error: 'beforeStart' };
		value = next;
	}
	if (value.getTime() > until.getTime()) return { ok: false, error: 'afterEnd' };
	// Never before the broadcast began, even within its first second.
	return { ok: true, value: new Date(Math.max(value.getTime(), startedAt.getTime())) };
}

export type RangeTimes =
	| { ok: true; startsAt: Date; endsAt: Date | null }
	| { ok: false; errors: Partial<Record<'start' | 'end', RangeTimeError>> };

/**
 * Start and end of a corrected range. An empty end keeps an open range open while the broadcast
 * runs; a closed range, or any range after the end, needs an end.
 */
export function parseRangeTimes(
	input: { start: string; end: string },
	broadcast: { startedAt: Date; endedAt: Date | null },
	now = new Date()
): RangeTimes {
	const until = broadcast.endedAt ?? now;
	const start = parseRangeTime(input.start, broadcast.startedAt, until);
	const endText = input.end.trim();
	const end = endText ? parseRangeTime(endText, broadcast.startedAt, until) : null;
	const errors: Partial<Record<'start' | 'end', RangeTimeError>> = {};
	if (!start.ok) errors.start = start.error;
	if (end && !end.ok) errors.end = end.error;
	if (!end && broadcast.endedAt) errors.end = 'endMissing';
	if (start.ok && end?.ok && end.value.getTime() <= start.value.getTime()) {
		errors.end = 'endBeforeStart';
	}
	if (!start.ok || Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, startsAt: start.value, endsAt: end?.ok ? end.value : null };
}
