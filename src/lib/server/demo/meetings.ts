import { addDays, berlinToday } from '../consultations/phases.ts';
import type { Db } from '../db/index.ts';
import { insertAgendaItem, insertPaper } from '../meetings/agenda.repository.ts';
import { bodyIdTaken, insertBody, insertTerm } from '../meetings/bodies.repository.ts';
import { insertMeeting, type MeetingInput } from '../meetings/meetings.repository.ts';
import { insertMembership, insertPerson } from '../meetings/persons.repository.ts';
import { ensureLiveStream } from '../live/live.repository.ts';
import { parseBerlinDateTime } from '../surveys/local-time.ts';
import { DEMO_COUNCIL_ID, DEMO_RECORDED_MEETING_ID } from './demo-ids.ts';

// Hennef's council and two committees with fictional members and meetings. The held council
// meeting (DEMO_RECORDED_MEETING_ID) carries chapter marks that fit the generated 3-minute demo
// recording (the media worker adds the recording itself).

// Papers point at an invented council information system: the demo must not send anyone to a
// real site that might not have these documents.
const RIS = 'https://ratsinfo.hennef.example/vorlagen';

type Item = {
	number: string;
	title: string;
	public?: boolean;
	chapterS?: number;
	papers?: string[][];
};

/** The recorded meeting: chapter starts in seconds on the 180 s recording. */
const RECORDED_AGENDA: Item[] = [
	{
		number: 'TOP 1',
		title: 'Eröffnung, Feststellung der Beschlussfähigkeit und der Tagesordnung',
		chapterS: 0
	},
	{ number: 'TOP 2', title: 'Einwohnerfragestunde', chapterS: 25 },
	{
		number: 'TOP 3',
		title: 'Bebauungsplan Nr. 01.39 „Am Kurpark“, Aufstellungsbeschluss',
		chapterS: 60,
		papers: [['Beschlussvorlage Bebauungsplan Am Kurpark', 'V/2026/0412']]
	},
	{
		number: 'TOP 4',
		title: 'Haushaltssatzung 2027, Einbringung des Entwurfs',
		chapterS: 95,
		papers: [['Entwurf der Haushaltssatzung 2027', 'V/2026/0433']]
	},
	{
		number: 'TOP 5',
		title: 'Radverkehrskonzept',
		chapterS: 130,
		papers: [
			['Radverkehrskonzept der Stadt Hennef, Abschlussbericht', 'V/2026/0450'],
			['Stellungnahme des Ausschusses für Stadtentwicklung und Verkehr', 'V/2026/0450/1']
		]
	},
	{ number: 'N 6', title: 'Grundstücksangelegenheit', public: false }
];

const PERSONS: { form: string; given: string; family: string; title?: string; consent: boolean }[] =
	[
		{ form: 'Frau', given: 'Marlene', family: 'Achterberg', consent: true },
		{ form: 'Herr', given: 'Jonas', family: 'Brückner', consent: true },
		{ form: 'Frau', given: 'Sevda', family: 'Karaca', title: 'Dr.', consent: true },
		{ form: 'Herr', given: 'Paul', family: 'Demuth', consent: false },
		{ form: 'Frau', given: 'Ilse', family: 'Wolkenstein', consent: true },
		{ form: 'Herr', given: 'Tobias', family: 'Fennert', consent: true },
		{ form: 'Frau', given: 'Hanna', family: 'Gerlinghaus', consent: false },
		{ form: 'Herr', given: 'Mehmet', family: 'Oralkan', consent: true },
		{ form: 'Frau', given: 'Clara', family: 'Siebenmorgen', consent: true },
		{ form: 'Herr', given: 'Friedhelm', family: 'Ludwigsen', title: 'Prof. Dr.', consent: false }
	];

function at(day: string, time: string): Date {
	const parsed = parseBerlinDateTime(`${day}T${time}`);
	if (!parsed.ok || !parsed.value) throw new Error(`Demo-Zeit ungültig: ${day} ${time}`);
	return parsed.value;
}

async function addAgenda(db: Db, meetingId: string, items: Item[]): Promise<void> {
	for (const item of items) {
		const id = await insertAgendaItem(db, meetingId, {
			number: item.number,
			title: item.title,
			public: item.public ?? true,
			chapterStartMs: item.chapterS === undefined ? null : item.chapterS * 1000
		});
		for (const [name, reference] of item.papers ?? []) {
			const url = `${RIS}/${encodeURIComponent(reference!.replaceAll('/', '-'))}`;
			await insertPaper(db, id, { name: name!, reference: reference!, url, fileId: null });
		}
	}
}

async function seedBodies(db: Db) {
	const council = await insertBody(
		db,
		{
			name: 'Rat der Stadt Hennef',
			shortName: 'Rat',
			classification: 'Rat',
			startDate: null,
			endDate: null,
			website: null
		},
		DEMO_COUNCIL_ID
	);
	const committee = (name: string, shortName: string) =>
		insertBody(db, {
			name,
			shortName,
			classification: 'Ausschuss',
			startDate: '2025-11-01',
			endDate: null,
			website: null
		});
	const asv = await committee('Ausschuss für Stadtentwicklung und Verkehr', 'ASV');
	const uka = await committee('Umwelt- und Klimaschutzausschuss', 'UKA');
	return { council, asv, uka };
}

async function seedPersons(db: Db, bodies: { council: string; asv: string; uka: string }) {
	for (const [i, p] of PERSONS.entries()) {
		const personId = await insertPerson(db, {
			formOfAddress: p.form,
			title: p.title ?? null,
			givenName: p.given,
			familyName: p.family,
			recordingConsent: p.consent
		});
		const member = (bodyId: string, role: string, votingRight = true) =>
			insertMembership(db, {
				personId,
				bodyId,
				role,
				votingRight,
				startDate: '2025-11-01',
				endDate: null
			});
		await member(bodies.council, i === 0 ? 'Bürgermeisterin (Vorsitz)' : 'Mitglied');
		if (i % 2 === 1) await member(bodies.asv, i === 1 ? 'Vorsitz' : 'Mitglied');
		if (i % 3 === 2) await member(bodies.uka, i === 2 ? 'Vorsitz' : 'Mitglied');
	}
}

/** Idempotent: does nothing when the demo council exists (also on databases seeded before). */
export async function seedDemoMeetings(db: Db, now: Date = new Date()): Promise<boolean> {
	if (await bodyIdTaken(db, DEMO_COUNCIL_ID)) return false;
	const bodies = await seedBodies(db);
	const term = await insertTerm(db, {
		name: 'Wahlperiode 2025–2030',
		startDate: '2025-11-01',
		endDate: '2030-10-31'
	});
	await seedPersons(db, bodies);

	const today = berlinToday(now);
	const meeting = (
		over: Partial<MeetingInput> & Pick<MeetingInput, 'bodyId' | 'name' | 'startsAt'>
	) =>
		({
			endsAt: null,
			location: 'Rathaus Hennef, Ratssaal, Frankfurter Straße 97',
			state: 'scheduled',
			legislativeTermId: term,
			...over
		}) as MeetingInput;

	const held = addDays(today, -14);
	await insertMeeting(
		db,
		meeting({
			bodyId: bodies.council,
			name: '5. Sitzung des Rates der Stadt Hennef',
			startsAt: at(held, '18:00'),
			endsAt: at(held, '21:30'),
			state: 'held'
		}),
		DEMO_RECORDED_MEETING_ID
	);
	await addAgenda(db, DEMO_RECORDED_MEETING_ID, RECORDED_AGENDA);

	const asvDay = addDays(today, 7);
	const asvMeeting = await insertMeeting(
		db,
		meeting({
			bodyId: bodies.asv,
			name: '4. Sitzung des Ausschusses für Stadtentwicklung und Verkehr',
			startsAt: at(asvDay, '17:30')
		})
	);
	await addAgenda(db, asvMeeting, [
		{ number: 'TOP 1', title: 'Eröffnung und Tagesordnung' },
		{
			number: 'TOP 2',
			title: 'Masterplan Mobilität, Zwischenbericht',
			papers: [['Zwischenbericht Masterplan Mobilität', 'V/2026/0471']]
		},
		{ number: 'Ö 2.1', title: 'Neugestaltung des Marktplatzes Stadt Blankenberg' },
		{ number: 'N 3', title: 'Vergabe Planungsleistungen', public: false }
	]);
	// Streamed live: its public page shows the waiting screen, the clerk's console the stream key.
	await ensureLiveStream(db, asvMeeting);

	const ukaDay = addDays(today, 10);
	await insertMeeting(
		db,
		meeting({
			bodyId: bodies.uka,
			name: '3. Sitzung des Umwelt- und Klimaschutzausschusses',
			startsAt: at(ukaDay, '17:00'),
			state: 'cancelled'
		})
	);
	const ukaNext = await insertMeeting(
		db,
		meeting({
			bodyId: bodies.uka,
			name: '4. Sitzung des Umwelt- und Klimaschutzausschusses',
			startsAt: at(addDays(today, 24), '17:00')
		})
	);
	await addAgenda(db, ukaNext, [
		{ number: 'TOP 1', title: 'Eröffnung und Tagesordnung' },
		{
			number: 'TOP 2',
			title: 'Hitzeaktionsplan für die Innenstadt',
			papers: [['Entwurf Hitzeaktionsplan', 'V/2026/0488']]
		}
	]);

	const ratNext = await insertMeeting(
		db,
		meeting({
			bodyId: bodies.council,
			name: '6. Sitzung des Rates der Stadt Hennef',
			startsAt: at(addDays(today, 21), '18:00')
		})
	);
	await addAgenda(db, ratNext, [
		{
			number: 'TOP 1',
			title: 'Eröffnung, Feststellung der Beschlussfähigkeit und der Tagesordnung'
		},
		{ number: 'TOP 2', title: 'Einwohnerfragestunde' },
		{ number: 'TOP 3', title: 'Haushaltssatzung 2027, Beschluss' }
	]);
	return true;
}
