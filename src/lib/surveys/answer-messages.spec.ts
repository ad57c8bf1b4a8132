import { describe, expect, it } from 'vitest';
import { ANSWER_ERROR_CODES, answerErrorMessage, type AnswerError } from './answer-messages.ts';

// Every parameter any code uses, so that no message can show a placeholder or "undefined".
const PARAMS = { min: 2, max: 3, expected: 3, missing: 2, total: 100, sum: 90, unit: 'Punkte' };

describe('answerErrorMessage', () => {
	it.each(ANSWER_ERROR_CODES)('words %s in German and English', (code) => {
		const de = answerErrorMessage({ code, params: PARAMS }, 'de');
		const en = answerErrorMessage({ code, params: PARAMS }, 'en');
		for (const text of [de, en]) {
			expect(text).toMatch(/^[A-ZÄÖÜ].*\.$/);
			expect(text).not.toMatch(/undefined|NaN|\{/);
		}
		expect(de).not.toBe(en);
	});

	it('says exactly what is wrong', () => {
		const de = (error: AnswerError) => answerErrorMessage(error, 'de');
		expect(de({ code: 'tooManyChoices', params: { max: 3 } })).toBe(
			'Bitte wählen Sie höchstens 3 Antworten.'
		);
		expect(de({ code: 'tooFewChoices', params: { min: 1 } })).toBe(
			'Bitte wählen Sie mindestens 1 Antwort.'
		);
		expect(de({ code: 'budgetTotal', params: { total: 100, sum: 90, unit: 'Punkte' } })).toBe(
			'Die Werte müssen zusammen genau 100 Punkte ergeben; Sie haben 90 Punkte verteilt.'
		);
		expect(
			answerErrorMessage({ code: 'budgetTotal', params: { total: 100, sum: 90, unit: '' } }, 'en')
		).toBe('The amounts must add up to exactly 100; you have allocated 90.');
	});

	it('names only the bounds that exist, with the unit, in local number format', () => {
		const range = (params: AnswerError['params'], locale: 'de' | 'en') =>
			answerErrorMessage({ code: 'outOfRange', params }, locale);
		expect(range({ min: 0.5, max: 12.5, unit: 'km' }, 'de')).toBe(
			'Bitte geben Sie einen Wert von 0,5 bis 12,5 km an.'
		);
		expect(range({ min: 1, unit: '' }, 'de')).toBe(
			'Bitte geben Sie einen Wert von mindestens 1 an.'
		);
		expect(range({ max: 1e12, unit: '' }, 'de')).toBe(
			'Bitte geben Sie einen Wert von höchstens 1.000.000.000.000 an.'
		);
		expect(range({ max: 1e12, unit: '' }, 'en')).toBe(
			'Please enter a value of at most 1,000,000,000,000.'
		);
		expect(range({}, 'en')).toBe('This value is outside the allowed range.');
	});
});
