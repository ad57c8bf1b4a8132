import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	assignOptionIds,
	definitionFromForm,
	parseNumber,
	questionFormValues,
	readQuestionForm,
	type QuestionFormInput
} from './question-form.ts';
import { defaultConfig } from './question-definition.ts';

const opts = (...labels: string[]) => labels.map((label, i) => ({ id: `o${i + 1}`, label }));

describe('assignOptionIds', () => {
	const before = opts('Bus', 'Rad', 'Auto');

	it('keeps the id of every unchanged label, wherever it moved', () => {
		expect(assignOptionIds(['Auto', 'Bus', 'Rad'], before, 'o')).toEqual([
			{ id: 'o3', label: 'Auto' },
			{ id: 'o1', label: 'Bus' },
			{ id: 'o2', label: 'Rad' }
		]);
	});

	it('treats a changed label at the same line as a rename', () => {
		expect(assignOptionIds(['Bus', 'Fahrrad', 'Auto'], before, 'o')).toEqual([
			{ id: 'o1', label: 'Bus' },
			{ id: 'o2', label: 'Fahrrad' },
			{ id: 'o3', label: 'Auto' }
		]);
	});

	it('gives new lines the lowest id not in use, never a removed option’s', () => {
		expect(assignOptionIds(['Rad', 'Auto', 'Zu Fuß', 'Bahn'], before, 'o')).toEqual([
			{ id: 'o2', label: 'Rad' },
			{ id: 'o3', label: 'Auto' },
			{ id: 'o4', label: 'Zu Fuß' },
			{ id: 'o5', label: 'Bahn' }
		]);
		expect(assignOptionIds(['A', 'B'], [], 'r')).toEqual([
			{ id: 'r1', label: 'A' },
			{ id: 'r2', label: 'B' }
		]);
	});
});

describe('parseNumber', () => {
	it.each([
		['', null],
		['  ', null],
		['12', 12],
		['-3', -3],
		['2,5', 2.5],
		['1e3', 1000]
	])('reads %j', (raw, value) => expect(parseNumber(raw)).toBe(value));
	it.each(['abc', '0x10', '1.2.3', 'Infinity', '1e309', '12 km', 'NaN'])('refuses %j', (raw) =>
		expect(parseNumber(raw)).toBeNaN()
	);
});

const base: QuestionFormInput = {
	title: 'Wie kommen Sie in die Innenstadt?',
	help: '',
	required: true
};
const errorsOf = (
	type: Parameters<typeof definitionFromForm>[0],
	input: Partial<QuestionFormInput>
) => {
	const result = definitionFromForm(type, { ...base, ...input }, {}, 'de');
	return result.ok ? {} : result.errors;
};

describe('definitionFromForm', () => {
	it('builds every type from form text', () => {
		const single = definitionFromForm(
			'single',
			{ ...base, options: 'Bus\n\n Rad \n', allowOther: true },
			defaultConfig('single'),
			'de'
		);
		expect(single).toEqual({
			ok: true,
			value: {
				type: 'single',
				title: base.title,
				help: '',
				required: true,
				config: {
					options: [
						{ id: 'o1', label: 'Bus' },
						{ id: 'o2', label: 'Rad' }
					],
					allowOther: true
				},
				condition: null
			}
		});
		const rating = definitionFromForm(
			'rating',
			{ ...base, ratingRange: '0-10', minLabel: 'schlecht', maxLabel: 'gut' },
			{},
			'de'
		);
		expect(rating.ok && rating.value.config).toEqual({
			min: 0,
			max: 10,
			minLabel: 'schlecht',
			maxLabel: 'gut'
		});
		const number = definitionFromForm(
			'number',
			{ ...base, min: '0', max: '2,5', integer: false, unit: 'km' },
			{},
			'de'
		);
		expect(number.ok && number.value.config).toEqual({
			min: 0,
			max: 2.5,
			integer: false,
			unit: 'km'
		});
		const matrix = definitionFromForm(
			'matrix',
			{ ...base, rows: 'Sauber\nSicher', scale: 'ja\nnein', allowNoAnswer: true },
			{},
			'de'
		);
		expect(matrix.ok && matrix.value.config).toEqual({
			rows: [
				{ id: 'r1', label: 'Sauber' },
				{ id: 'r2', label: 'Sicher' }
			],
			scale: [
				{ id: 's1', label: 'ja' },
				{ id: 's2', label: 'nein' }
			],
			allowNoAnswer: true
		});
	});

	it('shows bad numbers at their fields', () => {
		expect(errorsOf('multiple', { options: 'A\nB\nC', minSelect: 'abc' })).toHaveProperty(
			'minSelect'
		);
		expect(errorsOf('number', { max: '1e308' })).toEqual({ max: 'Diese Grenze ist zu groß.' });
		expect(errorsOf('budget', { options: 'A\nB', total: '' })).toHaveProperty('total');
		expect(errorsOf('short_text', { minLength: '0', maxLength: '1e308' })).toHaveProperty(
			'maxLength'
		);
		expect(errorsOf('multiple', { options: 'A\nB\nC', minSelect: '3', maxSelect: '2' })).toEqual({
			minSelect: 'Die Mindestzahl ist größer als die Höchstzahl.'
		});
		expect(errorsOf('rating', { ratingRange: '2-7' })).toHaveProperty('ratingRange');
	});

	it('checks option lists: count, blank, too long, duplicates', () => {
		expect(errorsOf('single', { options: '  \n\n' })).toEqual({
			options: 'Bitte legen Sie mindestens 2 Antwortmöglichkeiten an.'
		});
		const many = Array.from({ length: 31 }, (_, i) => `Option ${i}`).join('\n');
		expect(errorsOf('ranking', { options: many })).toHaveProperty('options');
		expect(errorsOf('single', { options: `A\n\n${'x'.repeat(201)}` })).toEqual({
			options: 'Zeile 3: Eine Beschriftung darf höchstens 200 Zeichen lang sein.'
		});
		expect(errorsOf('single', { options: 'Bus\nRad\nbus' })).toEqual({
			options: '„bus“ steht doppelt in der Liste (Zeile 1 und 3).'
		});
		expect(errorsOf('matrix', { rows: 'A', scale: 'x\nX' })).toHaveProperty('scale');
	});

	it('reads the condition from the chosen question only', () => {
		const q = randomUUID();
		const other = randomUUID();
		const ok = definitionFromForm(
			'long_text',
			{
				...base,
				minLength: '0',
				maxLength: '100',
				conditionQuestion: q,
				conditionOptions: [`${q}:o1`, `${q}:o2`]
			},
			{},
			'de'
		);
		expect(ok.ok && ok.value.condition).toEqual({ questionId: q, optionIds: ['o1', 'o2'] });
		const text = { minLength: '0', maxLength: '100' };
		expect(
			errorsOf('long_text', { ...text, conditionQuestion: q, conditionOptions: [`${other}:o1`] })
		).toHaveProperty('condition');
		expect(errorsOf('long_text', { ...text, conditionOptions: [`${q}:o1`] })).toEqual({
			condition: 'Bitte wählen Sie die Frage, von der diese Frage abhängt.'
		});
		expect(errorsOf('long_text', { ...text, conditionQuestion: q })).toHaveProperty('condition');
		expect(
			errorsOf('long_text', {
				...text,
				conditionQuestion: 'nicht-uuid',
				conditionOptions: ['nicht-uuid:o1']
			})
		).toHaveProperty('condition');
	});

	it('round-trips a stored question through the form', () => {
		const q = {
			title: 'T',
			help: 'H',
			required: false,
			config: { options: opts('A', 'B'), allowOther: false, minSelect: 1, maxSelect: null },
			condition: null
		};
		const values = questionFormValues(q);
		expect(values).toMatchObject({ options: 'A\nB', minSelect: '1', maxSelect: '' });
		const again = definitionFromForm('multiple', values, q.config, 'de');
		expect(again.ok && again.value.config).toEqual(q.config);
	});

	it('reads check boxes as booleans and keeps ticked condition boxes', () => {
		const form = new FormData();
		form.set('title', 'T');
		form.set('required', 'on');
		form.append('conditionOption', 'a:o1');
		form.append('conditionOption', 'a:o2');
		expect(readQuestionForm(form)).toMatchObject({
			required: true,
			allowOther: false,
			conditionOptions: ['a:o1', 'a:o2']
		});
	});
});
