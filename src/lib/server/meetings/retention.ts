import type { RetentionMode } from '../../live/types.ts';

/**
 * When a recording leaves the archive (issue #6): a meeting's own setting wins, else its body's;
 * a body without a mode but with retention_days keeps that many days; nothing set keeps it.
 */

export interface RetentionSetting {
	mode: RetentionMode | null;
	days: number | null;
}

export interface RetentionInput {
	meeting: RetentionSetting;
	body: RetentionSetting;
	/** The end date (YYYY-MM-DD) of the meeting's legislative term, if it has one. */
	termEndDate: string | null;
	recordingStartedAt: Date;
}

export type RetentionRule =
	{ mode: 'days'; days: number } | { mode: 'term'; endDate: string | null } | { mode: 'keep' };

const DAY_MS = 86_400_000;

export function effectiveRetention(
	meeting: RetentionSetting,
	body: RetentionSetting
): RetentionRule {
	const pick = (s: RetentionSetting): RetentionRule | null => {
		const mode = s.mode ?? (s.days ? 'days' : null);
		if (mode === 'days') return s.days && s.days > 0 ? { mode, days: s.days } : null;
		if (mode === 'term') return { mode, endDate: null };
		if (mode === 'keep') return { mode };
		return null;
	};
	return pick(meeting) ?? pick(body) ?? { mode: 'keep' };
}

/** Midnight at the start of `date` in Europe/Berlin (CET or CEST), as an instant. */
export function berlinMidnight(date: string): Date {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	for (const offsetHours of [1, 2]) {
		const candidate = new Date(Date.UTC(y, m - 1, d, -offsetHours));
		const local = new Intl.DateTimeFormat('en-CA', {
			timeZone: 'Europe/Berlin',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			hourCycle: 'h23'
		}).format(candidate);
		if (local.startsWith(date) && /\b00$/.test(local)) return candidate;
	}
	return new Date(Date.UTC(y, m - 1, d, -1));
}

/**
 * The instant the recording expires, or null when it is kept: started_at + days; the end of the
 * term's last day in Berlin; a 'term' rule without a term end date keeps it (fail safe towards
 * the public record; the clerk's form refuses that setting).
 */
export function retentionExpiry(input: RetentionInput): Date | null {
	const rule = effectiveRetention(input.meeting, input.body);
	if (rule.mode === 'days')
		return new Date(input.recordingStartedAt.getTime() + rule.days * DAY_MS);
	if (rule.mode === 'term' && input.termEndDate) {
		const next = new Date(berlinMidnight(input.termEndDate).getTime() + 36 * 3_600_000);
		return berlinMidnight(next.toISOString().slice(0, 10));
	}
	return null;
}
