import { describe, expect, it } from 'vitest';
import { CATEGORY_COLORS, contrastRatio, MARKER_BACKGROUNDS } from '../../mapcomments/palette.ts';
import { parseForm } from '../http/forms.ts';
import { parseDecimal, parsePixel, planEditForm, stageForm } from './setup-forms.ts';

const form = (values: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(values)) data.set(k, v);
	return data;
};
const plan = (bounds: Record<string, string>) =>
	parseForm(
		planEditForm,
		form({ planId: 'x', planTitle: 'Plan', planDescription: 'Beschreibung', ...bounds }),
		'de'
	);

describe('plan georeference', () => {
	it('accepts all four corners (German decimal comma too) or none', () => {
		const four = plan({ south: '50,77', west: '7.33', north: '50,78', east: '7,34' });
		expect(four.ok && four.data.bounds).toEqual({
			south: 50.77,
			west: 7.33,
			north: 50.78,
			east: 7.34
		});
		const none = plan({ south: '', west: ' ', north: '', east: '' });
		expect(none.ok && none.data.bounds).toBeNull();
	});

	it.each([
		['half given', { south: '50.77', west: '7.33' }, 'north', 'Bitte geben Sie alle vier'],
		[
			'south above north',
			{ south: '50.79', west: '7.33', north: '50.78', east: '7.34' },
			'north',
			'Süden muss kleiner'
		],
		[
			'west right of east',
			{ south: '50.77', west: '7.35', north: '50.78', east: '7.34' },
			'east',
			'Süden muss kleiner'
		],
		[
			'NaN',
			{ south: 'NaN', west: '7.33', north: '50.78', east: '7.34' },
			'south',
			'Bitte geben Sie eine Zahl'
		],
		[
			'an exponent',
			{ south: '5e1', west: '7.33', north: '50.78', east: '7.34' },
			'south',
			'Bitte geben Sie eine Zahl'
		],
		[
			'out of range',
			{ south: '50.77', west: '7.33', north: '95', east: '7.34' },
			'north',
			'außerhalb von WGS84'
		],
		[
			'a longitude out of range',
			{ south: '50.77', west: '-181', north: '50.78', east: '7.34' },
			'west',
			'außerhalb von WGS84'
		]
	])('refuses %s on the right field', (_, bounds, field, message) => {
		const result = plan(bounds);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors[field]).toContain(message);
	});

	it('parses decimals and pixels strictly', () => {
		expect(parseDecimal('-7,5')).toBe(-7.5);
		expect(parseDecimal('Infinity')).toBeNull();
		expect(parseDecimal('1e3')).toBeNull();
		expect(parsePixel('120,25')).toBe(120.25);
		expect(parsePixel('-3')).toBeNull();
		expect(parsePixel('999999')).toBeNull();
	});
});

describe('stage settings', () => {
	const base = { title: 'Karte', status: 'draft', reportThreshold: '3', typePoint: 'on' };
	it('needs at least one geometry type and a threshold of 1 to 100', () => {
		const ok = parseForm(stageForm, form(base), 'de');
		expect(ok.ok && ok.data.geometryTypes).toEqual(['Point']);
		const noTypes = parseForm(stageForm, form({ ...base, typePoint: '' }), 'de');
		expect(!noTypes.ok && noTypes.errors.typePoint).toContain('mindestens eine Form');
		for (const bad of ['0', '101', '2.5', 'drei', '']) {
			const result = parseForm(stageForm, form({ ...base, reportThreshold: bad }), 'de');
			expect(!result.ok && result.errors.reportThreshold).toContain('1 bis 100');
		}
		const status = parseForm(stageForm, form({ ...base, status: 'published' }), 'de');
		expect(status.ok).toBe(false);
	});
});

describe('category palette', () => {
	it('every colour keeps 3:1 against white and light grey (WCAG 1.4.11), names unique', () => {
		for (const color of CATEGORY_COLORS) {
			for (const background of MARKER_BACKGROUNDS) {
				expect(contrastRatio(color.hex, background)).toBeGreaterThanOrEqual(3);
			}
		}
		expect(new Set(CATEGORY_COLORS.map((c) => c.de)).size).toBe(CATEGORY_COLORS.length);
		expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21);
	});
});
