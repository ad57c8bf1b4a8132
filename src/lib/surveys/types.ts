// Survey structure and answer shapes, shared by the server (validation, storage) and the
// components that render questions. No database types here.

export const QUESTION_TYPES = [
	'single',
	'multiple',
	'ranking',
	'matrix',
	'rating',
	'short_text',
	'long_text',
	'number',
	'budget'
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface Option {
	/** Stable within the question ("o1", "o2", …); answers refer to it, never to the label. */
	id: string;
	label: string;
}

export interface ChoiceConfig {
	options: Option[];
	allowOther: boolean;
}
export interface MultipleConfig extends ChoiceConfig {
	minSelect: number | null;
	maxSelect: number | null;
}
export interface RankingConfig {
	options: Option[];
	/** null: every option must be ranked; k: the top k. */
	topK: number | null;
}
export interface MatrixConfig {
	rows: Option[];
	scale: Option[];
	allowNoAnswer: boolean;
}
export interface RatingConfig {
	min: 0 | 1;
	max: 5 | 10;
	minLabel: string;
	maxLabel: string;
}
export interface TextConfig {
	minLength: number;
	maxLength: number;
}
export interface NumberConfig {
	min: number | null;
	max: number | null;
	integer: boolean;
	unit: string;
}
export interface BudgetConfig {
	options: Option[];
	total: number;
	unit: string;
}

export interface QuestionConfigs {
	single: ChoiceConfig;
	multiple: MultipleConfig;
	ranking: RankingConfig;
	matrix: MatrixConfig;
	rating: RatingConfig;
	short_text: TextConfig;
	long_text: TextConfig;
	number: NumberConfig;
	budget: BudgetConfig;
}

/** Show the question only if the answer to an earlier (single or multiple choice) question includes one of these options. */
export interface Condition {
	questionId: string;
	optionIds: string[];
}

interface QuestionBase<T extends QuestionType> {
	id: string;
	pageId: string;
	position: number;
	type: T;
	title: string;
	help: string;
	required: boolean;
	config: QuestionConfigs[T];
	condition: Condition | null;
}

export type Question = { [T in QuestionType]: QuestionBase<T> }[QuestionType];
export type QuestionOf<T extends QuestionType> = QuestionBase<T>;

export interface SurveyPage {
	id: string;
	position: number;
	title: string;
}

export interface Answers {
	single: { choice: string; other?: string };
	multiple: { choices: string[]; other?: string };
	ranking: { order: string[] };
	matrix: { rows: Record<string, string> };
	rating: { value: number };
	short_text: { text: string };
	long_text: { text: string };
	number: { value: number };
	budget: { allocation: Record<string, number> };
}
export type Answer = Answers[QuestionType];
export type AnswerMap = Record<string, Answer>;

/** Reserved option ids in forms: "other" choice and "no answer" in a matrix row. */
export const OTHER = '__other';
export const NO_ANSWER = '__na';

export const LIMITS = {
	title: 300,
	help: 1000,
	optionLabel: 200,
	options: 30,
	matrixRows: 30,
	shortText: 500,
	longText: 5000,
	otherText: 200,
	budgetTotal: 1_000_000_000,
	number: 1e12
} as const;

/** Form field names: `q.<questionId>` and `q.<questionId>.<optionOrRowId>` (and `.other`). */
export function fieldName(questionId: string, part?: string): string {
	return part ? `q.${questionId}.${part}` : `q.${questionId}`;
}
