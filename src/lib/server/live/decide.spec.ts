import { describe, expect, it } from 'vitest';
import { CLICK_MARGIN_MS, decideSlot, type DecisionState } from './decide.ts';

const base: DecisionState = {
	startedAt: 10_000,
	endedAt: null,
	ranges: [],
	consentSlateLive: true,
	now: 100_000
};
const slot = (startsAt: number, endsAt = startsAt + 2000) => ({ startsAt, endsAt });

describe('decideSlot', () => {
	it('drops what comes before the start and after the end', () => {
		expect(decideSlot(slot(9000), base)).toBe('before');
		expect(decideSlot(slot(0), { ...base, startedAt: null })).toBe('before');
		expect(decideSlot(slot(50_000), { ...base, endedAt: 50_000 })).toBe('after');
		// A segment that begins before the end still belongs to the meeting.
		expect(decideSlot(slot(49_000), { ...base, endedAt: 50_000 })).toBe('media');
	});

	it('publishes a public segment only after the click margin', () => {
		const now = base.now;
		expect(decideSlot(slot(now - 2000 - CLICK_MARGIN_MS), base)).toBe('media');
		expect(decideSlot(slot(now - 2000 - CLICK_MARGIN_MS + 1), base)).toBe('wait');
	});

	it('never publishes a segment touching a non-public or unknown range, open or closed', () => {
		for (const kind of ['nonpublic', 'unknown'] as const) {
			const closed = { ...base, ranges: [{ kind, startsAt: 20_000, endsAt: 30_000 }] };
			expect(decideSlot(slot(18_001), closed)).toBe('nonpublic');
			expect(decideSlot(slot(29_999), closed)).toBe('nonpublic');
			expect(decideSlot(slot(18_000), closed)).toBe('media');
			expect(decideSlot(slot(30_000), closed)).toBe('media');
			const open = { ...base, ranges: [{ kind, startsAt: 20_000, endsAt: null }] };
			// Decided at once, even inside the margin: restricting never waits.
			expect(decideSlot(slot(base.now), open)).toBe('nonpublic');
		}
	});

	it('shows the consent slate live only when asked to', () => {
		const ranges = [{ kind: 'consent' as const, startsAt: 20_000, endsAt: 21_000 }];
		expect(decideSlot(slot(19_000), { ...base, ranges })).toBe('consent');
		expect(decideSlot(slot(19_000), { ...base, ranges, consentSlateLive: false })).toBe('media');
	});
});
