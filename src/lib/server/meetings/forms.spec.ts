import { describe, expect, it } from 'vitest';
import { parseForm } from '../http/forms.ts';
import { agendaItemForm, bodyForm, meetingForm, paperForm, personForm } from './forms.ts';

const form = (values: Record<string, string | File>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(values)) f.append(k, v);
	return f;
};
const ITEM = '6d1f3c2a-5b7e-4f10-9a42-0c8e1b2d3a99';
const BODY = '6d1f3c2a-5b7e-4f10-9a42-0c8e1b2d3a01';

describe('meeting form', () => {
	const valid = { bodyId: BODY, name: 'Sitzung des Rates', startsAt: '2026-12-10T18:00' };

	it('reads the start in Hennef time and defaults the state', () => {
		const parsed = parseForm(meetingForm, form(valid), 'de');
		expect(parsed.ok && parsed.data.startsAt.toISOString()).toBe('2026-12-10T17:00:00.000Z');
		expect(parsed.ok && parsed.data.state).toBe('scheduled');
		expect(parsed.ok && parsed.data.endsAt).toBeNull();
	});

	it.each([
		[{ name: '' }, 'name', 'Bitte füllen Sie dieses Feld aus.'],
		[{ name: 'x'.repeat(201) }, 'name', 'Höchstens 200 Zeichen.'],
		[{ startsAt: '' }, 'startsAt', 'Bitte füllen Sie dieses Feld aus.'],
		[{ startsAt: '2026-02-30T18:00' }, 'startsAt', 'Bitte geben Sie Datum und Uhrzeit'],
		[{ startsAt: 'morgen' }, 'startsAt', 'Bitte geben Sie Datum und Uhrzeit'],
		[{ startsAt: '2026-03-29T02:30' }, 'startsAt', 'Zeitumstellung'],
		[{ endsAt: '2026-12-10T17:00' }, 'endsAt', 'Das Ende muss nach dem Beginn liegen.'],
		[{ endsAt: '2026-12-10T18:00' }, 'endsAt', 'Das Ende muss nach dem Beginn liegen.'],
		[{ bodyId: 'not-a-uuid' }, 'bodyId', 'Bitte wählen Sie'],
		[{ bodyId: "1' or '1'='1" }, 'bodyId', 'Bitte wählen Sie'],
		[{ state: 'deleted' }, 'state', 'Bitte wählen Sie'],
		[{ legislativeTermId: 'x' }, 'legislativeTermId', 'Bitte wählen Sie']
	])('refuses %o', (change, field, message) => {
		const parsed = parseForm(meetingForm, form({ ...valid, ...change }), 'de');
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.errors[field]).toContain(message);
	});
});

describe('body form', () => {
	it('refuses javascript: websites and reversed dates', () => {
		const parsed = parseForm(
			bodyForm,
			form({
				name: 'Rat',
				classification: 'Rat',
				website: 'javascript:alert(1)',
				startDate: '2025-11-01',
				endDate: '2020-01-01'
			}),
			'de'
		);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) {
			expect(parsed.errors.website).toContain('https://');
			expect(parsed.errors.endDate).toContain('nach dem Beginn');
		}
	});

	it('refuses impossible dates', () => {
		const parsed = parseForm(
			bodyForm,
			form({ name: 'Rat', classification: 'Rat', startDate: '2025-13-01' }),
			'de'
		);
		expect(!parsed.ok && parsed.errors.startDate).toContain('gültiges Datum');
	});
});

describe('person form', () => {
	it('needs a family name and reads the consent box', () => {
		const parsed = parseForm(personForm, form({ familyName: '  ' }), 'de');
		expect(!parsed.ok && parsed.errors.familyName).toBeTruthy();
		const ok = parseForm(
			personForm,
			form({ familyName: 'Beispiel', recordingConsent: 'on' }),
			'de'
		);
		expect(ok.ok && ok.data.recordingConsent).toBe(true);
		const no = parseForm(personForm, form({ familyName: 'Beispiel' }), 'de');
		expect(no.ok && no.data.recordingConsent).toBe(false);
	});
});

describe('agenda and paper forms', () => {
	it('treats items as public unless ticked', () => {
		const parsed = parseForm(agendaItemForm, form({ number: 'TOP 1', title: 'Eröffnung' }), 'de');
		expect(parsed.ok && parsed.data.nonPublic).toBe(false);
	});

	it.each([
		'javascript:alert(1)',
		'JAVASCRIPT:alert(1)',
		'data:text/html,<script>x</script>',
		'ftp://example.org/vorlage.pdf',
		'//example.org/x',
		'/dateien/x',
		'https://'
	])('refuses the paper link %s', (url) => {
		const parsed = parseForm(paperForm, form({ itemId: ITEM, paperName: 'Vorlage', url }), 'de');
		expect(!parsed.ok && parsed.errors.url).toBeTruthy();
	});

	it('needs exactly one of link and PDF', () => {
		const neither = parseForm(paperForm, form({ itemId: ITEM, paperName: 'V' }), 'de');
		expect(!neither.ok && neither.errors.url).toContain('entweder');
		const pdf = new File([new Uint8Array([37, 80, 68, 70, 45])], 'v.pdf');
		const both = parseForm(
			paperForm,
			form({ itemId: ITEM, paperName: 'V', url: 'https://ris.example/1', pdf }),
			'de'
		);
		expect(!both.ok && both.errors.url).toContain('entweder');
		const link = parseForm(
			paperForm,
			form({ itemId: ITEM, paperName: 'V', url: 'https://ris.example/1' }),
			'de'
		);
		expect(link.ok).toBe(true);
	});
});
