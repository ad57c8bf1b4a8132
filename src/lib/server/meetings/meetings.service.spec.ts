import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/index.ts';
import { findFileById } from '../media/files.repository.ts';
import { createUser } from '../testing/factories.ts';
import { createTestDatabase, testConfig } from '../testing/test-app.ts';
import { findPaperFile, listAgenda } from './agenda.repository.ts';
import type { MeetingDeps } from './audit.ts';
import { listBodies } from './bodies.repository.ts';
import {
	findMeeting,
	listMeetings,
	listRecordedMeetings,
	listUpcomingMeetings,
	type MeetingInput
} from './meetings.repository.ts';
import {
	addAgendaItem,
	createMeeting,
	deleteAgendaItem,
	deleteMeeting,
	editAgendaItem,
	editMeeting,
	moveAgendaItemBy
} from './meetings.service.ts';
import { addPaper, deletePaper } from './papers.service.ts';
import { loadPublicMeeting } from './public-meeting.ts';
import { createBody, createTerm, deleteBody } from './registry.service.ts';

let database: Database;
let dataDir: string;
let deps: MeetingDeps;
let clerk: string;
let bodyId: string;
beforeAll(async () => {
	database = await createTestDatabase();
	dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mitreden-meetings-'));
	deps = { db: database.db, config: testConfig({ DATA_DIR: dataDir }) };
	clerk = (await createUser(database.db, { roles: ['clerk'] })).id;
	bodyId = (await createBody(deps, clerk, body('Rat der Stadt'))).id;
});
afterAll(async () => {
	await database?.close();
	if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

function body(name: string) {
	return {
		name,
		shortName: null,
		classification: 'Rat',
		startDate: null,
		endDate: null,
		website: null
	};
}

const meeting = (over: Partial<MeetingInput> = {}): MeetingInput => ({
	bodyId,
	name: 'Sitzung des Rates',
	startsAt: new Date('2030-01-15T17:00:00Z'),
	endsAt: null,
	location: 'Rathaus',
	state: 'scheduled',
	legislativeTermId: null,
	...over
});

async function newMeeting(over: Partial<MeetingInput> = {}): Promise<string> {
	const created = await createMeeting(deps, clerk, meeting(over));
	if (!created.ok) throw new Error(created.reason);
	return created.id;
}

const audits = (targetId: string) =>
	database.db
		.selectFrom('audit_log')
		.select(['action', 'actor_id'])
		.where('target_id', '=', targetId)
		.orderBy('id')
		.execute();

describe('meetings', () => {
	it('creates, edits and audits a meeting', async () => {
		const term = await createTerm(deps, clerk, {
			name: '2025–2030',
			startDate: '2025-11-01',
			endDate: '2030-10-31'
		});
		const id = await newMeeting({ legislativeTermId: term.id });
		const edited = await editMeeting(deps, clerk, id, meeting({ name: 'Neu', state: 'cancelled' }));
		expect(edited.ok).toBe(true);
		const found = await findMeeting(database.db, id);
		expect(found).toMatchObject({ name: 'Neu', state: 'cancelled', bodyName: 'Rat der Stadt' });
		expect((await audits(id)).map((a) => a.action)).toEqual(['meeting.created', 'meeting.updated']);
		expect((await audits(id))[0]!.actor_id).toBe(clerk);
	});

	it('refuses unknown bodies and terms without writing', async () => {
		const unknown = '00000000-0000-4000-8000-000000000000';
		const before = await database.db.selectFrom('meetings').select('id').execute();
		expect(await createMeeting(deps, clerk, meeting({ bodyId: unknown }))).toEqual({
			ok: false,
			reason: 'bodyNotFound'
		});
		expect(await createMeeting(deps, clerk, meeting({ legislativeTermId: unknown }))).toEqual({
			ok: false,
			reason: 'termNotFound'
		});
		expect(await database.db.selectFrom('meetings').select('id').execute()).toHaveLength(
			before.length
		);
	});

	it('deletes softly, once, and hides the meeting everywhere public', async () => {
		const id = await newMeeting({ name: 'Wird gelöscht' });
		const item = await addAgendaItem(deps, clerk, id, {
			number: 'TOP 1',
			title: 'A',
			public: true
		});
		await database.db
			.insertInto('recordings')
			.values({ meeting_id: id, started_at: new Date(), output_prefix: 'recordings/x/1' })
			.execute();
		expect((await listRecordedMeetings(database.db, 100)).map((m) => m.id)).toContain(id);

		expect((await deleteMeeting(deps, clerk, id)).ok).toBe(true);
		expect(await deleteMeeting(deps, clerk, id)).toEqual({ ok: false, reason: 'notFound' });
		const row = await database.db
			.selectFrom('meetings')
			.select('deleted_at')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.deleted_at).toBeInstanceOf(Date);
		const itemRow = await database.db
			.selectFrom('agenda_items')
			.select('deleted_at')
			.where('id', '=', item.ok ? item.id : '')
			.executeTakeFirstOrThrow();
		expect(itemRow.deleted_at).toBeInstanceOf(Date);
		expect(await loadPublicMeeting(database.db, id)).toBeNull();
		expect(await findMeeting(database.db, id)).toBeNull();
		expect((await listRecordedMeetings(database.db, 100)).map((m) => m.id)).not.toContain(id);
		const upcoming = await listUpcomingMeetings(database.db, new Date('2029-01-01'), 100);
		expect(upcoming.map((m) => m.id)).not.toContain(id);
		expect(await editMeeting(deps, clerk, id, meeting())).toEqual({
			ok: false,
			reason: 'notFound'
		});
		expect((await audits(id)).map((a) => a.action)).toContain('meeting.deleted');
	});

	it('lists upcoming ascending and the archive descending, filtered by body', async () => {
		const other = (await createBody(deps, clerk, body('Umweltausschuss'))).id;
		const a = await newMeeting({ bodyId: other, startsAt: new Date('2031-03-01T17:00:00Z') });
		const b = await newMeeting({ bodyId: other, startsAt: new Date('2031-02-01T17:00:00Z') });
		const past = await newMeeting({ bodyId: other, startsAt: new Date('2020-02-01T17:00:00Z') });
		const now = new Date('2026-01-01');
		const upcoming = await listMeetings(database.db, { when: 'upcoming', now, bodyId: other });
		expect(upcoming.map((m) => m.id)).toEqual([b, a]);
		const archive = await listMeetings(database.db, { when: 'past', now, bodyId: other });
		expect(archive.map((m) => m.id)).toEqual([past]);
		expect(await deleteBody(deps, clerk, other)).toEqual({ ok: false, reason: 'hasMeetings' });
	});

	it('only lists live bodies and deletes a body without meetings', async () => {
		const lone = (await createBody(deps, clerk, body('Beirat'))).id;
		expect((await deleteBody(deps, clerk, lone)).ok).toBe(true);
		expect(await deleteBody(deps, clerk, lone)).toEqual({ ok: false, reason: 'notFound' });
		expect((await listBodies(database.db)).map((b) => b.id)).not.toContain(lone);
	});
});

describe('agenda', () => {
	it('appends, moves and deletes items in order', async () => {
		const id = await newMeeting();
		const ids: string[] = [];
		for (const n of [1, 2, 3]) {
			const r = await addAgendaItem(deps, clerk, id, {
				number: `TOP ${n}`,
				title: `Punkt ${n}`,
				public: true
			});
			if (r.ok) ids.push(r.id);
		}
		const numbers = async () => (await listAgenda(database.db, id)).map((i) => i.number);
		expect(await numbers()).toEqual(['TOP 1', 'TOP 2', 'TOP 3']);
		await moveAgendaItemBy(deps, clerk, id, ids[2]!, 'up');
		expect(await numbers()).toEqual(['TOP 1', 'TOP 3', 'TOP 2']);
		// At the top nothing moves and nothing fails.
		expect((await moveAgendaItemBy(deps, clerk, id, ids[0]!, 'up')).ok).toBe(true);
		await moveAgendaItemBy(deps, clerk, id, ids[0]!, 'down');
		expect(await numbers()).toEqual(['TOP 3', 'TOP 1', 'TOP 2']);
		expect((await deleteAgendaItem(deps, clerk, id, ids[0]!)).ok).toBe(true);
		expect(await deleteAgendaItem(deps, clerk, id, ids[0]!)).toEqual({
			ok: false,
			reason: 'notFound'
		});
		expect(await numbers()).toEqual(['TOP 3', 'TOP 2']);
		const r = await addAgendaItem(deps, clerk, id, { number: 'TOP 4', title: 'V', public: true });
		expect(r.ok).toBe(true);
		expect(await numbers()).toEqual(['TOP 3', 'TOP 2', 'TOP 4']);
		expect((await audits(ids[2]!)).map((a) => a.action)).toEqual([
			'agenda_item.created',
			'agenda_item.moved'
		]);
	});

	it("refuses to touch another meeting's items", async () => {
		const one = await newMeeting();
		const two = await newMeeting();
		const item = await addAgendaItem(deps, clerk, one, {
			number: 'TOP 1',
			title: 'A',
			public: true
		});
		const itemId = item.ok ? item.id : '';
		const input = { number: 'X', title: 'gekapert', public: true };
		expect(await editAgendaItem(deps, clerk, two, itemId, input)).toEqual({
			ok: false,
			reason: 'notFound'
		});
		expect((await deleteAgendaItem(deps, clerk, two, itemId)).ok).toBe(false);
		expect((await moveAgendaItemBy(deps, clerk, two, itemId, 'up')).ok).toBe(false);
		const paper = await addPaper(deps, clerk, two, {
			itemId,
			name: 'V',
			reference: null,
			url: 'https://ris.example/1',
			pdf: null
		});
		expect(paper).toEqual({ ok: false, reason: 'notFound' });
		expect((await listAgenda(database.db, one))[0]).toMatchObject({ title: 'A', papers: [] });
	});
});

describe('papers', () => {
	async function meetingWithItem(isPublic = true) {
		const id = await newMeeting();
		const item = await addAgendaItem(deps, clerk, id, {
			number: 'TOP 1',
			title: 'Haushalt',
			public: isPublic
		});
		return { id, itemId: item.ok ? item.id : '' };
	}

	it('stores a real PDF and refuses one that is not', async () => {
		const { id, itemId } = await meetingWithItem();
		const pdf = new File([Buffer.from('%PDF-1.7\n%%EOF')], '../../etc/Vorlage.pdf');
		const added = await addPaper(deps, clerk, id, {
			itemId,
			name: 'Vorlage',
			reference: 'V/2026/1',
			url: null,
			pdf
		});
		expect(added.ok).toBe(true);
		const [paper] = (await listAgenda(database.db, id))[0]!.papers;
		const file = await findFileById(database.db, paper!.fileId!);
		expect(file).toMatchObject({ mimeType: 'application/pdf', originalName: 'Vorlage.pdf' });

		const fake = new File([Buffer.from('<html>not a pdf</html>')], 'vorlage.pdf');
		const refused = await addPaper(deps, clerk, id, {
			itemId,
			name: 'Fake',
			reference: null,
			url: null,
			pdf: fake
		});
		expect(refused).toEqual({ ok: false, reason: 'file', error: 'mediaPdfFormat' });
		expect((await listAgenda(database.db, id))[0]!.papers).toHaveLength(1);
	});

	it('marks PDFs of non-public items as not public and forgets deleted ones', async () => {
		const { id, itemId } = await meetingWithItem(false);
		const added = await addPaper(deps, clerk, id, {
			itemId,
			name: 'Kaufvertrag',
			reference: null,
			url: null,
			pdf: new File([Buffer.from('%PDF-1.4\n')], 'k.pdf')
		});
		const paperId = added.ok ? added.id : '';
		expect(await findPaperFile(database.db, id, paperId)).toMatchObject({ isPublic: false });
		const other = await newMeeting();
		expect(await findPaperFile(database.db, other, paperId)).toBeNull();
		await deletePaper(deps, clerk, id, paperId);
		expect(await findPaperFile(database.db, id, paperId)).toBeNull();
	});

	it('deletes a paper softly and only once', async () => {
		const { id, itemId } = await meetingWithItem();
		const added = await addPaper(deps, clerk, id, {
			itemId,
			name: 'Link',
			reference: null,
			url: 'https://ris.example/v/1',
			pdf: null
		});
		const paperId = added.ok ? added.id : '';
		expect((await deletePaper(deps, clerk, id, paperId)).ok).toBe(true);
		expect((await deletePaper(deps, clerk, id, paperId)).ok).toBe(false);
		expect((await listAgenda(database.db, id))[0]!.papers).toEqual([]);
		const row = await database.db
			.selectFrom('agenda_item_papers')
			.select('deleted_at')
			.where('id', '=', paperId)
			.executeTakeFirstOrThrow();
		expect(row.deleted_at).toBeInstanceOf(Date);
		expect((await audits(paperId)).map((a) => a.action)).toEqual([
			'paper.created',
			'paper.deleted'
		]);
	});
});

describe('loadPublicMeeting', () => {
	it('shows a non-public item as its number only', async () => {
		const id = await newMeeting();
		await addAgendaItem(deps, clerk, id, { number: 'TOP 1', title: 'Eröffnung', public: true });
		const secret = await addAgendaItem(deps, clerk, id, {
			number: 'N 2',
			title: 'Grundstück Geheimweg 7',
			public: false
		});
		const secretId = secret.ok ? secret.id : '';
		await addPaper(deps, clerk, id, {
			itemId: secretId,
			name: 'Kaufvertrag Geheimweg',
			reference: null,
			url: 'https://ris.example/geheim',
			pdf: null
		});
		await database.db
			.updateTable('agenda_items')
			.set({ chapter_start_ms: 5000 })
			.where('id', '=', secretId)
			.execute();

		const loaded = await loadPublicMeeting(database.db, id);
		expect(loaded!.agenda).toHaveLength(2);
		expect(loaded!.agenda[1]).toEqual({ id: secretId, number: 'N 2', public: false });
		const json = JSON.stringify(loaded);
		expect(json).not.toContain('Geheimweg');
		expect(json).not.toContain('5000');
		expect(loaded!.agenda[0]).toMatchObject({ public: true, title: 'Eröffnung' });
		expect(loaded!.recording).toBeNull();
	});

	it('answers null for malformed and unknown ids', async () => {
		expect(await loadPublicMeeting(database.db, 'abc')).toBeNull();
		expect(await loadPublicMeeting(database.db, "'; drop table meetings; --")).toBeNull();
		expect(await loadPublicMeeting(database.db, '00000000-0000-4000-8000-000000000000')).toBeNull();
	});

	it('offers the recording only when its archive is online', async () => {
		const id = await newMeeting();
		await database.db
			.insertInto('recordings')
			.values({ meeting_id: id, started_at: new Date(), state: 'processing' })
			.execute();
		expect((await loadPublicMeeting(database.db, id))!.recording).toBeNull();
		await database.db
			.updateTable('recordings')
			.set({ output_prefix: 'recordings/r/1', duration_ms: 180000 })
			.where('meeting_id', '=', id)
			.execute();
		expect((await loadPublicMeeting(database.db, id))!.recording).toMatchObject({
			durationMs: 180000
		});
	});

	it('ends public chapters at the next mark, also a non-public one, or the recording end', async () => {
		const id = await newMeeting();
		const marks: [string, boolean, number | null][] = [
			['TOP 1', true, 0],
			['N 2', false, 40_000],
			['TOP 3', true, 90_000],
			['TOP 4', true, null]
		];
		for (const [number, isPublic, mark] of marks) {
			const item = await addAgendaItem(deps, clerk, id, {
				number,
				title: number,
				public: isPublic
			});
			await database.db
				.updateTable('agenda_items')
				.set({ chapter_start_ms: mark })
				.where('id', '=', item.ok ? item.id : '')
				.execute();
		}
		await database.db
			.insertInto('recordings')
			.values({
				meeting_id: id,
				started_at: new Date(),
				output_prefix: 'recordings/r/1',
				duration_ms: 180_000
			})
			.execute();
		const agenda = (await loadPublicMeeting(database.db, id))!.agenda;
		const spans = agenda.map((i) => (i.public ? [i.chapterStartMs, i.chapterEndMs] : 'hidden'));
		expect(spans).toEqual([[0, 40_000], 'hidden', [90_000, 180_000], [null, null]]);
	});
});
