import type { Db } from '../db/index.ts';
import { auditMeeting, failure, type Failure, type MeetingDeps } from './audit.ts';
import {
	insertAgendaItem,
	moveAgendaItem,
	softDeleteAgendaItem,
	updateAgendaItem,
	type AgendaItemInput
} from './agenda.repository.ts';
import { findBody, findTerm } from './bodies.repository.ts';
import {
	findMeeting,
	insertMeeting,
	lockMeeting,
	softDeleteMeeting,
	touchMeeting,
	updateMeeting,
	type MeetingInput
} from './meetings.repository.ts';

// Meetings and their agendas as the Sitzungsdienst edits them. Every change and its audit entry
// share one transaction; agenda changes lock the meeting row so two clerks' edits queue up.

type Saved = { ok: true; id: string };
type MeetingFailure = Failure<'bodyNotFound' | 'termNotFound'>;

const tx = <T>(deps: MeetingDeps, run: (trx: Db) => Promise<T>) =>
	deps.db.transaction().execute(run);

async function checkReferences(trx: Db, input: MeetingInput): Promise<MeetingFailure | null> {
	if (!(await findBody(trx, input.bodyId))) return failure('bodyNotFound');
	if (input.legislativeTermId && !(await findTerm(trx, input.legislativeTermId)))
		return failure('termNotFound');
	return null;
}

export function createMeeting(
	deps: MeetingDeps,
	actorId: string,
	input: MeetingInput
): Promise<Saved | MeetingFailure> {
	return tx(deps, async (trx) => {
		const refused = await checkReferences(trx, input);
		if (refused) return refused;
		const id = await insertMeeting(trx, input);
		await auditMeeting(trx, actorId, 'meeting', 'created', id, {
			name: input.name,
			bodyId: input.bodyId,
			startsAt: input.startsAt.toISOString()
		});
		return { ok: true as const, id };
	});
}

export function editMeeting(
	deps: MeetingDeps,
	actorId: string,
	id: string,
	input: MeetingInput
): Promise<Saved | MeetingFailure | Failure<'notFound'>> {
	return tx(deps, async (trx) => {
		if (!(await lockMeeting(trx, id))) return failure('notFound');
		const refused = await checkReferences(trx, input);
		if (refused) return refused;
		const before = await findMeeting(trx, id);
		await updateMeeting(trx, id, input);
		await auditMeeting(trx, actorId, 'meeting', 'updated', id, {
			name: input.name,
			state: input.state,
			stateBefore: before?.state
		});
		return { ok: true as const, id };
	});
}

export function deleteMeeting(
	deps: MeetingDeps,
	actorId: string,
	id: string
): Promise<Saved | Failure<'notFound'>> {
	return tx(deps, async (trx) => {
		const meeting = await findMeeting(trx, id);
		if (!meeting || !(await softDeleteMeeting(trx, id, new Date()))) return failure('notFound');
		await auditMeeting(trx, actorId, 'meeting', 'deleted', id, { name: meeting.name });
		return { ok: true as const, id };
	});
}

/** Runs an agenda change with the meeting locked, touches the meeting and audits the change. */
export function changeAgenda<T extends object>(
	deps: MeetingDeps,
	meetingId: string,
	change: (trx: Db) => Promise<T | null>
): Promise<({ ok: true } & T) | Failure<'notFound'>> {
	return tx(deps, async (trx) => {
		if (!(await lockMeeting(trx, meetingId))) return failure('notFound');
		const result = await change(trx);
		if (!result) return failure('notFound');
		await touchMeeting(trx, meetingId);
		return { ok: true as const, ...result };
	});
}

export function addAgendaItem(
	deps: MeetingDeps,
	actorId: string,
	meetingId: string,
	input: AgendaItemInput
) {
	return changeAgenda(deps, meetingId, async (trx) => {
		const id = await insertAgendaItem(trx, meetingId, input);
		await auditMeeting(trx, actorId, 'agenda_item', 'created', id, {
			meetingId,
			number: input.number,
			public: input.public
		});
		return { id };
	});
}

export function editAgendaItem(
	deps: MeetingDeps,
	actorId: string,
	meetingId: string,
	itemId: string,
	input: AgendaItemInput
) {
	return changeAgenda(deps, meetingId, async (trx) => {
		if (!(await updateAgendaItem(trx, meetingId, itemId, input))) return null;
		await auditMeeting(trx, actorId, 'agenda_item', 'updated', itemId, {
			meetingId,
			number: input.number,
			public: input.public
		});
		return { id: itemId };
	});
}

export function moveAgendaItemBy(
	deps: MeetingDeps,
	actorId: string,
	meetingId: string,
	itemId: string,
	direction: 'up' | 'down'
) {
	return changeAgenda(deps, meetingId, async (trx) => {
		if (!(await moveAgendaItem(trx, meetingId, itemId, direction))) return null;
		await auditMeeting(trx, actorId, 'agenda_item', 'moved', itemId, { meetingId, direction });
		return { id: itemId };
	});
}

export function deleteAgendaItem(
	deps: MeetingDeps,
	actorId: string,
	meetingId: string,
	itemId: string
) {
	return changeAgenda(deps, meetingId, async (trx) => {
		const removed = await softDeleteAgendaItem(trx, meetingId, itemId, new Date());
		if (!removed) return null;
		await auditMeeting(trx, actorId, 'agenda_item', 'deleted', itemId, {
			meetingId,
			number: removed.number
		});
		return { id: itemId };
	});
}
