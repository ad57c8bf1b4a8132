import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizePath, messages, type MessageKey } from '$lib/i18n/index.ts';
import { filterParams } from '$lib/mapcomments/view-query.ts';
import { appContext } from '$lib/server/app.ts';
import { requireUser } from '$lib/server/auth/guards.ts';
import { formValues, parseForm } from '$lib/server/http/forms.ts';
import { createComment } from '$lib/server/mapcomments/comments.service.ts';
import { commentForm } from '$lib/server/mapcomments/forms.ts';
import {
	findVisibleStage,
	loadViewData,
	parseViewQuery,
	writeAccess
} from '$lib/server/mapcomments/map-page.ts';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const ctx = await appContext();
	const m = messages(locals.locale);
	const found = await findVisibleStage(ctx.db, params.slug, locals.user);
	if (!found) error(404, m.error404);
	const query = parseViewQuery(found.stage, url.searchParams);
	if (!query.ok) error(400, m[query.error]);
	const tiles = ctx.config.map.tiles;
	return {
		...found,
		query: { ...query.value, markers: false },
		// The list as the page first shows it (and the only list without JavaScript).
		view: await loadViewData(ctx.db, found.stage, { ...query.value, markers: false }),
		created: url.searchParams.has('neu'),
		tiles:
			found.stage.baseMap && tiles
				? { attribution: tiles.attribution, maxZoom: tiles.maxZoom }
				: null,
		access: await writeAccess(ctx, found.stage, locals.user)
	};
};

export const actions: Actions = {
	hinweis: async (event) => {
		const user = requireUser(event);
		const { locale } = event.locals;
		const m = messages(locale);
		const ctx = await appContext();
		const found = await findVisibleStage(ctx.db, event.params.slug, user);
		if (!found) error(404, m.error404);
		const form = await event.request.formData();
		const values = formValues(form);
		const parsed = parseForm(commentForm, form, locale);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
		const result = await createComment(ctx, user, found.stage.id, parsed.data);
		if (!result.ok) {
			const message = m[result.error as MessageKey] ?? m.vRequired;
			return fail(result.status, { errors: { [result.field]: message }, values });
		}
		// Back to the map with the new comment selected: the resident sees it among the others.
		const planId = parsed.data.placeId
			? (found.stage.places.find((p) => p.id === parsed.data.placeId)?.planId ?? null)
			: parsed.data.planId;
		const ownView = found.stage.plans.some((p) => p.id === planId && p.bounds === null);
		const search = filterParams(
			{ planId: ownView ? planId : null, categoryIds: [], statuses: [], sort: 'neueste' },
			{ hinweis: result.id, neu: '1' }
		);
		redirect(
			303,
			`${localizePath(`/beteiligung/${found.consultation.slug}/karte`, locale)}?${search}`
		);
	}
};
