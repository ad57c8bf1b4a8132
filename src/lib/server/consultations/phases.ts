import {
	PHASE_KINDS,
	type Phase,
	type PhaseKind,
	type Stage,
	type ConsultationStatus
} from '../../consultations/types.ts';

// Phase dates are calendar days in the town's time zone; a server running in UTC would otherwise
// switch phases at 01:00 or 02:00 local time.
const BERLIN_DAY = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/Berlin',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** Today's date in Europe/Berlin as 'YYYY-MM-DD'. */
export function berlinToday(now: Date = new Date()): string {
	return BERLIN_DAY.format(now);
}

/** 'YYYY-MM-DD' plus n days (calendar arithmetic, independent of time zones). */
export function addDays(day: string, n: number): string {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + n);
	return date.toISOString().slice(0, 10);
}

export function sortPhases<T extends { kind: PhaseKind }>(phases: T[]): T[] {
	return [...phases].sort((a, b) => PHASE_KINDS.indexOf(a.kind) - PHASE_KINDS.indexOf(b.kind));
}

/**
 * The current phase: the latest phase (in process order) that has started by `today`. A gap
 * between two phases keeps the earlier one current, and the feedback phase stays current after
 * its end, because its results remain the last word. Null before the first phase starts.
 * The same rule is written in SQL in consultations.repository.ts (list filter).
 */
export function currentPhase(
	phases: Pick<Phase, 'kind' | 'startsOn'>[],
	today: string
): PhaseKind | null {
	let current: PhaseKind | null = null;
	for (const phase of sortPhases(phases)) {
		if (phase.startsOn <= today) current = phase.kind;
	}
	return current;
}

export function currentStage(
	status: ConsultationStatus,
	phases: Pick<Phase, 'kind' | 'startsOn'>[],
	today: string
): Stage | null {
	return status === 'archived' ? 'archived' : currentPhase(phases, today);
}
