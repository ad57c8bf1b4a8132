import { describe, expect, it } from 'vitest';
import { berlinMidnight, retentionExpiry, type RetentionInput } from './retention.ts';

const started = new Date('2026-03-10T17:00:00Z');
const none = { mode: null, days: null };
const input = (over: Partial<RetentionInput>): RetentionInput => ({
	meeting: none,
	body: none,
	termEndDate: null,
	recordingStartedAt: started,
	...over
});

describe('retentionExpiry', () => {
	it.each([
		['nothing set: kept', {}, null],
		['body days', { body: { mode: 'days', days: 30 } }, '2026-04-09T17:00:00.000Z'],
		[
			'body days without a mode (older rows)',
			{ body: { mode: null, days: 1 } },
			'2026-03-11T17:00:00.000Z'
		],
		[
			'meeting days win over body keep',
			{ meeting: { mode: 'days', days: 2 }, body: { mode: 'keep', days: null } },
			'2026-03-12T17:00:00.000Z'
		],
		[
			'meeting keep wins over body days',
			{ meeting: { mode: 'keep', days: null }, body: { mode: 'days', days: 2 } },
			null
		],
		[
			'meeting inherits the body',
			{ meeting: none, body: { mode: 'days', days: 2 } },
			'2026-03-12T17:00:00.000Z'
		],
		[
			'term in winter: end of the day in CET',
			{ meeting: { mode: 'term', days: null }, termEndDate: '2026-10-31' },
			'2026-10-31T23:00:00.000Z'
		],
		[
			'term in summer: end of the day in CEST',
			{ body: { mode: 'term', days: null }, termEndDate: '2026-06-30' },
			'2026-06-30T22:00:00.000Z'
		],
		[
			'term across the switch to CET',
			{ body: { mode: 'term', days: null }, termEndDate: '2026-10-24' },
			'2026-10-24T22:00:00.000Z'
		],
		['term without an end date: kept', { body: { mode: 'term', days: null } }, null],
		['days of zero are no setting', { meeting: { mode: 'days', days: 0 } }, null]
	] as [string, Partial<RetentionInput>, string | null][])('%s', (_, over, expected) => {
		expect(retentionExpiry(input(over))?.toISOString() ?? null).toBe(expected);
	});

	it('finds Berlin midnight on both sides of daylight saving time', () => {
		expect(berlinMidnight('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
		expect(berlinMidnight('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
	});
});
