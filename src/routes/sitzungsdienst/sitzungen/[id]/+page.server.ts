import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath, type MessageKey } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { parseForm } from '$lib/server/http/forms.ts';
import { listAgenda } from '$lib/server/meetings/agenda.repository.ts';
import { listBodies, listTerms } from '$lib/server/meetings/bodies.repository.ts';
import { clerkAction, notFound, requireClerk, routeId } from '$lib/server/meetings/clerk.ts';
import {
	agendaItemForm,
	confirmForm,
	deleteItemForm,
	deletePaperForm,
	editAgendaItemForm,
	meetingForm,
	moveForm,
	paperForm
} from '$lib/server/meetings/forms.ts';
import { findMeeting } from '$lib/server/meetings/meetings.repository.ts';
import {
	addAgendaItem,
	deleteAgendaItem,
	deleteMeeting,
	editAgendaItem,
	editMeeting,
	moveAgendaItemBy
} from '$lib/server/meetings/meetings.service.ts';
import { addPaper, deletePaper } from '$lib/server/meetings/papers.service.ts';
import {
	findRetention,
	queueRetentionSweep,
	retentionForm,
	retentionValues,
	saveRetention
} from '$lib/server/meetings/retention-settings.ts';
import { toBerlinInput } from '$lib/server/surveys/local-time.ts';

export const load: PageServerLoad = async (event) => {
	requireClerk(event);
	const { db } = await appContext();
	const id = routeId(event);
	const meeting = await findMeeting(db, id);
	if (!meeting) notFound(event);
	const [agenda, bodies, terms, retention] = await Promise.all([
		listAgenda(db, id),
		listBodies(db),
		listTerms(db),
		findRetention(db, 'meeting', id)
	]);
	const values = {
		bodyId: meeting.bodyId,
		name: meeting.name,
		startsAt: toBerlinInput(meeting.startsAt),
		endsAt: toBerlinInput(meeting.endsAt),
		location: meeting.location ?? '',
		state: meeting.state,
		legislativeTermId: meeting.legislativeTermId ?? ''
	};
	const created = event.url.searchParams.get('erledigt') === 'created';
	return {
		meeting,
		agenda,
		bodies,
		terms,
		values,
		retention: retentionValues(retention ?? { mode: null, days: null }),
		created
	};
};

async function begin(event: RequestEvent) {
	const action = await clerkAction(event);
	return { ...action, id: routeId(event) };
}

const done = (message: string, section: string) => ({ message, section });

/** The form's item id, for placing a refusal beside the right agenda item. */
const key = (form: FormData, name: string) => String(form.get(name) ?? '').slice(0, 36);

export const actions: Actions = {
	save: async (event) => {
		const { actorId, locale, m, form, deps, refuse, id } = await begin(event);
		const parsed = parseForm(meetingForm, form, locale);
		if (!parsed.ok) return refuse(parsed.errors, 400, 'meeting');
		const result = await editMeeting(deps, actorId, id, parsed.data);
		if (result.ok) return done(m.meetingSaved, 'meeting');
		if (result.reason === 'notFound') notFound(event);
		const field = result.reason === 'bodyNotFound' ? 'bodyId' : 'legislativeTermId';
		const message: MessageKey =
			result.reason === 'bodyNotFound' ? 'meetBodyUnknown' : 'meetTermUnknown';
		return refuse({ [field]: m[message] }, 400, 'meeting');
	},

	retention: async (event) => {
		const { actorId, locale, m, form, deps, refuse, id } = await begin(event);
		const parsed = parseForm(retentionForm, form, locale);
		if (!parsed.ok) return refuse(parsed.errors, 400, 'retention');
		const result = await saveRetention(deps, actorId, 'meeting', id, parsed.data);
		if (result.ok) {
			await queueRetentionSweep(deps);
			return done(m.rtSaved, 'retention');
		}
		if (result.reason === 'notFound') notFound(event);
		return refuse({ retentionMode: m.rtTermNoEndMeeting }, 400, 'retention');
	},

	delete: async (event) => {
		const { actorId, locale, m, form, deps, refuse, id } = await begin(event);
		if (!parseForm(confirmForm, form, locale).ok)
			return refuse({ confirm: m.meetConfirmRequired }, 400, 'delete');
		if (!(await deleteMeeting(deps, actorId, id)).ok) notFound(event);
		redirect(303, `${localizePath('/sitzungsdienst', locale)}?erledigt=meetingDeleted`);
	},

	addItem: async (event) => {
		const { actorId, locale, m, form, deps, refuse, id } = await begin(event);
		const parsed = parseForm(agendaItemForm, form, locale);
		if (!parsed.ok) return refuse(parsed.errors, 400, 'addItem');
		const { number, title, nonPublic } = parsed.data;
		const result = await addAgendaItem(deps, actorId, id, { number, title, public: !nonPublic });
		if (!result.ok) notFound(event);
		return done(m.agendaAdded, 'agenda');
	},

	editItem: async (event) => {
		const { actorId, locale, m, form, deps, refuse, id } = await begin(event);
		const section = `item-${key(form, 'itemId')}`;
		const parsed = parseForm(editAgendaItemForm, form, locale);
		if (!parsed.ok) return refuse(parsed.errors, 400, section);
		const { itemId, number, title, nonPublic } = parsed.data;
		const input = { number, title, public: !nonPublic };
		if (!(await editAgendaItem(deps, actorId, id, itemId, input)).ok)
			return refuse({ form: m.meetItemUnknown }, 404, section);
		return done(m.agendaSaved, 'agenda');
	},

	moveItem: async (event) => {
		const { actorId, locale, m, form, deps, refuse, id } = await begin(event);
		const parsed = parseForm(moveForm, form, locale);
		if (!parsed.ok) return refuse({ form: m.meetItemUnknown }, 400, 'agenda');
		const { itemId, direction } = parsed.data;
		if (!(await moveAgendaItemBy(deps, actorId, id, itemId, direction)).ok)
			return refuse({ form: m.meetItemUnknown }, 404, 'agenda');
		return done(m.agendaMoved, 'agenda');
	},

	deleteItem: async (event) => {
		const { actorId, locale, m, form, deps, refuse, id } = await begin(event);
		const section = `itemdel-${key(form, 'itemId')}`;
		const parsed = parseForm(deleteItemForm, form, locale);
		if (!parsed.ok) return refuse({ confirm: m.meetConfirmRequired }, 400, section);
		if (!(await deleteAgendaItem(deps, actorId, id, parsed.data.itemId)).ok)
			return refuse({ confirm: m.meetAlreadyDeleted }, 404, section);
		return done(m.agendaDeleted, 'agenda');
	},

	addPaper: async (event) => {
		const { actorId, locale, m, form, deps, refuse, id } = await begin(event);
		const section = `paper-${key(form, 'itemId')}`;
		const parsed = parseForm(paperForm, form, locale);
		if (!parsed.ok) return refuse(parsed.errors, 400, section);
		const { itemId, paperName, reference, url, pdf } = parsed.data;
		const result = await addPaper(deps, actorId, id, {
			itemId,
			name: paperName,
			reference,
			url,
			pdf
		});
		if (result.ok) return done(m.paperAdded, 'agenda');
		if (result.reason === 'notFound') return refuse({ form: m.meetItemUnknown }, 404, section);
		return refuse({ pdf: m[result.error] }, 400, section);
	},

	deletePaper: async (event) => {
		const { actorId, locale, m, form, deps, refuse, id } = await begin(event);
		const section = `paperdel-${key(form, 'paperId')}`;
		const parsed = parseForm(deletePaperForm, form, locale);
		if (!parsed.ok) return refuse({ confirm: m.meetConfirmRequired }, 400, section);
		if (!(await deletePaper(deps, actorId, id, parsed.data.paperId)).ok)
			return refuse({ confirm: m.meetAlreadyDeleted }, 404, section);
		return done(m.paperDeleted, 'agenda');
	}
};
