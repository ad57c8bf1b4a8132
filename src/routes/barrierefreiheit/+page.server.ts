import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { appContext } from '$lib/server/app.ts';
import { consumeRateLimit } from '$lib/server/auth/rate-limit.ts';
import { config } from '$lib/server/config.ts';
import { submitAccessibilityFeedback } from '$lib/server/feedback/feedback.ts';
import { fieldError, fields, formValues, parseForm } from '$lib/server/http/forms.ts';
import { messages } from '$lib/i18n/index.ts';

const feedbackForm = z.object({
	name: fields.optionalText(100),
	email: fields.optionalEmail(),
	pageUrl: fields.optionalText(500),
	message: fields.text(5000)
});

export const load: PageServerLoad = () => ({ site: config().site });

export const actions: Actions = {
	default: async (event) => {
		const { locale } = event.locals;
		const form = await event.request.formData();
		const parsed = parseForm(feedbackForm, form, locale);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values, sent: false });
		const ctx = await appContext();
		const { windowMs, perAddress } = ctx.config.rateLimit;
		if (
			!(await consumeRateLimit(
				ctx.db,
				`feedback:ip:${event.getClientAddress()}`,
				perAddress,
				windowMs
			))
		) {
			return fail(429, {
				errors: fieldError('form', messages(locale).error429),
				values: formValues(form),
				sent: false
			});
		}
		await submitAccessibilityFeedback(ctx, parsed.data);
		return { sent: true, errors: undefined, values: undefined };
	}
};
