import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import { listAgenda } from '../meetings/agenda.repository.ts';
import { listBodies } from '../meetings/bodies.repository.ts';
import { findMeeting, listMeetings } from '../meetings/meetings.repository.ts';
import { listMemberships, listPersons } from '../meetings/persons.repository.ts';
import { loadPublicMeeting } from '../meetings/public-meeting.ts';
import { createTestDatabase } from '../testing/test-app.ts';
import { DEMO_COUNCIL_ID, DEMO_RECORDED_MEETING_ID } from './demo-ids.ts';
import { seedDemoMeetings } from './meetings.ts';

let database: Database;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('demo meetings', () => {
	it('seeds the council, committees, persons and meetings once', async () => {
		const now = new Date('2026-11-25T12:00:00Z');
		expect(await seedDemoMeetings(database.db, now)).toBe(true);
		expect(await seedDemoMeetings(database.db, now)).toBe(false);

		const bodies = await listBodies(database.db);
		expect(bodies.map((b) => b.name)).toEqual([
			'Rat der Stadt Hennef',
			'Ausschuss für Stadtentwicklung und Verkehr',
			'Umwelt- und Klimaschutzausschuss'
		]);
		expect(bodies[0]!.id).toBe(DEMO_COUNCIL_ID);
		const persons = await listPersons(database.db);
		expect(persons).toHaveLength(10);
		expect(persons.some((p) => !p.recordingConsent)).toBe(true);
		expect((await listMemberships(database.db)).length).toBeGreaterThan(10);
		const upcoming = await listMeetings(database.db, { when: 'upcoming', now });
		expect(upcoming.length).toBeGreaterThanOrEqual(3);
		expect(upcoming.some((m) => m.state === 'cancelled')).toBe(true);
	});

	it('gives the recorded council meeting six items with chapter marks within 3 minutes', async () => {
		const meeting = await findMeeting(database.db, DEMO_RECORDED_MEETING_ID);
		expect(meeting).toMatchObject({ bodyId: DEMO_COUNCIL_ID, state: 'held' });
		const agenda = await listAgenda(database.db, DEMO_RECORDED_MEETING_ID);
		expect(agenda.map((i) => i.number)).toEqual([
			'TOP 1',
			'TOP 2',
			'TOP 3',
			'TOP 4',
			'TOP 5',
			'N 6'
		]);
		expect(agenda.map((i) => i.chapterStartMs)).toEqual([0, 25000, 60000, 95000, 130000, null]);
		expect(agenda[4]!.title).toBe('Radverkehrskonzept');
		expect(agenda[5]!.public).toBe(false);
		expect(agenda[4]!.papers[0]!.url).toMatch(/^https:\/\//);

		const published = await loadPublicMeeting(database.db, DEMO_RECORDED_MEETING_ID);
		expect(published!.agenda[5]).toEqual({ id: agenda[5]!.id, number: 'N 6', public: false });
		expect(JSON.stringify(published)).not.toContain('Grundstücksangelegenheit');
	});
});
