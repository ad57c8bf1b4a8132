import type { Db } from '../../db/index.ts';
import type { ImportPlan } from './import-plan.ts';
import {
	idsByOparlId,
	softDeleteByOparlId,
	softDeleteMissing,
	upsertByOparlId
} from './import.repository.ts';

export interface ImportCounts {
	legislativeTerms: number;
	organizations: number;
	persons: number;
	memberships: number;
	meetings: number;
	agendaItems: number;
	papers: number;
	deleted: number;
	warnings: number;
}

type Refs = Map<string, string>;

async function writeBasics(db: Db, plan: ImportPlan, counts: ImportCounts) {
	for (const t of plan.terms) {
		await upsertByOparlId(db, 'legislative_terms', {
			oparl_id: t.oparlId,
			name: t.name,
			start_date: t.startDate,
			end_date: t.endDate
		});
		counts.legislativeTerms++;
	}
	for (const o of plan.organizations) {
		await upsertByOparlId(db, 'bodies', {
			oparl_id: o.oparlId,
			name: o.name,
			short_name: o.shortName,
			classification: o.classification,
			start_date: o.startDate,
			end_date: o.endDate,
			website: o.website
		});
		counts.organizations++;
	}
	for (const p of plan.persons) {
		await upsertByOparlId(db, 'persons', {
			oparl_id: p.oparlId,
			name: p.name,
			family_name: p.familyName,
			given_name: p.givenName,
			form_of_address: p.formOfAddress,
			title: p.title
		});
		counts.persons++;
	}
}

async function writeMemberships(db: Db, plan: ImportPlan, counts: ImportCounts, bodies: Refs) {
	const persons = await idsByOparlId(db, 'persons', [
		...new Set(plan.memberships.map((m) => m.person))
	]);
	for (const m of plan.memberships) {
		const personId = persons.get(m.person);
		const bodyId = bodies.get(m.organization);
		if (!personId || !bodyId) {
			plan.warnings.push(`Mitgliedschaft ${m.oparlId}: Person oder Gremium unbekannt`);
			continue;
		}
		await upsertByOparlId(db, 'memberships', {
			oparl_id: m.oparlId,
			person_id: personId,
			body_id: bodyId,
			role: m.role,
			voting_right: m.votingRight,
			start_date: m.startDate,
			end_date: m.endDate
		});
		counts.memberships++;
	}
}

async function writeMeetings(db: Db, plan: ImportPlan, counts: ImportCounts, bodies: Refs) {
	const meetings: Refs = new Map();
	for (const m of plan.meetings) {
		const bodyId = m.organizations.map((o) => bodies.get(o)).find(Boolean);
		if (!bodyId) {
			plan.warnings.push(`Sitzung ${m.oparlId}: kein bekanntes Gremium`);
			continue;
		}
		const id = await upsertByOparlId(db, 'meetings', {
			oparl_id: m.oparlId,
			body_id: bodyId,
			name: m.name,
			starts_at: m.startsAt,
			ends_at: m.endsAt,
			location: m.location,
			state: m.state
		});
		meetings.set(m.oparlId, id);
		counts.meetings++;
	}
	return meetings;
}

async function writeItems(db: Db, plan: ImportPlan, counts: ImportCounts, meetings: Refs) {
	for (const [oparlId, meetingId] of meetings) {
		const own = plan.items.filter((i) => i.meeting === oparlId);
		for (const i of own) {
			await upsertByOparlId(db, 'agenda_items', {
				oparl_id: i.oparlId,
				meeting_id: meetingId,
				number: i.number,
				title: i.title,
				public: i.public,
				position: i.position,
				result: i.result,
				resolution_text: i.resolutionText
			});
			counts.agendaItems++;
		}
		const keep = own.map((i) => i.oparlId);
		counts.deleted += await softDeleteMissing(
			db,
			'agenda_items',
			{ column: 'meeting_id', id: meetingId },
			keep
		);
	}
}

async function writePapers(db: Db, plan: ImportPlan, counts: ImportCounts) {
	const items = await idsByOparlId(db, 'agenda_items', [
		...new Set(plan.papers.map((p) => p.item))
	]);
	for (const p of plan.papers) {
		const itemId = items.get(p.item);
		if (!itemId) continue; // an item of a meeting outside this import
		await upsertByOparlId(db, 'agenda_item_papers', {
			oparl_id: p.oparlId,
			agenda_item_id: itemId,
			name: p.name,
			reference: p.reference,
			url: p.url
		});
		counts.papers++;
	}
	// Files an imported item no longer carries are gone from it.
	const fromItems = new Set(plan.items.map((i) => i.oparlId));
	for (const [oparlId, itemId] of await idsByOparlId(db, 'agenda_items', [...fromItems])) {
		const keep = plan.papers.filter((p) => p.item === oparlId).map((p) => p.oparlId);
		counts.deleted += await softDeleteMissing(
			db,
			'agenda_item_papers',
			{ column: 'agenda_item_id', id: itemId },
			keep
		);
	}
}

/** Writes a whole plan; the caller wraps it in one transaction. */
export async function writePlan(db: Db, plan: ImportPlan): Promise<ImportCounts> {
	const counts: ImportCounts = {
		legislativeTerms: 0,
		organizations: 0,
		persons: 0,
		memberships: 0,
		meetings: 0,
		agendaItems: 0,
		papers: 0,
		deleted: 0,
		warnings: 0
	};
	await writeBasics(db, plan, counts);
	const organizationIds = [
		...new Set([
			...plan.memberships.map((m) => m.organization),
			...plan.meetings.flatMap((m) => m.organizations)
		])
	];
	const bodies = await idsByOparlId(db, 'bodies', organizationIds);
	await writeMemberships(db, plan, counts, bodies);
	const meetings = await writeMeetings(db, plan, counts, bodies);
	await writeItems(db, plan, counts, meetings);
	await writePapers(db, plan, counts);
	for (const d of plan.deletions) {
		counts.deleted += await softDeleteByOparlId(db, d.table, d.oparlId, d.prefix);
	}
	counts.warnings = plan.warnings.length;
	return counts;
}
