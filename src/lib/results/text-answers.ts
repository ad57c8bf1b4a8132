// Free-text answers as the planners' page shows them: plain data, shared by the server
// (server/results/text-answers.*) and the page's components.

/** Which property of the stored answer holds the text. */
export type AnswerField = 'text' | 'other';

export interface TextQuestion {
	id: string;
	title: string;
	field: AnswerField;
}

export interface Theme {
	id: string;
	label: string;
}

export interface TextAnswer {
	responseId: string;
	text: string;
	submittedAt: Date;
	/** null: shown; otherwise the reason given when it was hidden (may be empty). */
	hiddenReason: string | null;
	themeIds: string[];
}

export interface ThemeCounts {
	/** Every theme of the question, by label, with the answers (of the query) coded with it. */
	themes: (Theme & { count: number })[];
	/** Answers of the query with no theme. */
	uncoded: number;
	/** Answers of the query. */
	total: number;
}

/** What a form action of the page answers: a message for the section `scope`, or field errors there. */
export interface TextActionResult {
	scope: string;
	message?: string;
	errors?: Record<string, string>;
	values?: Record<string, string>;
}
