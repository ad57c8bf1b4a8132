import { describe, expect, it } from 'vitest';
import { parsePublishForm, parseRef } from './publish-form.ts';

const Q1 = '0b6f3c52-8f1e-4c1a-9d55-1f2a3b4c5d6e';
const Q2 = '7d2e9a10-3b4c-4d5e-8f60-718293a4b5c6';

const form = (entries: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries({
		title: 'Ergebnisse',
		description: '',
		feedback: '',
		...entries
	}))
		f.set(k, v);
	return f;
};

describe('parsePublishForm', () => {
	it('reads texts and filled cross-tab slots, a matrix row with its id', () => {
		const parsed = parsePublishForm(
			form({ 'by-0': Q1, 'target-0': `${Q2}:r1`, 'by-2': Q2, 'target-2': Q1 }),
			'de'
		);
		expect(parsed).toEqual({
			ok: true,
			data: {
				title: 'Ergebnisse',
				description: '',
				feedbackMd: '',
				crossTabs: [
					{ by: { questionId: Q1 }, target: { questionId: Q2, rowId: 'r1' } },
					{ by: { questionId: Q2 }, target: { questionId: Q1 } }
				]
			}
		});
	});

	it('drops a pair chosen twice', () => {
		const parsed = parsePublishForm(
			form({ 'by-0': Q1, 'target-0': Q2, 'by-1': Q1, 'target-1': Q2 }),
			'de'
		);
		expect(parsed.ok && parsed.data.crossTabs).toHaveLength(1);
	});

	it('answers a missing title, a half pair and a question crossed with itself field by field', () => {
		const parsed = parsePublishForm(
			form({ title: ' ', 'by-0': Q1, 'by-1': Q2, 'target-1': Q2 }),
			'de'
		);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors).toEqual({
			title: 'Bitte füllen Sie dieses Feld aus.',
			'target-0': 'Bitte wählen Sie beide Fragen oder keine.',
			'target-1': 'Bitte wählen Sie zwei verschiedene Fragen.'
		});
		expect(parsed.values['by-1']).toBe(Q2);
	});

	it('refuses texts over their limits and malformed question references', () => {
		const parsed = parsePublishForm(
			form({ description: 'x'.repeat(2001), 'by-0': 'DROP TABLE', 'target-0': Q1 }),
			'de'
		);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors.description).toBe('Höchstens 2000 Zeichen.');
		expect(parsed.errors['by-0']).toBe('Bitte wählen Sie beide Fragen oder keine.');
	});
});

describe('parseRef', () => {
	it('takes a uuid with an optional row id and nothing else', () => {
		expect(parseRef(Q1)).toEqual({ questionId: Q1 });
		expect(parseRef(`${Q1}:r2`)).toEqual({ questionId: Q1, rowId: 'r2' });
		expect(parseRef(`${Q1}:`)).toBeNull();
		expect(parseRef(`${Q1}:r2:x`)).toBeNull();
		expect(parseRef('o1')).toBeNull();
	});
});
