import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { messages, type Locale } from '$lib/i18n/index.ts';
import type { PublishedResults } from '$lib/results/publication.ts';
import { appContext } from '$lib/server/app.ts';
import { renderMarkdown } from '$lib/server/consultations/markdown.ts';
import { previewPublished } from '$lib/server/results/published-results.ts';
import { requirePublished } from '$lib/server/results/published-route.ts';
import { summarize } from '$lib/server/results/summary.ts';

// The stored summaries are German (as in the open data); the English page writes them again
// from the same published numbers, which is safe because suppressed numbers are already gone.
function forPage(document: PublishedResults, locale: Locale, preview: boolean) {
	const questions =
		locale === 'de'
			? document.questions
			: document.questions.map((q) => ({ ...q, summary: summarize(q, locale, document.minCell) }));
	return {
		document: { ...document, questions },
		feedbackHtml: renderMarkdown(document.feedback, 'nested'),
		preview
	};
}

export const load: PageServerLoad = async (event) => {
	const { locale } = event.locals;
	const planner = event.locals.user?.roles.includes('planner') ?? false;
	if (planner && event.url.searchParams.has('vorschau')) {
		const m = messages(locale);
		const document = await previewPublished(await appContext(), event.params.id);
		if ('ok' in document) {
			const draft = document.reason === 'draft';
			error(draft ? 409 : 404, draft ? m.rpDraftConflict : m.error404);
		}
		return forPage(document, locale, true);
	}
	return forPage((await requirePublished(event)).document, locale, false);
};
