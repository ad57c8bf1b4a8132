import type { z } from 'zod';
import {
	agendaItemSchema,
	deletedSchema,
	fileSchema,
	meetingSchema,
	membershipSchema,
	organizationSchema,
	paperSchema,
	personSchema,
	termSchema
} from './import-schemas.ts';
import type { SourceData } from './import-source.ts';

// Turns what an endpoint served into rows to write, keyed by the objects' OParl ids. Objects that
// fail validation are skipped with a warning; `deleted: true` objects become deletions.

export type ImportTable =
	| 'bodies'
	| 'persons'
	| 'memberships'
	| 'legislative_terms'
	| 'meetings'
	| 'agenda_items'
	| 'agenda_item_papers';

export interface ImportPlan {
	terms: { oparlId: string; name: string; startDate: string | null; endDate: string | null }[];
	organizations: {
		oparlId: string;
		name: string;
		shortName: string | null;
		classification: string;
		startDate: string | null;
		endDate: string | null;
		website: string | null;
	}[];
	persons: {
		oparlId: string;
		name: string;
		familyName: string | null;
		givenName: string | null;
		formOfAddress: string | null;
		title: string | null;
	}[];
	memberships: {
		oparlId: string;
		person: string;
		organization: string;
		role: string | null;
		votingRight: boolean;
		startDate: string | null;
		endDate: string | null;
	}[];
	meetings: {
		oparlId: string;
		organizations: string[];
		name: string;
		startsAt: Date;
		endsAt: Date | null;
		location: string | null;
		state: 'scheduled' | 'held' | 'cancelled';
	}[];
	items: {
		oparlId: string;
		meeting: string;
		number: string;
		title: string;
		public: boolean;
		position: number;
		result: string | null;
		resolutionText: string | null;
	}[];
	/** Paper links; the id joins the file's or paper's id and the agenda item's (one per pair). */
	papers: { oparlId: string; item: string; name: string; reference: string | null; url: string }[];
	deletions: { table: ImportTable; oparlId: string; prefix?: boolean }[];
	/** Organizations that are no committee (Fraktion, Partei, ...): references to them are dropped. */
	otherOrganizations: Set<string>;
	warnings: string[];
}

const LABEL: Record<ImportTable, string> = {
	bodies: 'Gremium',
	persons: 'Person',
	memberships: 'Mitgliedschaft',
	legislative_terms: 'Wahlperiode',
	meetings: 'Sitzung',
	agenda_items: 'Tagesordnungspunkt',
	agenda_item_papers: 'Dokument'
};

function emptyPlan(): ImportPlan {
	return {
		terms: [],
		organizations: [],
		persons: [],
		memberships: [],
		meetings: [],
		items: [],
		papers: [],
		deletions: [],
		otherOrganizations: new Set(),
		warnings: []
	};
}

/** The object parsed, or null after noting it as deleted or as a warning. */
function accept<S extends z.ZodType>(
	plan: ImportPlan,
	table: ImportTable,
	schema: S,
	raw: unknown
): z.output<S> | null {
	const gone = deletedSchema.safeParse(raw);
	if (gone.success) {
		plan.deletions.push({ table, oparlId: gone.data.id });
		return null;
	}
	const parsed = schema.safeParse(raw);
	if (parsed.success) return parsed.data;
	const id = (raw as { id?: unknown } | null)?.id;
	const issue = parsed.error.issues[0]!;
	plan.warnings.push(
		`${LABEL[table]} ${typeof id === 'string' ? id.slice(0, 200) : '(ohne id)'}: ${issue.path.join('.') || 'Objekt'} ungültig (${issue.message})`
	);
	return null;
}

const clean = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

function planOrganizations(plan: ImportPlan, data: SourceData) {
	for (const raw of data.organizations) {
		const o = accept(plan, 'bodies', organizationSchema, raw);
		if (!o) continue;
		// Our bodies are committees (Gremien); factions and parties have no meetings to archive.
		if (o.organizationType && !/gremium/i.test(o.organizationType)) {
			plan.otherOrganizations.add(o.id);
			continue;
		}
		const name = clean(o.name) ?? clean(o.shortName);
		if (!name) {
			plan.warnings.push(`Gremium ${o.id}: ohne Namen`);
			continue;
		}
		plan.organizations.push({
			oparlId: o.id,
			name,
			shortName: clean(o.shortName),
			classification: clean(o.classification) ?? 'Ausschuss',
			startDate: o.startDate ?? null,
			endDate: o.endDate ?? null,
			website: o.website ?? null
		});
	}
}

function planPersons(plan: ImportPlan, data: SourceData) {
	const embedded: unknown[] = [];
	for (const raw of data.persons) {
		const p = accept(plan, 'persons', personSchema, raw);
		if (!p) continue;
		const name = clean(p.name) ?? clean([p.givenName, p.familyName].filter(Boolean).join(' '));
		if (!name) {
			plan.warnings.push(`Person ${p.id}: ohne Namen`);
			continue;
		}
		const title = Array.isArray(p.title) ? p.title.join(' ') : p.title;
		plan.persons.push({
			oparlId: p.id,
			name,
			familyName: clean(p.familyName),
			givenName: clean(p.givenName),
			formOfAddress: clean(p.formOfAddress),
			title: clean(title)
		});
		// OParl 1.0 embeds memberships in the person, without the person's id.
		for (const m of p.membership ?? []) {
			embedded.push(typeof m === 'object' && m ? { person: p.id, ...m } : m);
		}
	}
	return embedded;
}

function planMemberships(plan: ImportPlan, raws: unknown[]) {
	const seen = new Set<string>();
	for (const raw of raws) {
		const m = accept(plan, 'memberships', membershipSchema, raw);
		if (!m || seen.has(m.id)) continue;
		seen.add(m.id);
		if (m.organization && plan.otherOrganizations.has(m.organization)) continue;
		if (!m.person || !m.organization) {
			plan.warnings.push(`Mitgliedschaft ${m.id}: Person oder Gremium fehlt`);
			continue;
		}
		plan.memberships.push({
			oparlId: m.id,
			person: m.person,
			organization: m.organization,
			role: clean(m.role),
			votingRight: m.votingRight ?? true,
			startDate: m.startDate ?? null,
			endDate: m.endDate ?? null
		});
	}
}

function planTerms(plan: ImportPlan, data: SourceData) {
	for (const raw of data.terms) {
		const t = accept(plan, 'legislative_terms', termSchema, raw);
		if (!t) continue;
		plan.terms.push({
			oparlId: t.id,
			name: clean(t.name) ?? 'Wahlperiode',
			startDate: t.startDate ?? null,
			endDate: t.endDate ?? null
		});
	}
}

function planFiles(plan: ImportPlan, itemId: string, files: unknown[]) {
	for (const raw of files) {
		const f = accept(plan, 'agenda_item_papers', fileSchema, raw);
		const url = f?.accessUrl ?? f?.downloadUrl;
		if (!f || f.deleted || !url) continue;
		plan.papers.push({
			oparlId: `${f.id}#${itemId}`,
			item: itemId,
			name: clean(f.name) ?? clean(f.fileName) ?? 'Dokument',
			reference: null,
			url
		});
	}
}

function planItems(plan: ImportPlan, meetingId: string, raws: unknown[]) {
	raws.forEach((raw, index) => {
		const a = accept(plan, 'agenda_items', agendaItemSchema, raw);
		if (!a) return;
		const number = clean(a.number) ?? String(a.order ?? index + 1);
		plan.items.push({
			oparlId: a.id,
			meeting: meetingId,
			number,
			title: clean(a.name) ?? number,
			public: a.public ?? true,
			position: a.order ?? index + 1,
			result: clean(a.result),
			resolutionText: clean(a.resolutionText)
		});
		// Papers of non-public items stay out: they would be shown to the public.
		if (a.public !== false) planFiles(plan, a.id, a.auxiliaryFile ?? []);
	});
}

function locationText(m: NonNullable<ReturnType<typeof meetingSchema.parse>['location']>) {
	return (
		clean(m.description) ?? clean([m.streetAddress, m.room, m.locality].filter(Boolean).join(', '))
	);
}

function planMeetings(plan: ImportPlan, data: SourceData, now: Date) {
	for (const raw of data.meetings) {
		const m = accept(plan, 'meetings', meetingSchema, raw);
		if (!m) continue;
		if (!m.start) {
			plan.warnings.push(`Sitzung ${m.id}: ohne Beginn`);
			continue;
		}
		plan.meetings.push({
			oparlId: m.id,
			organizations: (m.organization ?? []).filter((o) => !plan.otherOrganizations.has(o)),
			name: clean(m.name) ?? 'Sitzung',
			startsAt: m.start,
			endsAt: m.end ?? null,
			location: m.location ? locationText(m.location) : null,
			state: m.cancelled ? 'cancelled' : m.start <= now ? 'held' : 'scheduled'
		});
		planItems(plan, m.id, m.agendaItem ?? []);
	}
}

function planPapers(plan: ImportPlan, data: SourceData) {
	for (const raw of data.papers) {
		const gone = deletedSchema.safeParse(raw);
		if (gone.success) {
			plan.deletions.push({
				table: 'agenda_item_papers',
				oparlId: `${gone.data.id}#`,
				prefix: true
			});
			continue;
		}
		const p = accept(plan, 'agenda_item_papers', paperSchema, raw);
		const url = p?.mainFile?.accessUrl ?? p?.web;
		if (!p || !url) continue;
		for (const c of p.consultation ?? []) {
			if (!c.agendaItem) continue;
			plan.papers.push({
				oparlId: `${p.id}#${c.agendaItem}`,
				item: c.agendaItem,
				name: clean(p.name) ?? clean(p.reference) ?? 'Drucksache',
				reference: clean(p.reference),
				url
			});
		}
	}
}

/** Later duplicates (an object listed twice) replace earlier ones. */
function unique<T extends { oparlId: string }>(rows: T[]): T[] {
	return [...new Map(rows.map((r) => [r.oparlId, r])).values()];
}

export function planImport(data: SourceData, now = new Date()): ImportPlan {
	const plan = emptyPlan();
	planTerms(plan, data);
	planOrganizations(plan, data);
	const embedded = planPersons(plan, data);
	planMemberships(plan, [...data.memberships, ...embedded]);
	planMeetings(plan, data, now);
	planPapers(plan, data);
	plan.terms = unique(plan.terms);
	plan.organizations = unique(plan.organizations);
	plan.persons = unique(plan.persons);
	plan.meetings = unique(plan.meetings);
	plan.items = unique(plan.items);
	plan.papers = unique(plan.papers);
	return plan;
}
