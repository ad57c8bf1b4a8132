import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { messages } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { renderMarkdown } from '$lib/server/consultations/markdown.ts';
import { previewPublished } from '$lib/server/results/published-results.ts';
import { requirePublished } from '$lib/server/results/published-route.ts';

export const load: PageServerLoad = async (event) => {
	const planner = event.locals.user?.roles.includes('planner') ?? false;
	if (planner && event.url.searchParams.has('vorschau')) {
		const m = messages(event.locals.locale);
		const document = await previewPublished(await appContext(), event.params.id);
		if ('ok' in document) {
			error(
				document.reason === 'draft' ? 409 : 404,
				document.reason === 'draft' ? m.rpDraftConflict : m.error404
			);
		}
		return { document, feedbackHtml: renderMarkdown(document.feedback, 'nested'), preview: true };
	}
	const { document } = await requirePublished(event);
	return { document, feedbackHtml: renderMarkdown(document.feedback, 'nested'), preview: false };
};
