import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LIMITS, QUESTION_TYPES, type QuestionType } from '../../surveys/types.ts';
import { defaultConfig, parseQuestionDefinition } from './question-definition.ts';

function definition(type: QuestionType, overrides: Record<string, unknown> = {}) {
	return {
		type,
		title: 'Wie kommen Sie zur Arbeit?',
		help: '',
		required: false,
		condition: null,
		...overrides,
		config: { ...defaultConfig(type), ...(overrides.config as object) }
	};
}

const options = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ id: `o${i}`, label: `O ${i}` }));

/** The issues as { path: message }, for the paths the test cares about. */
function issuesOf(input: unknown): Record<string, string> {
	const result = parseQuestionDefinition(input);
	if (result.ok) return {};
	return Object.fromEntries(result.issues.map((i) => [i.path, i.message]));
}

describe('parseQuestionDefinition', () => {
	it.each(QUESTION_TYPES)('accepts the default %s question', (type) => {
		const result = parseQuestionDefinition(definition(type));
		expect(result).toEqual({ ok: true, value: definition(type) });
	});

	it('gives each type a sensible start', () => {
		expect(defaultConfig('single').options).toEqual([
			{ id: 'o1', label: 'Option 1' },
			{ id: 'o2', label: 'Option 2' }
		]);
		expect(defaultConfig('matrix').scale.map((s) => s.label)).toEqual([
			'stimme voll zu',
			'stimme eher zu',
			'teils/teils',
			'stimme eher nicht zu',
			'stimme gar nicht zu'
		]);
		expect(defaultConfig('rating')).toMatchObject({ min: 1, max: 5 });
		expect(defaultConfig('budget')).toMatchObject({ total: 100, unit: 'Punkte' });
		// A copy each time: the builder edits it in place.
		expect(defaultConfig('single')).not.toBe(defaultConfig('single'));
	});

	it('trims text and drops fields the builder does not own', () => {
		const result = parseQuestionDefinition({
			...definition('short_text', { title: '  Ihr Vorschlag  ' }),
			id: 'forged'
		});
		expect(result.ok && result.value).toEqual(definition('short_text', { title: 'Ihr Vorschlag' }));
	});

	it('rejects unknown types and non-objects in German', () => {
		expect(issuesOf(definition('single', { type: 'upload' }))).toEqual({
			type: 'Bitte wählen Sie einen der angebotenen Fragetypen.'
		});
		expect(issuesOf('single')).toEqual({ '': 'Dieser Wert fehlt oder hat das falsche Format.' });
	});

	it('checks title, help and required', () => {
		expect(issuesOf(definition('single', { title: '   ' }))).toEqual({
			title: 'Bitte geben Sie einen Fragetext ein.'
		});
		expect(issuesOf(definition('single', { title: 'x'.repeat(LIMITS.title + 1) }))).toEqual({
			title: 'Der Fragetext darf höchstens 300 Zeichen lang sein.'
		});
		expect(issuesOf(definition('single', { help: 'x'.repeat(LIMITS.help + 1) }))).toHaveProperty(
			'help'
		);
		expect(issuesOf(definition('single', { required: 'ja' }))).toHaveProperty('required');
	});

	describe('options', () => {
		it('needs 2 to 30 of them', () => {
			expect(issuesOf(definition('single', { config: { options: options(1) } }))).toEqual({
				'config.options': 'Bitte legen Sie mindestens 2 Antwortmöglichkeiten an.'
			});
			expect(issuesOf(definition('budget', { config: { options: options(31) } }))).toHaveProperty(
				'config.options'
			);
			expect(
				parseQuestionDefinition(definition('single', { config: { options: options(30) } })).ok
			).toBe(true);
		});
		it('points at a duplicate id', () => {
			const dup = [...options(2), { id: 'o0', label: 'Noch einmal' }];
			expect(issuesOf(definition('ranking', { config: { options: dup } }))).toEqual({
				'config.options.2.id': 'Diese Kennung ist doppelt.'
			});
		});
		it.each(['', 'O1', 'o 1', 'ö', 'x'.repeat(21), '__other', '__na', '__proto__'])(
			'rejects the id %j',
			(id) => {
				const list = [{ id, label: 'A' }, ...options(1)];
				expect(issuesOf(definition('single', { config: { options: list } }))).toHaveProperty(
					'config.options.0.id'
				);
			}
		);
		it('needs a label of at most 200 characters', () => {
			const blank = [{ id: 'a', label: ' ' }, ...options(1)];
			expect(issuesOf(definition('single', { config: { options: blank } }))).toEqual({
				'config.options.0.label': 'Bitte geben Sie eine Beschriftung ein.'
			});
			const long = [{ id: 'a', label: 'x'.repeat(LIMITS.optionLabel + 1) }, ...options(1)];
			expect(issuesOf(definition('single', { config: { options: long } }))).toHaveProperty(
				'config.options.0.label'
			);
		});
	});

	it('keeps 0 ≤ minSelect ≤ maxSelect ≤ options for multiple choice', () => {
		const multiple = (minSelect: unknown, maxSelect: unknown) =>
			issuesOf(definition('multiple', { config: { minSelect, maxSelect } }));
		expect(multiple(1, 3)).toEqual({});
		expect(multiple(0, null)).toEqual({});
		expect(multiple(3, 2)).toEqual({
			'config.minSelect': 'Die Mindestzahl ist größer als die Höchstzahl.'
		});
		expect(multiple(null, 4)).toEqual({
			'config.maxSelect': 'Es gibt nur 3 Antwortmöglichkeiten.'
		});
		expect(multiple(-1, null)).toEqual({ 'config.minSelect': 'Die Zahl darf nicht negativ sein.' });
		expect(multiple(1.5, null)).toEqual({
			'config.minSelect': 'Bitte geben Sie eine ganze Zahl ein.'
		});
		expect(multiple(0, 0)).toEqual({
			'config.maxSelect': 'Die Höchstzahl muss mindestens 1 sein.'
		});
	});

	it('keeps topK within the options for ranking', () => {
		const ranking = (topK: unknown) => issuesOf(definition('ranking', { config: { topK } }));
		expect(ranking(null)).toEqual({});
		expect(ranking(3)).toEqual({});
		expect(ranking(0)).toHaveProperty('config.topK');
		expect(ranking(4)).toEqual({ 'config.topK': 'Es gibt nur 3 Optionen.' });
	});

	it('bounds matrix rows and scale', () => {
		const matrix = (config: object) => issuesOf(definition('matrix', { config }));
		expect(matrix({ rows: [] })).toEqual({
			'config.rows': 'Bitte legen Sie mindestens eine Zeile an.'
		});
		expect(matrix({ rows: options(LIMITS.matrixRows + 1) })).toHaveProperty('config.rows');
		expect(matrix({ scale: options(1) })).toHaveProperty('config.scale');
		expect(matrix({ scale: options(11) })).toEqual({});
		expect(matrix({ scale: options(12) })).toHaveProperty('config.scale');
	});

	it('allows ratings from 0 or 1 to 5 or 10', () => {
		const rating = (min: unknown, max: unknown) =>
			issuesOf(definition('rating', { config: { min, max } }));
		expect(rating(0, 10)).toEqual({});
		expect(rating(2, 5)).toEqual({ 'config.min': 'Eine Bewertung beginnt bei 0 oder 1.' });
		expect(rating(1, 7)).toEqual({ 'config.max': 'Eine Bewertung endet bei 5 oder 10.' });
	});

	it('keeps text lengths within the limits of each text type', () => {
		const text = (type: QuestionType, minLength: number, maxLength: number) =>
			issuesOf(definition(type, { config: { minLength, maxLength } }));
		expect(text('short_text', 10, 5)).toEqual({
			'config.minLength': 'Die Mindestlänge ist größer als die Höchstlänge.'
		});
		expect(text('short_text', 0, LIMITS.shortText + 1)).toHaveProperty('config.maxLength');
		expect(text('long_text', 0, LIMITS.shortText + 1)).toEqual({});
		expect(text('long_text', 0, LIMITS.longText + 1)).toHaveProperty('config.maxLength');
		expect(text('long_text', 0, 0)).toHaveProperty('config.maxLength');
	});

	it('keeps number bounds in order and finite', () => {
		const number = (config: object) => issuesOf(definition('number', { config }));
		expect(number({ min: 0, max: null, unit: 'km' })).toEqual({});
		expect(number({ min: 10, max: 5 })).toEqual({
			'config.min': 'Das Minimum ist größer als das Maximum.'
		});
		expect(number({ max: LIMITS.number * 10 })).toHaveProperty('config.max');
		expect(number({ unit: 'x'.repeat(21) })).toHaveProperty('config.unit');
	});

	it('takes a whole budget from 1 to the limit', () => {
		const budget = (total: unknown) => issuesOf(definition('budget', { config: { total } }));
		expect(budget(LIMITS.budgetTotal)).toEqual({});
		expect(budget(0)).toEqual({ 'config.total': 'Die Summe muss mindestens 1 sein.' });
		expect(budget(99.5)).toHaveProperty('config.total');
		expect(budget(LIMITS.budgetTotal + 1)).toEqual({
			'config.total': 'Die Summe darf höchstens 1.000.000.000 sein.'
		});
	});

	it('accepts a condition on another question and checks its shape', () => {
		const questionId = randomUUID();
		const withCondition = (condition: unknown) => definition('long_text', { condition });
		expect(
			parseQuestionDefinition(withCondition({ questionId, optionIds: ['o1', '__other'] })).ok
		).toBe(true);
		expect(issuesOf(withCondition({ questionId: 'frage-1', optionIds: ['o1'] }))).toHaveProperty(
			'condition.questionId'
		);
		expect(issuesOf(withCondition({ questionId, optionIds: [] }))).toEqual({
			'condition.optionIds':
				'Bitte wählen Sie mindestens eine Antwort, bei der diese Frage erscheint.'
		});
	});
});
