import { describe, expect, it } from 'vitest';
import { addDays, berlinToday, currentPhase, currentStage } from './phases.ts';

const phases = [
	{ kind: 'feedback' as const, startsOn: '2026-07-01' },
	{ kind: 'information' as const, startsOn: '2026-03-01' },
	{ kind: 'participation' as const, startsOn: '2026-04-01' },
	{ kind: 'evaluation' as const, startsOn: '2026-05-15' }
];

describe('current phase', () => {
	it('is null before the first phase starts', () => {
		expect(currentPhase(phases, '2026-02-28')).toBeNull();
		expect(currentPhase([], '2026-02-28')).toBeNull();
	});

	it('is the latest phase that has started, including its first day', () => {
		expect(currentPhase(phases, '2026-03-01')).toBe('information');
		expect(currentPhase(phases, '2026-04-01')).toBe('participation');
		expect(currentPhase(phases, '2026-05-20')).toBe('evaluation');
	});

	it('stays on feedback after its end and on the earlier phase in a gap', () => {
		expect(currentPhase(phases, '2030-01-01')).toBe('feedback');
		const gap = [
			{ kind: 'information' as const, startsOn: '2026-03-01' },
			{ kind: 'participation' as const, startsOn: '2026-04-10' }
		];
		expect(currentPhase(gap, '2026-04-05')).toBe('information');
	});

	it('shows archived consultations as archived whatever their dates', () => {
		expect(currentStage('archived', phases, '2026-04-02')).toBe('archived');
		expect(currentStage('published', phases, '2026-04-02')).toBe('participation');
	});
});

describe('dates in Europe/Berlin', () => {
	it('switches days at local midnight, not at UTC midnight', () => {
		// 23:30 UTC on 31 March is already 1 April in Hennef (CEST, UTC+2).
		expect(berlinToday(new Date('2026-03-31T23:30:00Z'))).toBe('2026-04-01');
		// 22:30 UTC on 31 December is 23:30 in Hennef (CET, UTC+1): still the old year.
		expect(berlinToday(new Date('2026-12-31T22:30:00Z'))).toBe('2026-12-31');
	});

	it('adds calendar days across month ends and the DST switch', () => {
		expect(addDays('2026-03-28', 3)).toBe('2026-03-31');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
	});
});
