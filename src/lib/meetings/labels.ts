import type { Messages } from '$lib/i18n/index.ts';

/** Field names → labels, for the error summary's links. */
export function meetingFieldLabels(m: Messages): Record<string, string> {
	return {
		name: m.bodyName,
		shortName: m.bodyShortName,
		classification: m.bodyClassification,
		startDate: m.bodyStartDate,
		endDate: m.bodyEndDate,
		website: m.bodyWebsite,
		formOfAddress: m.personFormOfAddress,
		title: m.personTitle,
		givenName: m.personGivenName,
		familyName: m.personFamilyName,
		bodyId: m.meetingBody,
		role: m.membershipRole,
		startsAt: m.meetingStartsAt,
		endsAt: m.meetingEndsAt,
		location: m.meetingLocation,
		state: m.meetingState,
		legislativeTermId: m.meetingTerm,
		number: m.agendaNumber,
		paperName: m.paperName,
		reference: m.paperReference,
		url: m.paperUrl,
		pdf: m.paperPdf
	};
}

/** Stored values as form values (dates are already 'YYYY-MM-DD'). */
export function asValues(record: object): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [k, v] of Object.entries(record)) {
		if (typeof v === 'string') values[k] = v;
		else if (typeof v === 'boolean') values[k] = v ? 'on' : '';
	}
	return values;
}
