import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { format, messages, type MessageKey } from '$lib/i18n/index.ts';
import { appContext } from '$lib/server/app.ts';
import { requireRole } from '$lib/server/auth/guards.ts';
import { findConsultationById } from '$lib/server/consultations/consultations.repository.ts';
import { isUuid } from '$lib/server/db/ids.ts';
import { formValues, parseForm, type FormErrors } from '$lib/server/http/forms.ts';
import { addPlace, movePlace, removePlace } from '$lib/server/mapcomments/places.ts';
import { addPlan, movePlan, removePlan } from '$lib/server/mapcomments/plans.ts';
import {
	areaForm,
	categoryEditForm,
	categoryForm,
	moveForm,
	placeForm,
	planForm,
	removeForm,
	SETUP_LIMITS,
	stageForm
} from '$lib/server/mapcomments/setup-forms.ts';
import { findStageIdByConsultation } from '$lib/server/mapcomments/stages.repository.ts';
import {
	addCategory,
	createStage,
	editCategory,
	findStageOfConsultation,
	moveCategory,
	removeCategory,
	saveArea,
	saveStageSettings
} from '$lib/server/mapcomments/stages.service.ts';

type Section = 'settings' | 'categories' | 'area' | 'plans' | 'places';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'planner');
	const m = messages(event.locals.locale);
	if (!isUuid(event.params.id)) error(404, m.error404);
	const { db, config } = await appContext();
	const consultation = await findConsultationById(db, event.params.id);
	if (!consultation) error(404, m.error404);
	const stage = await findStageOfConsultation(db, consultation.id);
	return {
		consultation: { id: consultation.id, title: consultation.title },
		stage,
		tiles: config.map.tiles ? { attribution: config.map.tiles.attribution } : null
	};
};

/** Role check, ids and the submitted form, shared by every action. */
async function begin(event: RequestEvent<{ id: string }>) {
	const planner = requireRole(event, 'planner');
	const m = messages(event.locals.locale);
	if (!isUuid(event.params.id)) error(404, m.error404);
	const deps = await appContext();
	return {
		actorId: planner.id,
		consultationId: event.params.id,
		stageId: await findStageIdByConsultation(deps.db, event.params.id),
		locale: event.locals.locale,
		m,
		form: await event.request.formData(),
		deps
	};
}

/** Every action but the first needs the stage. */
async function beginWithStage(event: RequestEvent<{ id: string }>) {
	const context = await begin(event);
	if (!context.stageId) error(404, context.m.error404);
	return { ...context, stageId: context.stageId };
}

function echo(form: FormData): Record<string, string> {
	const values = formValues(form);
	const area = form.get('area');
	if (typeof area === 'string') values.area = area.slice(0, 200_000);
	return values;
}

const refused = (section: Section, errors: FormErrors, form?: FormData, status = 400) =>
	fail(status, { section, errors, values: form ? echo(form) : {} });
const saved = (section: Section, message: string) => ({ section, message });
const notFound = (m: ReturnType<typeof messages>): never => error(404, m.error404);

export const actions: Actions = {
	create: async (event) => {
		const { actorId, consultationId, locale, m, form, deps } = await begin(event);
		if (!(await findConsultationById(deps.db, consultationId))) notFound(m);
		const parsed = parseForm(stageForm, form, locale);
		if (!parsed.ok) return refused('settings', parsed.errors, form);
		const result = await createStage(deps, actorId, consultationId, parsed.data);
		if (result.ok) return saved('settings', m.mapStageCreated);
		if (result.reason === 'exists')
			return refused('settings', { form: m.mapStageExists }, form, 409);
		return refused('settings', gapErrors(m, result.gaps), form);
	},

	settings: async (event) => {
		const { actorId, stageId, locale, m, form, deps } = await beginWithStage(event);
		const parsed = parseForm(stageForm, form, locale);
		if (!parsed.ok) return refused('settings', parsed.errors, form);
		const result = await saveStageSettings(deps, actorId, stageId, parsed.data);
		if (result.ok) return saved('settings', m.mapStageSaved);
		if (result.reason === 'notFound') return notFound(m);
		return refused('settings', gapErrors(m, result.gaps), form);
	},

	addCategory: async (event) => {
		const { actorId, stageId, locale, m, form, deps } = await beginWithStage(event);
		const parsed = parseForm(categoryForm, form, locale);
		if (!parsed.ok) return refused('categories', parsed.errors, form);
		const result = await addCategory(deps, actorId, stageId, parsed.data, SETUP_LIMITS.categories);
		if (result.ok) return saved('categories', m.mapCategoryAdded);
		return categoryRefusal(m, result.reason, form);
	},

	editCategory: async (event) => {
		const { actorId, stageId, locale, m, form, deps } = await beginWithStage(event);
		const parsed = parseForm(categoryEditForm, form, locale);
		// The fields sit in a table row; the summary names the problem.
		if (!parsed.ok) return refused('categories', { form: Object.values(parsed.errors)[0]! }, form);
		const { categoryId, ...input } = parsed.data;
		const result = await editCategory(deps, actorId, stageId, categoryId, input);
		if (result.ok) return saved('categories', m.mapCategoryChanged);
		return categoryRefusal(m, result.reason, form, true);
	},

	moveCategory: async (event) => moved(event, 'categories', moveCategory),

	removeCategory: async (event) => {
		const { actorId, stageId, locale, m, form, deps } = await beginWithStage(event);
		const parsed = parseForm(removeForm, form, locale);
		if (!parsed.ok) return refused('categories', { form: m.mapSetupConfirmRequired });
		const result = await removeCategory(deps, actorId, stageId, parsed.data.id);
		if (result.ok) return saved('categories', m.mapCategoryRemoved);
		if (result.reason === 'notFound') return notFound(m);
		if (result.reason === 'lastOfOpen')
			return refused('categories', { form: m.mapCategoryLastOfOpen }, undefined, 409);
		return refused(
			'categories',
			{ form: format(m.mapCategoryInUse, { count: result.count }) },
			undefined,
			409
		);
	},

	area: async (event) => {
		const { actorId, stageId, locale, m, form, deps } = await beginWithStage(event);
		const parsed = parseForm(areaForm, form, locale);
		if (!parsed.ok) return refused('area', parsed.errors, form);
		const result = await saveArea(deps, actorId, stageId, parsed.data.area);
		if (result.ok) {
			const message = parsed.data.area.trim() ? m.mapAreaSaved : m.mapAreaRemoved;
			const warning = result.commentsOutside
				? format(m.mapAreaCommentsOutside, { count: result.commentsOutside })
				: null;
			return { ...saved('area', message), warning };
		}
		if (result.reason === 'notFound') return notFound(m);
		if (result.reason === 'area') return refused('area', { area: m[result.error] }, form);
		const names = result.names.map((n) => `„${n}“`).join(', ');
		return refused('area', { area: format(m.mapAreaPlacesOutside, { names }) }, form, 409);
	},

	addPlan: async (event) => {
		const { actorId, stageId, locale, m, form, deps } = await beginWithStage(event);
		const parsed = parseForm(planForm, form, locale);
		if (!parsed.ok) return refused('plans', parsed.errors, form);
		const { plan, planTitle, planDescription, bounds } = parsed.data;
		const input = { file: plan, title: planTitle, description: planDescription, bounds };
		const result = await addPlan(deps, actorId, stageId, input);
		if (result.ok) return saved('plans', m.mapPlanAdded);
		if (result.reason === 'notFound') return notFound(m);
		if (result.reason === 'tooMany') return refused('plans', { form: m.mapPlanTooMany }, form, 409);
		return refused('plans', { plan: m[result.error] }, form);
	},

	movePlan: async (event) => moved(event, 'plans', movePlan),

	removePlan: async (event) => {
		const { actorId, stageId, locale, m, form, deps } = await beginWithStage(event);
		const parsed = parseForm(removeForm, form, locale);
		if (!parsed.ok) return refused('plans', { form: m.mapSetupConfirmRequired });
		const result = await removePlan(deps, actorId, stageId, parsed.data.id);
		if (result.ok) return saved('plans', m.mapPlanRemoved);
		if (result.reason === 'notFound') return notFound(m);
		if (result.reason === 'lastView')
			return refused('plans', { form: m.mapPlanLastView }, undefined, 409);
		return refused(
			'plans',
			{ form: format(m.mapPlanHasComments, { count: result.count }) },
			undefined,
			409
		);
	},

	addPlace: async (event) => {
		const { actorId, stageId, locale, m, form, deps } = await beginWithStage(event);
		const parsed = parseForm(placeForm, form, locale);
		if (!parsed.ok) return refused('places', parsed.errors, form);
		const result = await addPlace(deps, actorId, stageId, parsed.data);
		if (result.ok) return saved('places', m.mapPlaceAdded);
		if (result.reason === 'notFound') return notFound(m);
		if (result.reason === 'tooMany')
			return refused('places', { form: m.mapPlaceTooMany }, form, 409);
		return refused('places', { [result.field]: m[result.error] }, form);
	},

	movePlace: async (event) => moved(event, 'places', movePlace),

	removePlace: async (event) => {
		const { actorId, stageId, locale, m, form, deps } = await beginWithStage(event);
		const parsed = parseForm(removeForm, form, locale);
		if (!parsed.ok) return refused('places', { form: m.mapSetupConfirmRequired });
		const result = await removePlace(deps, actorId, stageId, parsed.data.id);
		if (!result.ok) return notFound(m);
		return saved('places', m.mapPlaceRemoved);
	}
};

type Mover = typeof moveCategory;

async function moved(event: RequestEvent<{ id: string }>, section: Section, move: Mover) {
	const { actorId, stageId, locale, m, form, deps } = await beginWithStage(event);
	const parsed = parseForm(moveForm, form, locale);
	if (!parsed.ok) return notFound(m);
	const result = await move(deps, actorId, stageId, parsed.data.id, parsed.data.direction);
	if (!result.ok) return notFound(m);
	return saved(section, m.mapMoved);
}

/** Each gap points at the field that fills it. */
function gapErrors(m: ReturnType<typeof messages>, gaps: string[]): FormErrors {
	const errors: FormErrors = {};
	for (const gap of gaps)
		errors[gap === 'mapOpenNeedsView' ? 'form' : 'status'] = m[gap as MessageKey];
	return errors;
}

function categoryRefusal(
	m: ReturnType<typeof messages>,
	reason: 'notFound' | 'nameTaken' | 'tooMany' | 'colorUnknown',
	form: FormData,
	inRow = false
) {
	if (reason === 'notFound') return notFound(m);
	const key = (
		{
			nameTaken: 'mapCategoryNameTaken',
			tooMany: 'mapCategoryTooMany',
			colorUnknown: 'mapCategoryColorInvalid'
		} as const
	)[reason];
	const field = inRow || reason === 'tooMany' ? 'form' : reason === 'nameTaken' ? 'name' : 'color';
	return refused('categories', { [field]: m[key] }, form, reason === 'nameTaken' ? 409 : 400);
}
