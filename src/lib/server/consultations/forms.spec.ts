import { describe, expect, it } from 'vitest';
import { parseForm } from '../http/forms.ts';
import { basicsForm, parseTopics, phasesForm, slugify } from './forms.ts';

const form = (entries: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(entries)) f.append(k, v);
	return f;
};

describe('topics', () => {
	it('trims, collapses spaces and drops duplicates regardless of case', () => {
		expect(parseTopics(' Verkehr ,  Rad   verkehr,verkehr,, ÖPNV ')).toEqual({
			ok: true,
			topics: ['Verkehr', 'Rad verkehr', 'ÖPNV']
		});
	});

	it('refuses more than 10 topics and topics over 40 characters', () => {
		const eleven = Array.from({ length: 11 }, (_, i) => `Thema ${i}`).join(',');
		expect(parseTopics(eleven)).toEqual({ ok: false, error: 'consTopicsTooMany:10' });
		expect(parseTopics('x'.repeat(41))).toEqual({ ok: false, error: 'consTopicTooLong:40' });
	});
});

describe('basics form', () => {
	it('makes the address from a German title when none is given', () => {
		expect(slugify('Marktplatz Stadt Blankenberg')).toBe('marktplatz-stadt-blankenberg');
		expect(slugify('Masterplan Mobilität – Straßen & Plätze')).toBe(
			'masterplan-mobilitaet-strassen-plaetze'
		);
		const parsed = parseForm(basicsForm, form({ title: 'Masterplan Mobilität' }), 'de');
		expect(parsed.ok && parsed.data.slug).toBe('masterplan-mobilitaet');
	});

	it('answers bad input with field messages in the visitor language', () => {
		const parsed = parseForm(
			basicsForm,
			form({
				title: 'x'.repeat(201),
				slug: 'Nicht gültig!',
				location: '50.77, 200',
				contactEmail: 'keine-mail',
				topics: 'y'.repeat(41)
			}),
			'en'
		);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors.title).toBe('At most 200 characters.');
		expect(parsed.errors.slug).toContain('Lowercase letters');
		expect(parsed.errors.location).toContain('Latitude must be between');
		expect(parsed.errors.contactEmail).toBeDefined();
		expect(parsed.errors.topics).toBe('Each topic may have at most 40 characters.');
	});
});

describe('phases form', () => {
	it('keeps phases with both dates and skips empty ones', () => {
		const parsed = parseForm(
			phasesForm,
			form({
				informationStart: '2026-03-01',
				informationEnd: '2026-03-31',
				informationDescription: 'Auftakt',
				participationStart: '',
				participationEnd: ''
			}),
			'de'
		);
		expect(parsed).toEqual({
			ok: true,
			data: [
				{
					kind: 'information',
					startsOn: '2026-03-01',
					endsOn: '2026-03-31',
					description: 'Auftakt'
				}
			]
		});
	});

	it('refuses an end before the start, a missing date and impossible dates', () => {
		const parsed = parseForm(
			phasesForm,
			form({
				informationStart: '2026-03-31',
				informationEnd: '2026-03-01',
				participationStart: '2026-04-01',
				evaluationStart: '2026-02-30',
				evaluationEnd: '2026-03-05'
			}),
			'de'
		);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors.informationEnd).toBe('Das Ende darf nicht vor dem Beginn liegen.');
		expect(parsed.errors.participationEnd).toBe('Bitte auch das Ende angeben.');
		expect(parsed.errors.evaluationStart).toContain('gültiges Datum');
	});
});
