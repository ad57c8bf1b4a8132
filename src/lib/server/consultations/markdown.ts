import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// Planners write Markdown; residents get HTML through {@html}. Whatever marked produces is only a
// draft: sanitize-html decides what reaches the page, with an allow-list and no raw HTML.

/** Tags and attributes stripped down to text (so pasted HTML keeps its words, loses its markup). */
const textOnly: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {} };

const escapeText = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const marked = new Marked({
	gfm: true,
	breaks: false,
	async: false,
	renderer: {
		// Raw HTML in the source is never markup: only its text survives, script and style bodies go.
		html: ({ text }) => sanitizeHtml(text, textOnly),
		// No images in body text (they would load from anywhere and lack a reviewed alt text); the
		// alt text stays as plain text so no information is lost.
		image: ({ text }) => escapeText(text)
	}
});

/**
 * Heading levels in the output. The page has its own h1 (the title) and section h2s, so body text
 * starts at h2; feedback entries sit under an h3 and get h4 only. Levels beyond h4 become h4.
 */
export type HeadingLevels = 'body' | 'nested';

const HEADINGS: Record<HeadingLevels, Record<string, string>> = {
	body: { h1: 'h2', h2: 'h2', h3: 'h3', h4: 'h4', h5: 'h4', h6: 'h4' },
	nested: { h1: 'h4', h2: 'h4', h3: 'h4', h4: 'h4', h5: 'h4', h6: 'h4' }
};

function options(levels: HeadingLevels): sanitizeHtml.IOptions {
	return {
		allowedTags: [
			'p',
			'br',
			'strong',
			'em',
			'b',
			'i',
			'code',
			'pre',
			'blockquote',
			'ul',
			'ol',
			'li',
			'a',
			'h2',
			'h3',
			'h4',
			'hr'
		],
		allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'] },
		allowedSchemes: ['http', 'https', 'mailto'],
		allowedSchemesAppliedToAttributes: ['href'],
		allowProtocolRelative: false,
		disallowedTagsMode: 'discard',
		transformTags: {
			...Object.fromEntries(
				Object.entries(HEADINGS[levels]).map(([from, to]) => [
					from,
					sanitizeHtml.simpleTransform(to, {})
				])
			),
			// Links leave the site without handing it our address or a window handle.
			a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' })
		}
	};
}

const OPTIONS: Record<HeadingLevels, sanitizeHtml.IOptions> = {
	body: options('body'),
	nested: options('nested')
};

/** Markdown from planners → HTML safe for {@html}. */
export function renderMarkdown(markdown: string, levels: HeadingLevels = 'body'): string {
	const draft = marked.parse(markdown) as string;
	return sanitizeHtml(draft, OPTIONS[levels]).trim();
}
