// Plain data the survey builder's pages render: no database types, nothing server-only.
import type { Option, QuestionType } from './types.ts';

type SurveyKind = 'survey' | 'poll';
type ParticipationMode = 'account' | 'code' | 'open';
type ResultsVisibility = 'after_vote' | 'after_close' | 'planners';

/** The question form as the browser sends it: text as typed, check boxes as booleans. */
export interface QuestionFormInput {
	title: string;
	help: string;
	required: boolean;
	options?: string;
	allowOther?: boolean;
	minSelect?: string;
	maxSelect?: string;
	topK?: string;
	rows?: string;
	scale?: string;
	allowNoAnswer?: boolean;
	ratingRange?: string;
	minLabel?: string;
	maxLabel?: string;
	minLength?: string;
	maxLength?: string;
	min?: string;
	max?: string;
	integer?: boolean;
	unit?: string;
	total?: string;
	conditionQuestion?: string;
	/** `<question id>:<option id>` for every ticked box, whichever question it belongs to. */
	conditionOptions?: string[];
}

export type BuilderState = 'draft' | 'upcoming' | 'open' | 'closed' | 'archived';

export interface BuilderQuestionItem {
	id: string;
	title: string;
	type: QuestionType;
	required: boolean;
	conditionText: string | null;
}

export interface BuilderPageItem {
	id: string;
	number: number;
	title: string;
	questions: BuilderQuestionItem[];
}

export interface BuilderView {
	survey: {
		id: string;
		kind: SurveyKind;
		title: string;
		mode: ParticipationMode;
		state: BuilderState;
		version: number;
		opensAt: Date | null;
		closesAt: Date | null;
		previousVersionId: string | null;
	};
	consultation: { id: string; slug: string; title: string } | null;
	settings: {
		title: string;
		intro: string;
		mode: ParticipationMode;
		opensAt: string;
		closesAt: string;
		resultsVisibility: ResultsVisibility;
	};
	pages: BuilderPageItem[];
	responses: { total: number; submitted: number };
	locked: boolean;
	codes: { total: number; used: number } | null;
	nextVersion: { id: string; version: number } | null;
}

export interface ConditionCandidate {
	id: string;
	title: string;
	pageNumber: number;
	options: Option[];
}

export interface QuestionEditView {
	survey: { id: string; kind: SurveyKind; title: string; state: BuilderState };
	question: { id: string; type: QuestionType; title: string; pageNumber: number };
	/** The form's fields as text: check boxes 'on' or '', ticked condition boxes one per line. */
	values: Record<string, string>;
	candidates: ConditionCandidate[];
	locked: boolean;
}

/** Which part of a page an action's answer belongs to. */
export type BuilderScope =
	'settings' | 'structure' | 'addPage' | 'addQuestion' | 'status' | 'delete' | `page-${string}`;

/** The second step of a destructive action: the same action again, with `confirm=ja`. */
export interface BuilderConfirm {
	action: string;
	fields: Record<string, string>;
	text: string;
	yes: string;
}

/** One shape for every builder action's answer, so the pages read them all alike. */
export interface BuilderResult {
	scope: BuilderScope;
	message?: string;
	error?: string;
	offerNewVersion?: boolean;
	errors?: Record<string, string>;
	values?: Record<string, string>;
	confirm?: BuilderConfirm;
}
