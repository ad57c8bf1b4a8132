import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	LIMITS,
	NO_ANSWER,
	OTHER,
	type AnswerMap,
	type Question,
	type QuestionConfigs,
	type QuestionOf,
	type QuestionType
} from '../../surveys/types.ts';
import {
	answerInputFromFormData,
	completeResponse,
	isVisible,
	parseAnswers,
	validateAnswer
} from './answers.ts';
import { defaultConfig } from './question-definition.ts';

type Overrides<T extends QuestionType> = Partial<Omit<QuestionOf<T>, 'config'>> & {
	config?: Partial<QuestionConfigs[T]>;
};

function question<T extends QuestionType>(type: T, overrides: Overrides<T> = {}): QuestionOf<T> {
	return {
		id: randomUUID(),
		pageId: 'page-1',
		position: 0,
		type,
		title: 'Frage',
		help: '',
		required: false,
		condition: null,
		...overrides,
		config: { ...defaultConfig(type), ...overrides.config }
	};
}

/** Field names relative to the question: '' is `q.<id>`, 'o1' is `q.<id>.o1`. */
type Fields = Record<string, string | string[]>;

function formFor(q: Question, fields: Fields): FormData {
	const form = new FormData();
	for (const [part, value] of Object.entries(fields)) {
		const name = part ? `q.${q.id}.${part}` : `q.${q.id}`;
		for (const v of [value].flat()) form.append(name, v);
	}
	return form;
}

/** Parses one question on its own page, with no earlier answers. */
function parseOne(q: Question, fields: Fields, earlier: AnswerMap = {}) {
	const { answers, errors } = parseAnswers(
		[q],
		answerInputFromFormData(formFor(q, fields)),
		earlier
	);
	return { answer: answers[q.id], error: errors[q.id], formError: errors._form };
}

describe('answerInputFromFormData', () => {
	it('treats uploaded files as absent', () => {
		const form = new FormData();
		form.append('q.a', new File(['x'], 'x.txt'));
		form.append('q.b', new File(['x'], 'x.txt'));
		form.append('q.b', 'text');
		const input = answerInputFromFormData(form);
		expect(input.get('q.a')).toBeNull();
		expect(input.getAll('q.b')).toEqual(['text']);
		expect([...input.keys()]).toEqual(['q.b']);
	});
});

describe('single choice', () => {
	const q = question('single', { config: { allowOther: true } });

	it('stores the chosen option', () => {
		expect(parseOne(q, { '': 'o2' })).toMatchObject({ answer: { choice: 'o2' }, error: undefined });
	});
	it('rejects an option the question does not have', () => {
		expect(parseOne(q, { '': 'o9' }).error).toEqual({ code: 'unknownOption' });
	});
	it('stores "other" with its text', () => {
		expect(parseOne(q, { '': OTHER, other: '  Lastenrad  ' }).answer).toEqual({
			choice: OTHER,
			other: 'Lastenrad'
		});
	});
	it('asks for the text when "other" is chosen without one', () => {
		expect(parseOne(q, { '': OTHER, other: ' ' }).error).toEqual({ code: 'otherTextMissing' });
	});
	it('ignores other text when "other" is not chosen', () => {
		expect(parseOne(q, { '': 'o1', other: 'vergessen' }).answer).toEqual({ choice: 'o1' });
	});
	it('limits the other text', () => {
		const other = 'x'.repeat(LIMITS.otherText + 1);
		expect(parseOne(q, { '': OTHER, other }).error).toEqual({
			code: 'tooLong',
			params: { max: LIMITS.otherText }
		});
	});
	it('rejects "other" where the question does not offer it', () => {
		const closed = question('single');
		expect(parseOne(closed, { '': OTHER }).error).toEqual({ code: 'unknownOption' });
	});
	it('treats an other-text field on a question without "other" as forged', () => {
		const closed = question('single');
		expect(parseOne(closed, { '': 'o1', other: 'x' }).formError).toEqual({ code: 'unknownField' });
	});
	it('rejects a radio field sent twice', () => {
		expect(parseOne(q, { '': ['o1', 'o2'] }).error).toEqual({ code: 'invalidAnswer' });
	});
	it('requires an answer only when the question is required', () => {
		expect(parseOne(q, {})).toEqual({ answer: undefined, error: undefined, formError: undefined });
		expect(parseOne({ ...q, required: true }, { '': '' }).error).toEqual({ code: 'required' });
	});
});

describe('multiple choice', () => {
	const q = question('multiple', { config: { allowOther: true, minSelect: 2, maxSelect: 3 } });

	it('stores the chosen options', () => {
		expect(parseOne(q, { '': ['o1', 'o3'] }).answer).toEqual({ choices: ['o1', 'o3'] });
	});
	it('counts "other" as a choice and keeps its text', () => {
		expect(parseOne(q, { '': ['o1', OTHER], other: 'Spielplatz' }).answer).toEqual({
			choices: ['o1', OTHER],
			other: 'Spielplatz'
		});
		expect(parseOne(q, { '': ['o1', OTHER] }).error).toEqual({ code: 'otherTextMissing' });
	});
	it('rejects the same option twice', () => {
		expect(parseOne(q, { '': ['o1', 'o1'] }).error).toEqual({ code: 'duplicateChoice' });
	});
	it('rejects unknown options', () => {
		expect(parseOne(q, { '': ['o1', 'o7'] }).error).toEqual({ code: 'unknownOption' });
	});
	it('applies the minimum once something is chosen', () => {
		expect(parseOne(q, { '': ['o1'] }).error).toEqual({
			code: 'tooFewChoices',
			params: { min: 2 }
		});
		expect(parseOne(q, {}).error).toBeUndefined();
	});
	it('applies the minimum to a required question left empty', () => {
		expect(parseOne({ ...q, required: true }, {}).error).toEqual({
			code: 'tooFewChoices',
			params: { min: 2 }
		});
		const plain = question('multiple', { required: true });
		expect(parseOne(plain, {}).error).toEqual({ code: 'required' });
	});
	it('applies the maximum', () => {
		const one = question('multiple', { config: { maxSelect: 1 } });
		expect(parseOne(one, { '': ['o1', 'o2'] }).error).toEqual({
			code: 'tooManyChoices',
			params: { max: 1 }
		});
	});
});

describe('ranking', () => {
	const q = question('ranking'); // o1, o2, o3; every option must be ranked

	it('stores the options in rank order', () => {
		expect(parseOne(q, { o1: '2', o2: '3', o3: '1' }).answer).toEqual({
			order: ['o3', 'o1', 'o2']
		});
	});
	it.each(['x', '0', '4', '1.5', '-1'])('rejects the rank %j', (rank) => {
		expect(parseOne(q, { o1: rank, o2: '1', o3: '2' }).error).toEqual({
			code: 'invalidRank',
			params: { max: 3 }
		});
	});
	it('rejects a rank given twice', () => {
		expect(parseOne(q, { o1: '1', o2: '1', o3: '2' }).error).toEqual({ code: 'duplicateRank' });
	});
	it('rejects gaps', () => {
		expect(parseOne(q, { o1: '1', o2: '3', o3: '' }).error).toEqual({ code: 'rankGap' });
	});
	it('requires every option to be ranked when there is no top k', () => {
		expect(parseOne(q, { o1: '1', o2: '2', o3: '' }).error).toEqual({
			code: 'rankCount',
			params: { expected: 3 }
		});
	});
	it('requires exactly k ranks for a top k', () => {
		const top2 = question('ranking', { config: { topK: 2 } });
		expect(parseOne(top2, { o1: '', o2: '2', o3: '1' }).answer).toEqual({ order: ['o3', 'o2'] });
		expect(parseOne(top2, { o2: '1' }).error).toEqual({
			code: 'rankCount',
			params: { expected: 2 }
		});
		expect(parseOne(top2, { o1: '3', o2: '1', o3: '2' }).error).toEqual({
			code: 'invalidRank',
			params: { max: 2 }
		});
	});
	it('treats all-empty ranks as no answer', () => {
		expect(parseOne(q, { o1: '', o2: '', o3: '' })).toMatchObject({ answer: undefined });
		expect(parseOne({ ...q, required: true }, { o1: '' }).error).toEqual({ code: 'required' });
	});
});

describe('matrix', () => {
	const q = question('matrix'); // rows r1, r2; scale s1..s5; "no answer" allowed

	it('stores one scale value per row', () => {
		expect(parseOne(q, { r1: 's1', r2: NO_ANSWER }).answer).toEqual({
			rows: { r1: 's1', r2: NO_ANSWER }
		});
	});
	it('rejects unknown scale values', () => {
		expect(parseOne(q, { r1: 's9' }).error).toEqual({ code: 'unknownOption' });
	});
	it('rejects "no answer" where the question does not offer it', () => {
		const strict = question('matrix', { config: { allowNoAnswer: false } });
		expect(parseOne(strict, { r1: NO_ANSWER, r2: 's2' }).error).toEqual({
			code: 'unknownOption'
		});
	});
	it('requires every row of a required matrix', () => {
		expect(parseOne({ ...q, required: true }, { r1: 's2', r2: '' }).error).toEqual({
			code: 'matrixIncomplete',
			params: { missing: 1 }
		});
		expect(parseOne(q, { r1: 's2' }).answer).toEqual({ rows: { r1: 's2' } });
	});
	it('treats a row the matrix does not have as a forged field', () => {
		expect(parseOne(q, { r1: 's1', r7: 's1' }).formError).toEqual({ code: 'unknownField' });
	});
});

describe('rating', () => {
	const q = question('rating'); // 1..5

	it('stores the value', () => {
		expect(parseOne(q, { '': ' 4 ' }).answer).toEqual({ value: 4 });
	});
	it.each(['0', '6', '3.5', 'gut'])('rejects %j', (value) => {
		expect(parseOne(q, { '': value }).error).toEqual({
			code: 'outOfRange',
			params: { min: 1, max: 5 }
		});
	});
});

describe('text', () => {
	const q = question('short_text', { config: { minLength: 3, maxLength: 5 } });

	it('stores the trimmed text', () => {
		expect(parseOne(q, { '': '  Hallo ' }).answer).toEqual({ text: 'Hallo' });
	});
	it('counts characters, not UTF-16 units', () => {
		expect(parseOne(q, { '': '😀😀😀😀😀' }).answer).toEqual({ text: '😀😀😀😀😀' });
		expect(parseOne(q, { '': '😀😀😀😀😀😀' }).error).toEqual({
			code: 'tooLong',
			params: { max: 5 }
		});
	});
	it('rejects text shorter than the minimum', () => {
		expect(parseOne(q, { '': 'ja' }).error).toEqual({ code: 'tooShort', params: { min: 3 } });
	});
	it('removes control characters but keeps newlines and tabs', () => {
		const long = question('long_text');
		expect(parseOne(long, { '': 'a\u0000b\u0007c\r\nd\te\u009f' }).answer).toEqual({
			text: 'abc\nd\te'
		});
	});
	it('keeps HTML as plain text', () => {
		const long = question('long_text');
		const text = '<script>alert("x")</script> & <b>fett</b>';
		expect(parseOne(long, { '': text }).answer).toEqual({ text });
	});
	it('treats whitespace only as no answer', () => {
		expect(parseOne({ ...q, required: true }, { '': ' \n\t ' }).error).toEqual({
			code: 'required'
		});
	});
});

describe('number', () => {
	const q = question('number');

	it.each([
		['3,5', 3.5],
		['3.5', 3.5],
		[' -12 ', -12],
		['1e3', 1000],
		[',5', 0.5]
	])('reads %j as %d', (raw, value) => {
		expect(parseOne(q, { '': raw }).answer).toEqual({ value });
	});
	it.each(['drei', '3,5,1', '1.000,5', '3 km', '1e999'])('rejects %j', (raw) => {
		expect(parseOne(q, { '': raw }).error).toEqual({ code: 'notANumber' });
	});
	it('rejects decimals where a whole number is asked for', () => {
		const whole = question('number', { config: { integer: true } });
		expect(parseOne(whole, { '': '2,5' }).error).toEqual({ code: 'notAnInteger' });
	});
	it('enforces the bounds, naming them and the unit', () => {
		const km = question('number', { config: { min: 0, max: 50, unit: 'km' } });
		expect(parseOne(km, { '': '50,5' }).error).toEqual({
			code: 'outOfRange',
			params: { min: 0, max: 50, unit: 'km' }
		});
		const atLeast = question('number', { config: { min: 1 } });
		expect(parseOne(atLeast, { '': '0' }).error).toEqual({
			code: 'outOfRange',
			params: { min: 1, unit: '' }
		});
	});
	it('rejects absurdly large numbers even without bounds', () => {
		expect(parseOne(q, { '': '2e12' }).error).toEqual({
			code: 'outOfRange',
			params: { max: LIMITS.number, unit: '' }
		});
		expect(parseOne(q, { '': '-2e12' }).error).toEqual({
			code: 'outOfRange',
			params: { min: -LIMITS.number, unit: '' }
		});
	});
});

describe('budget', () => {
	const q = question('budget'); // o1..o3, 100 Punkte

	it('stores the allocation, empty fields as 0', () => {
		expect(parseOne(q, { o1: '60', o2: '40', o3: '' }).answer).toEqual({
			allocation: { o1: 60, o2: 40, o3: 0 }
		});
	});
	it('requires the exact total once anything is allocated', () => {
		expect(parseOne(q, { o1: '50', o2: '40' }).error).toEqual({
			code: 'budgetTotal',
			params: { total: 100, sum: 90, unit: 'Punkte' }
		});
	});
	it.each(['-5', '2,5', 'viel', '101'])('rejects the amount %j', (amount) => {
		expect(parseOne(q, { o1: amount, o2: '0' }).error).toEqual({
			code: 'invalidAmount',
			params: { total: 100, unit: 'Punkte' }
		});
	});
	it('treats nothing allocated as no answer unless required', () => {
		expect(parseOne(q, { o1: '0', o2: '' })).toMatchObject({ answer: undefined, error: undefined });
		expect(parseOne({ ...q, required: true }, { o1: '0' }).error).toEqual({
			code: 'budgetTotal',
			params: { total: 100, sum: 0, unit: 'Punkte' }
		});
	});
});

describe('conditions', () => {
	const trigger = question('multiple');
	const follow = question('short_text', {
		required: true,
		condition: { questionId: trigger.id, optionIds: ['o2', 'o3'] }
	});

	it('shows a question when an earlier answer includes one of its options', () => {
		expect(isVisible(follow, { [trigger.id]: { choices: ['o1', 'o3'] } })).toBe(true);
		expect(isVisible(follow, { [trigger.id]: { choices: ['o1'] } })).toBe(false);
		expect(isVisible(follow, {})).toBe(false);
		const single = { ...follow, condition: { questionId: trigger.id, optionIds: ['o1'] } };
		expect(isVisible(single, { [trigger.id]: { choice: 'o1' } })).toBe(true);
	});
	it('asks a visible conditional question like any other', () => {
		const earlier = { [trigger.id]: { choices: ['o2'] } };
		expect(parseOne(follow, { '': 'Mehr Bänke' }, earlier).answer).toEqual({ text: 'Mehr Bänke' });
		expect(parseOne(follow, {}, earlier).error).toEqual({ code: 'required' });
	});
	it('neither requires nor stores an answer to a hidden question', () => {
		const earlier = { [trigger.id]: { choices: ['o1'] } };
		expect(parseOne(follow, {}, earlier)).toMatchObject({ answer: undefined, error: undefined });
		expect(parseOne(follow, { '': 'trotzdem' }, earlier)).toMatchObject({
			answer: undefined,
			error: { code: 'hiddenQuestion' }
		});
	});
});

describe('fields that belong to no question on the page', () => {
	const q = question('single');

	it('reports a forged question id and still reads the real answers', () => {
		const form = formFor(q, { '': 'o1' });
		form.append(`q.${randomUUID()}`, 'o1');
		const { answers, errors } = parseAnswers([q], answerInputFromFormData(form), {});
		expect(errors).toEqual({ _form: { code: 'unknownField' } });
		expect(answers).toEqual({ [q.id]: { choice: 'o1' } });
	});
	it('reports a question from another page', () => {
		const elsewhere = question('short_text');
		const form = formFor(elsewhere, { '': 'x' });
		expect(parseAnswers([q], answerInputFromFormData(form), {}).errors._form).toEqual({
			code: 'unknownField'
		});
	});
	it('ignores fields outside the q. namespace', () => {
		const form = formFor(q, { '': 'o1' });
		form.append('csrf', 'x');
		form.append('action', 'next');
		expect(parseAnswers([q], answerInputFromFormData(form), {}).errors).toEqual({});
	});
});

describe('validateAnswer', () => {
	const questions = {
		single: question('single', { config: { allowOther: true } }),
		multiple: question('multiple', { config: { maxSelect: 2 } }),
		ranking: question('ranking'),
		matrix: question('matrix', { required: true }),
		rating: question('rating'),
		short_text: question('short_text', { config: { maxLength: 5 } }),
		long_text: question('long_text'),
		number: question('number', { config: { integer: true } }),
		budget: question('budget')
	} satisfies { [T in QuestionType]: QuestionOf<T> };

	it.each([
		['single', { choice: 'o1' }],
		['single', { choice: OTHER, other: 'Bus' }],
		['multiple', { choices: ['o1', 'o2'] }],
		['ranking', { order: ['o2', 'o1', 'o3'] }],
		['matrix', { rows: { r1: 's1', r2: 's5' } }],
		['rating', { value: 5 }],
		['short_text', { text: 'kurz' }],
		['long_text', { text: '<p>Zeile 1\nZeile 2</p>' }],
		['number', { value: -3 }],
		['budget', { allocation: { o1: 100 } }]
	] as const)('accepts a valid %s answer', (type, value) => {
		expect(validateAnswer(questions[type], value)).toBeNull();
	});

	it.each([
		['single', { choice: ['o1'] }],
		['single', { choice: 'o1', other: 'x' }],
		['single', 'o1'],
		['multiple', { choices: 'o1' }],
		['multiple', { choices: [] }],
		['multiple', { choices: [1] }],
		['ranking', { order: 'o1' }],
		['matrix', { rows: [['r1', 's1']] }],
		['matrix', { rows: { r1: 1 } }],
		['rating', { value: '3' }],
		['short_text', { text: ['a'] }],
		['short_text', { text: 'a', extra: true }],
		['short_text', { text: ' padded ' }],
		['short_text', { text: 'a\u0000b' }],
		['long_text', null],
		['number', { value: '3' }],
		['budget', { allocation: { o1: '100' } }],
		['budget', []]
	] as const)('rejects a malformed %s answer %j', (type, value) => {
		expect(validateAnswer(questions[type], value)).toEqual({ code: 'invalidAnswer' });
	});

	it('applies the same rules as the form', () => {
		const { multiple, ranking, matrix, short_text, number, budget, single } = questions;
		expect(validateAnswer(single, { choice: OTHER })).toEqual({ code: 'otherTextMissing' });
		expect(validateAnswer(multiple, { choices: ['o1', 'o2', 'o3'] })).toEqual({
			code: 'tooManyChoices',
			params: { max: 2 }
		});
		expect(validateAnswer(multiple, { choices: ['o1', 'o1'] })).toEqual({
			code: 'duplicateChoice'
		});
		expect(validateAnswer(ranking, { order: ['o1', 'o9', 'o2'] })).toEqual({
			code: 'unknownOption'
		});
		expect(validateAnswer(ranking, { order: ['o1'] })).toEqual({
			code: 'rankCount',
			params: { expected: 3 }
		});
		expect(validateAnswer(matrix, { rows: { r1: 's1' } })).toEqual({
			code: 'matrixIncomplete',
			params: { missing: 1 }
		});
		expect(validateAnswer(short_text, { text: 'zu lang' })).toEqual({
			code: 'tooLong',
			params: { max: 5 }
		});
		expect(validateAnswer(number, { value: 1.5 })).toEqual({ code: 'notAnInteger' });
		expect(validateAnswer(number, { value: NaN })).toEqual({ code: 'notANumber' });
		expect(validateAnswer(budget, { allocation: { o1: 50.5, o2: 49.5 } })).toEqual({
			code: 'invalidAmount',
			params: { total: 100, unit: 'Punkte' }
		});
		expect(validateAnswer(budget, { allocation: { o1: 50, o2: 40 } })).toEqual({
			code: 'budgetTotal',
			params: { total: 100, sum: 90, unit: 'Punkte' }
		});
		expect(validateAnswer(budget, { allocation: { o1: 50, o9: 50 } })).toEqual({
			code: 'unknownOption'
		});
	});
});

describe('completeResponse', () => {
	// q1 → q2 (if q1 = o1) → q3 (if q2 = o2): a chain of conditions across three pages.
	const q1 = question('single', { pageId: 'p1', required: true });
	const q2 = question('single', {
		pageId: 'p2',
		required: true,
		condition: { questionId: q1.id, optionIds: ['o1'] }
	});
	const q3 = question('long_text', {
		pageId: 'p3',
		required: true,
		condition: { questionId: q2.id, optionIds: ['o2'] }
	});
	const all = [q1, q2, q3];

	it('keeps a complete response as it is', () => {
		const answers = {
			[q1.id]: { choice: 'o1' },
			[q2.id]: { choice: 'o2' },
			[q3.id]: { text: 'ja' }
		};
		expect(completeResponse(all, answers)).toEqual({ answers, errors: {} });
	});
	it('drops answers that a changed earlier answer has hidden, down the chain', () => {
		const answers = {
			[q1.id]: { choice: 'o2' },
			[q2.id]: { choice: 'o2' },
			[q3.id]: { text: 'ja' }
		};
		expect(completeResponse(all, answers)).toEqual({
			answers: { [q1.id]: { choice: 'o2' } },
			errors: {}
		});
	});
	it('drops answers to questions that no longer exist', () => {
		const answers = { [q1.id]: { choice: 'o2' }, [randomUUID()]: { text: 'alt' } };
		expect(completeResponse(all, answers).answers).toEqual({ [q1.id]: { choice: 'o2' } });
	});
	it('reports visible required questions without an answer', () => {
		expect(completeResponse(all, { [q1.id]: { choice: 'o1' } }).errors).toEqual({
			[q2.id]: { code: 'required' }
		});
		expect(completeResponse(all, {}).errors).toEqual({ [q1.id]: { code: 'required' } });
	});
	it('re-validates what it keeps', () => {
		const { answers, errors } = completeResponse(all, { [q1.id]: { choice: 'o9' } });
		expect(errors).toEqual({ [q1.id]: { code: 'unknownOption' } });
		expect(answers).toEqual({});
	});
	it('accepts what parseAnswers produced', () => {
		const form = formFor(q1, { '': 'o1' });
		const page1 = parseAnswers([q1], answerInputFromFormData(form), {}).answers;
		const page2 = parseAnswers([q2], answerInputFromFormData(formFor(q2, { '': 'o1' })), page1);
		expect(page2.errors).toEqual({});
		const answers = { ...page1, ...page2.answers };
		expect(completeResponse(all, answers)).toEqual({ answers, errors: {} });
	});
});
