import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import { parseForm } from '../http/forms.ts';
import { createMeetingWithAgenda } from '../testing/recording-fixtures.ts';
import { createUser } from '../testing/factories.ts';
import { createTestDatabase, testConfig } from '../testing/test-app.ts';
import { findRetention, retentionForm, saveRetention } from './retention-settings.ts';

const form = (values: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(values)) f.append(k, v);
	return f;
};

describe('retention form', () => {
	it.each([
		[
			{ retentionMode: 'days', retentionDays: '30' },
			{ mode: 'days', days: 30 }
		],
		[
			{ retentionMode: 'days', retentionDays: ' 36500 ' },
			{ mode: 'days', days: 36500 }
		],
		[
			{ retentionMode: 'term', retentionDays: '12' },
			{ mode: 'term', days: null }
		],
		[{ retentionMode: 'keep' }, { mode: 'keep', days: null }],
		[{ retentionMode: '' }, { mode: null, days: null }],
		[{}, { mode: null, days: null }]
	])('accepts %j', (values, expected) => {
		expect(parseForm(retentionForm, form(values), 'de')).toEqual({ ok: true, data: expected });
	});

	it.each(['-1', '0', '1e9', 'abc', '36501', '2.5', '', '0x10', '١٢'])(
		'refuses %j days with a German message on the field',
		(days) => {
			const parsed = parseForm(
				retentionForm,
				form({ retentionMode: 'days', retentionDays: days }),
				'de'
			);
			expect(parsed.ok).toBe(false);
			if (!parsed.ok) {
				expect(parsed.errors.retentionDays).toBe(
					'Bitte eine ganze Zahl von 1 bis 36500 Tagen eingeben.'
				);
			}
		}
	);

	it('refuses a mode that is not offered', () => {
		const parsed = parseForm(retentionForm, form({ retentionMode: 'forever' }), 'de');
		expect(parsed.ok).toBe(false);
		if (!parsed.ok)
			expect(parsed.errors.retentionMode).toBe('Bitte eine der angebotenen Möglichkeiten wählen.');
	});
});

describe('saveRetention', () => {
	let database: Database;
	beforeAll(async () => {
		database = await createTestDatabase();
	});
	afterAll(async () => database?.close());

	it('refuses "term" without a term end date, then accepts it once the term has one; audited', async () => {
		const { db } = database;
		const deps = { db, config: testConfig() };
		const clerk = await createUser(db, { roles: ['clerk'] });
		const { meetingId } = await createMeetingWithAgenda(db, []);
		const term = await db
			.insertInto('legislative_terms')
			.values({ name: 'WP 2025–2030', start_date: '2025-11-01' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.updateTable('meetings')
			.set({ legislative_term_id: term.id })
			.where('id', '=', meetingId)
			.execute();

		expect(
			await saveRetention(deps, clerk.id, 'meeting', meetingId, { mode: 'term', days: null })
		).toEqual({ ok: false, reason: 'noTermEnd' });
		expect(await findRetention(db, 'meeting', meetingId)).toEqual({ mode: null, days: null });

		await db
			.updateTable('legislative_terms')
			.set({ end_date: '2030-10-31' })
			.where('id', '=', term.id)
			.execute();
		expect(
			await saveRetention(deps, clerk.id, 'meeting', meetingId, { mode: 'term', days: null })
		).toEqual({ ok: true });
		expect(await findRetention(db, 'meeting', meetingId)).toEqual({ mode: 'term', days: null });

		const body = await db
			.selectFrom('meetings')
			.select('body_id')
			.where('id', '=', meetingId)
			.executeTakeFirstOrThrow();
		expect(
			await saveRetention(deps, clerk.id, 'body', body.body_id, { mode: 'days', days: 365 })
		).toEqual({ ok: true });
		expect(await findRetention(db, 'body', body.body_id)).toEqual({ mode: 'days', days: 365 });

		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'actor_id'])
			.where('action', 'in', ['meeting.retention', 'body.retention'])
			.execute();
		expect(audit).toHaveLength(2);
		expect(audit.every((a) => a.actor_id === clerk.id)).toBe(true);
		expect(
			await saveRetention(deps, clerk.id, 'meeting', '6d1f3c2a-5b7e-4f10-9a42-0c8e1b2d3a99', {
				mode: 'keep',
				days: null
			})
		).toEqual({ ok: false, reason: 'notFound' });
	});
});
