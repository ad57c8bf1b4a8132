import { describe, expect, it } from 'vitest';
import { parseForm } from '../http/forms.ts';
import { codesForm, fileSlug, settingsForm } from './builder-forms.ts';

function formOf(values: Record<string, string>) {
	const form = new FormData();
	for (const [k, v] of Object.entries(values)) form.set(k, v);
	return form;
}

describe('settingsForm', () => {
	const valid = {
		title: 'Marktplatz',
		intro: '',
		mode: 'code',
		opensAt: '2026-03-01T09:00',
		closesAt: '2026-03-31T18:00'
	};

	it('reads dates in Europe/Berlin', () => {
		const parsed = parseForm(settingsForm, formOf(valid), 'de');
		expect(parsed.ok && parsed.data).toMatchObject({
			opensAt: new Date('2026-03-01T08:00:00Z'),
			closesAt: new Date('2026-03-31T16:00:00Z')
		});
	});

	it('wants the end after the start, and whole dates', () => {
		const reversed = parseForm(
			settingsForm,
			formOf({ ...valid, closesAt: '2026-03-01T09:00' }),
			'de'
		);
		expect(!reversed.ok && reversed.errors).toEqual({
			closesAt: 'Das Ende muss nach dem Beginn liegen.'
		});
		const broken = parseForm(
			settingsForm,
			formOf({ ...valid, opensAt: '2026-02-30T09:00', closesAt: '2026-03-29T02:15' }),
			'de'
		);
		expect(!broken.ok && Object.keys(broken.errors).sort()).toEqual(['closesAt', 'opensAt']);
	});

	it('bounds title, intro and mode', () => {
		const bad = parseForm(
			settingsForm,
			formOf({ ...valid, title: ' ', intro: 'x'.repeat(2001), mode: 'paper' }),
			'de'
		);
		expect(!bad.ok && Object.keys(bad.errors).sort()).toEqual(['intro', 'mode', 'title']);
	});
});

describe('codesForm and file names', () => {
	it.each(['0', '10001', 'abc', '1e3', '-5', ''])('refuses %j codes', (count) => {
		expect(parseForm(codesForm, formOf({ count }), 'de').ok).toBe(false);
	});
	it('takes 1 to 10 000', () => {
		expect(parseForm(codesForm, formOf({ count: '250' }), 'de')).toEqual({
			ok: true,
			data: { count: 250 }
		});
	});
	it('slugs German titles', () => {
		expect(fileSlug('Umfrage: Marktplatz Stadt Blankenberg – Größe & Grün')).toBe(
			'umfrage-marktplatz-stadt-blankenberg-groesse-gruen'
		);
		expect(fileSlug('???')).toBe('umfrage');
	});
});
