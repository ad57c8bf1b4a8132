import type { Db } from '../db/index.ts';
import { auditMeeting, failure, type Failure, type MeetingDeps } from './audit.ts';
import {
	countLiveMeetingsOfBody,
	findBody,
	insertBody,
	insertTerm,
	softDeleteBody,
	softDeleteTerm,
	updateBody,
	updateTerm,
	type BodyInput,
	type TermInput
} from './bodies.repository.ts';
import {
	findPerson,
	insertMembership,
	insertPerson,
	softDeleteMembership,
	softDeletePerson,
	updatePerson,
	type MembershipInput,
	type PersonInput
} from './persons.repository.ts';

// Gremien, legislative terms, persons and memberships as the Sitzungsdienst edits them. Each change
// and its audit entry share one transaction.

type Saved = { ok: true; id: string };
const tx = <T>(deps: MeetingDeps, run: (trx: Db) => Promise<T>) =>
	deps.db.transaction().execute(run);

export function createBody(deps: MeetingDeps, actorId: string, input: BodyInput): Promise<Saved> {
	return tx(deps, async (trx) => {
		const id = await insertBody(trx, input);
		await auditMeeting(trx, actorId, 'body', 'created', id, { name: input.name });
		return { ok: true as const, id };
	});
}

export function editBody(
	deps: MeetingDeps,
	actorId: string,
	id: string,
	input: BodyInput
): Promise<Saved | Failure<'notFound'>> {
	return tx(deps, async (trx) => {
		if (!(await updateBody(trx, id, input))) return failure('notFound');
		await auditMeeting(trx, actorId, 'body', 'updated', id, { name: input.name });
		return { ok: true as const, id };
	});
}

/** A body with meetings stays: its meetings would lose their Gremium on the public pages. */
export function deleteBody(
	deps: MeetingDeps,
	actorId: string,
	id: string
): Promise<Saved | Failure<'notFound' | 'hasMeetings'>> {
	return tx(deps, async (trx) => {
		const body = await findBody(trx, id);
		if (!body) return failure('notFound');
		if ((await countLiveMeetingsOfBody(trx, id)) > 0) return failure('hasMeetings');
		await softDeleteBody(trx, id, new Date());
		await auditMeeting(trx, actorId, 'body', 'deleted', id, { name: body.name });
		return { ok: true as const, id };
	});
}

export function createTerm(deps: MeetingDeps, actorId: string, input: TermInput): Promise<Saved> {
	return tx(deps, async (trx) => {
		const id = await insertTerm(trx, input);
		await auditMeeting(trx, actorId, 'legislative_term', 'created', id, { name: input.name });
		return { ok: true as const, id };
	});
}

export function editTerm(
	deps: MeetingDeps,
	actorId: string,
	id: string,
	input: TermInput
): Promise<Saved | Failure<'notFound'>> {
	return tx(deps, async (trx) => {
		if (!(await updateTerm(trx, id, input))) return failure('notFound');
		await auditMeeting(trx, actorId, 'legislative_term', 'updated', id, { name: input.name });
		return { ok: true as const, id };
	});
}

export function deleteTerm(
	deps: MeetingDeps,
	actorId: string,
	id: string
): Promise<Saved | Failure<'notFound'>> {
	return tx(deps, async (trx) => {
		if (!(await softDeleteTerm(trx, id, new Date()))) return failure('notFound');
		await auditMeeting(trx, actorId, 'legislative_term', 'deleted', id);
		return { ok: true as const, id };
	});
}

export function createPerson(
	deps: MeetingDeps,
	actorId: string,
	input: PersonInput
): Promise<Saved> {
	return tx(deps, async (trx) => {
		const id = await insertPerson(trx, input);
		await auditMeeting(trx, actorId, 'person', 'created', id, {
			recordingConsent: input.recordingConsent
		});
		return { ok: true as const, id };
	});
}

/** Consent changes are audited explicitly: they decide whether a person may be streamed. */
export function editPerson(
	deps: MeetingDeps,
	actorId: string,
	id: string,
	input: PersonInput
): Promise<Saved | Failure<'notFound'>> {
	return tx(deps, async (trx) => {
		const before = await findPerson(trx, id);
		if (!before || !(await updatePerson(trx, id, input))) return failure('notFound');
		await auditMeeting(trx, actorId, 'person', 'updated', id, {
			recordingConsent: input.recordingConsent,
			consentChanged: before.recordingConsent !== input.recordingConsent
		});
		return { ok: true as const, id };
	});
}

export function deletePerson(
	deps: MeetingDeps,
	actorId: string,
	id: string
): Promise<Saved | Failure<'notFound'>> {
	return tx(deps, async (trx) => {
		if (!(await softDeletePerson(trx, id, new Date()))) return failure('notFound');
		await auditMeeting(trx, actorId, 'person', 'deleted', id);
		return { ok: true as const, id };
	});
}

export function addMembership(
	deps: MeetingDeps,
	actorId: string,
	input: MembershipInput
): Promise<Saved | Failure<'personNotFound' | 'bodyNotFound'>> {
	return tx(deps, async (trx) => {
		if (!(await findPerson(trx, input.personId))) return failure('personNotFound');
		if (!(await findBody(trx, input.bodyId))) return failure('bodyNotFound');
		const id = await insertMembership(trx, input);
		await auditMeeting(trx, actorId, 'membership', 'created', id, {
			personId: input.personId,
			bodyId: input.bodyId
		});
		return { ok: true as const, id };
	});
}

export function removeMembership(
	deps: MeetingDeps,
	actorId: string,
	personId: string,
	membershipId: string
): Promise<Saved | Failure<'notFound'>> {
	return tx(deps, async (trx) => {
		if (!(await softDeleteMembership(trx, personId, membershipId, new Date())))
			return failure('notFound');
		await auditMeeting(trx, actorId, 'membership', 'deleted', membershipId, { personId });
		return { ok: true as const, id: membershipId };
	});
}
