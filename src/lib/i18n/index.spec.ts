import { describe, expect, it } from 'vitest';
import { de } from './de.ts';
import { en } from './en.ts';
import { format, localeFromPath, localizePath, stripLocale, LOCALES } from './index.ts';

function placeholders(text: string): string[] {
	return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

describe('message catalogues', () => {
	it('have exactly the same keys in German and English', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
	});

	it('have no empty messages', () => {
		for (const catalogue of [de, en]) {
			const empty = Object.entries(catalogue).filter(([, text]) => text.trim() === '');
			expect(empty).toEqual([]);
		}
	});

	it('use the same placeholders in both languages', () => {
		const mismatched = Object.keys(de)
			.map((key) => key as keyof typeof de)
			.filter((key) => placeholders(de[key]).join() !== placeholders(en[key]).join());
		expect(mismatched).toEqual([]);
	});

	it('fills placeholders and leaves unknown ones visible', () => {
		expect(format(de.vTooLong, { max: 60 })).toBe('Höchstens 60 Zeichen.');
		expect(format('{a} und {b}', { a: 'Rat' })).toBe('Rat und {b}');
	});
});

describe('localised paths', () => {
	it.each([
		['/', '/', '/en'],
		['/konto', '/konto', '/en/konto'],
		['/email-bestaetigen/abc', '/email-bestaetigen/abc', '/en/email-bestaetigen/abc']
	])('round-trips %s', (path, dePath, enPath) => {
		expect(localizePath(path, 'de')).toBe(dePath);
		expect(localizePath(path, 'en')).toBe(enPath);
		for (const locale of LOCALES) {
			const localized = localizePath(path, locale);
			expect(localeFromPath(localized)).toBe(locale);
			expect(stripLocale(localized)).toBe(path);
		}
	});

	it('does not take a German path that merely starts with "en" for English', () => {
		expect(localeFromPath('/entwuerfe')).toBe('de');
		expect(stripLocale('/entwuerfe')).toBe('/entwuerfe');
		expect(localeFromPath('/en')).toBe('en');
		expect(stripLocale('/en')).toBe('/');
	});
});
